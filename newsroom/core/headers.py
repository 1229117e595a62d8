"""Response headers Django's SecurityMiddleware does not set itself."""

from django.conf import settings


class SecurityHeadersMiddleware:
    """Adds Permissions-Policy and Cross-Origin-Resource-Policy.

    Pages are same-origin resources; static files and uploads may be shown by
    feed readers and other sites, so they are marked cross-origin.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.shared_prefixes = tuple(
            prefix for prefix in (settings.STATIC_URL, settings.MEDIA_URL) if prefix
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        shared = request.path.startswith(self.shared_prefixes)
        response.setdefault(
            "Cross-Origin-Resource-Policy", "cross-origin" if shared else "same-origin"
        )
        return response
