"""Compressed HTML for readers, and only for them.

BREACH recovers a secret from a compressed response by making the page echo
guesses beside it. Pages carrying a secret (a CSRF token in a form, anything
for a signed-in user, the admin) are therefore sent uncompressed; public
reader pages hold no secret, so compressing them gives nothing away.
"""

from django.middleware.gzip import GZipMiddleware


class ReaderGZipMiddleware(GZipMiddleware):
    """Django's GZipMiddleware, skipped for any response that may hold a
    secret: admin pages, signed-in users, pages that used a CSRF token or
    set a cookie."""

    def process_response(self, request, response):
        if not self.is_for_readers(request, response):
            return response
        return super().process_response(request, response)

    @staticmethod
    def is_for_readers(request, response) -> bool:
        if request.method not in ("GET", "HEAD") or response.streaming:
            return False
        if request.path.startswith(("/admin/", "/preview/", "/shared/")):
            return False
        # Set when a template or view asked for the CSRF token.
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or response.cookies:
            return False
        user = getattr(request, "user", None)
        return not (user is not None and user.is_authenticated)
