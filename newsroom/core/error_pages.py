"""The site's error pages, rendered without reading the request.

Django's own handlers (`django.views.defaults`) render through the CSRF
machinery, which reads `request.POST`; when the body is what was wrong (a
form sent in a charset Django refuses, say), the 400 handler fails the same
way and so does the 500 handler after it, and gunicorn answers with its raw
500. These handlers touch neither the body, the session, the database nor
the request context (error_base.html needs none of them), so they always
answer, and every answer states its length.
"""

from django.http import HttpResponse
from django.template.loader import render_to_string


def error_page(template: str, *, status: int, context=None) -> HttpResponse:
    """`template` (one of the styled error pages) as a complete answer."""
    response = HttpResponse(render_to_string(template, context), status=status)
    response["Content-Length"] = str(len(response.content))
    return response


def bad_request(request, exception=None):
    return error_page("400.html", status=400)


def permission_denied(request, exception=None):
    return error_page("403.html", status=403)


def page_not_found(request, exception=None):
    return error_page("404.html", status=404)


def server_error(request=None):
    return error_page("500.html", status=500)


def content_too_large(*, limit_bytes: int) -> HttpResponse:
    limit = f"{limit_bytes / 1024 / 1024:.0f} MB"
    return error_page("413.html", status=413, context={"limit": limit})


def method_not_allowed(allowed: list[str]) -> HttpResponse:
    response = error_page("405.html", status=405)
    response["Allow"] = ", ".join(allowed)
    return response
