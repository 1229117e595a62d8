"""What readers see when a service behind the site fails.

A database outage is not a bug in a page: it is answered with a short 503
page and `Retry-After`, logged once per request without a traceback, rather
than a 500 for every page that needed a query.
"""

import logging
import sys

from django import db
from django.http import HttpResponse
from django.template.loader import render_to_string

from newsroom.core.error_pages import server_error as server_error_page

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30

# OperationalError covers a refused or dropped connection and a locked or
# missing SQLite file; InterfaceError a connection that closed under us.
DATABASE_FAILURES = (db.OperationalError, db.InterfaceError)


def service_unavailable(request, exception):
    logger.error(
        "Database unavailable for %s %s: %s",
        request.method,
        request.path,
        str(exception).strip().splitlines()[0] if str(exception).strip() else "",
    )
    # error_base.html needs neither the database nor the request context.
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Turns a database outage raised by a view or its template into a 503."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_FAILURES):
            return service_unavailable(request, exception)
        return None


def server_error(request):
    """handler500: a database outage met outside a view (in a middleware,
    say) is still a 503; anything else is the usual 500 page, rendered
    without reading the request (see newsroom/core/error_pages.py)."""
    exception = sys.exc_info()[1]
    if isinstance(exception, DATABASE_FAILURES):
        return service_unavailable(request, exception)
    return server_error_page(request)
