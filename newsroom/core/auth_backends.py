"""Sign-in throttling (django-axes) wired to how this site is deployed."""

from axes.backends import AxesStandaloneBackend
from django.conf import settings


class LoginAttemptBackend(AxesStandaloneBackend):
    """Counts failed sign-ins and refuses locked-out user/address pairs.

    A sign-in with no HTTP request behind it (the shell, a management command,
    the test client's `login()`) cannot be a password-guessing attempt from
    the web, so it is passed on to the next backend instead of refused.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(
            request, username=username, password=password, **kwargs
        )


def client_ip(request):
    """The reader's address: REMOTE_ADDR, or, behind AXES_PROXY_HOPS proxies,
    the X-Forwarded-For entry the outermost of our proxies added (entries
    further left are whatever the client claimed and are not trusted)."""
    hops = settings.AXES_PROXY_HOPS
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if hops and forwarded:
        addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
        if len(addresses) >= hops:
            return addresses[-hops]
    return request.META.get("REMOTE_ADDR")
