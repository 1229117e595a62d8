"""Requests no page of this site can mean, answered before they reach one.

Django already turns malformed input into a 400 or a 404; these cover the
rest. A NUL byte, which PostgreSQL refuses in any query and so would surface
as a 500 deep inside a view, means nothing in text: in an address it is a
400, in query parameters it is dropped before any view reads them, so a
view that filters on a parameter directly cannot trip over it. Form fields
refuse it already (Django's ProhibitNullCharactersValidator). And the
body-less 405 Django sends for a method a view does not take gets a page like
any other error.
"""

import logging

from django.http import HttpResponseBadRequest, QueryDict
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

NUL = "\x00"


class HostileInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if NUL in request.path_info:
            logger.warning("Refused a NUL byte in the address %r", request.path)
            return HttpResponseBadRequest(render_to_string("400.html"))
        if NUL in request.META.get("QUERY_STRING", "") or self.has_nul(request.GET):
            request.GET = self.without_nul(request.GET)
        response = self.get_response(request)
        if response.status_code == 405 and not response.content:
            response.content = render_to_string("405.html")
            response["Content-Type"] = "text/html; charset=utf-8"
        return response

    @staticmethod
    def has_nul(query):
        return any(
            NUL in key or any(NUL in value for value in values)
            for key, values in query.lists()
        )

    @staticmethod
    def without_nul(query):
        cleaned = QueryDict(mutable=True)
        for key, values in query.lists():
            cleaned.setlist(
                key.replace(NUL, ""), [value.replace(NUL, "") for value in values]
            )
        cleaned._mutable = False
        return cleaned
