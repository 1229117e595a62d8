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
# Parameters whose empty value Django's admin takes for a field named ""
# (`?_to_field=` on a change or delete page is a 500 in Django 5.2): empty,
# they are dropped, which is what the admin does without them.
EMPTY_MEANS_ABSENT = {"_to_field"}


class HostileInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if NUL in request.path_info:
            logger.warning("Refused a NUL byte in the address %r", request.path)
            return HttpResponseBadRequest(render_to_string("400.html"))
        if self.needs_cleaning(request.GET):
            request.GET = self.cleaned(request.GET)
        response = self.get_response(request)
        if response.status_code == 405 and not response.content:
            response.content = render_to_string("405.html")
            response["Content-Type"] = "text/html; charset=utf-8"
        return response

    @staticmethod
    def needs_cleaning(query):
        return any(
            NUL in key
            or any(NUL in value for value in values)
            or (key in EMPTY_MEANS_ABSENT and not any(values))
            for key, values in query.lists()
        )

    @staticmethod
    def cleaned(query):
        cleaned = QueryDict(mutable=True)
        for key, values in query.lists():
            key = key.replace(NUL, "")
            values = [value.replace(NUL, "") for value in values]
            if key in EMPTY_MEANS_ABSENT and not any(values):
                continue
            cleaned.setlist(key, values)
        cleaned._mutable = False
        return cleaned
