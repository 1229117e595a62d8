"""Requests no page of this site can mean, answered before they reach one.

Django already turns malformed input into a 400 or a 404; these cover the
rest: a NUL byte (which PostgreSQL refuses in any query, so it would surface
as a 500 deep inside a view) and the body-less 405 Django sends for a method
a view does not take, which readers should see as a page like any other error.
"""

import logging

from django.http import HttpResponseBadRequest
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

NUL = "\x00"


class HostileInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self.has_nul(request):
            logger.warning("Refused a NUL byte in %s %r", request.method, request.path)
            return HttpResponseBadRequest(render_to_string("400.html"))
        response = self.get_response(request)
        if response.status_code == 405 and not response.content:
            response.content = render_to_string("405.html")
            response["Content-Type"] = "text/html; charset=utf-8"
        return response

    @staticmethod
    def has_nul(request):
        if NUL in request.path_info:
            return True
        # GET is parsed lazily; this is the parsing the view would do anyway.
        return any(
            NUL in key or any(NUL in value for value in values)
            for key, values in request.GET.lists()
        )
