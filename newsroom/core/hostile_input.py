"""Requests no page of this site can mean, answered before they reach one.

Django already turns malformed input into a 400 or a 404; these cover the
rest. A NUL byte, which PostgreSQL refuses in any query and so would surface
as a 500 deep inside a view, means nothing in text: in an address it is a
400, in query parameters it is dropped before any view reads them, so a
view that filters on a parameter directly cannot trip over it. Form fields
refuse it already (Django's ProhibitNullCharactersValidator).

A declared charset is the other trap: Django decodes the address's query
with the charset a `Content-Type` names, so a request saying `charset=idna`
or `base64` (codecs that cannot decode any bytes) fails while Django builds
the request object, before any middleware, and gunicorn answers its raw
500. `without_unreadable_charset` (wrapped around the WSGI application in
newsroom/wsgi.py) sets such a charset aside before Django reads it, and the
middleware answers the request with a 400; a form body in anything but
UTF-8, which Django refuses, is a 400 here too, before anything reads it.
A body longer than one image at its limit plus the form fields around it
is a 413 before it is read.
"""

import codecs
import functools
import logging
import warnings

from django.conf import settings
from django.http import QueryDict
from django.utils.http import parse_header_parameters

from newsroom.core.error_pages import bad_request, content_too_large
from newsroom.core.images import MAX_UPLOAD_BYTES

logger = logging.getLogger(__name__)

NUL = "\x00"
# Parameters whose empty value Django's admin takes for a field named ""
# (`?_to_field=` on a change or delete page is a 500 in Django 5.2): empty,
# they are dropped, which is what the admin does without them.
EMPTY_MEANS_ABSENT = {"_to_field"}
FORM_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}


def max_request_bytes() -> int:
    """One image at its limit and the largest form Django reads beside it."""
    return MAX_UPLOAD_BYTES + settings.DATA_UPLOAD_MAX_MEMORY_SIZE


# Every byte value, alone and together, a query, and sequences some codecs
# choke on even when told to replace what they cannot decode.
PROBES = [
    bytes(range(256)),
    *(bytes([byte]) for byte in range(256)),
    b"q=leica&page=2",
    b"a-b-c",
    b"\\x",
    b"\\N{",
    b"+AAA-",
    b"xn--a",
]


@functools.lru_cache(maxsize=64)
def decodes_any_bytes(charset: str) -> bool:
    """Whether Django can decode any query or form with `charset`: a text
    encoding (not base64 or rot13) that never fails when told to replace
    what it cannot read (idna and punycode do)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for probe in PROBES:
                probe.decode(charset, "replace")
    except (LookupError, UnicodeError, ValueError, TypeError):
        return False
    return True


# Where `without_unreadable_charset` leaves the charset it took out.
UNREADABLE_CHARSET = "newsroom.unreadable_charset"


def readable_environ(environ: dict) -> dict:
    """A WSGI environ Django can build a request from: a `Content-Type`
    whose charset Django would fail to decode with loses its parameters, and
    the charset waits under UNREADABLE_CHARSET for the middleware to refuse
    the request."""
    content_type, params = parse_header_parameters(environ.get("CONTENT_TYPE", ""))
    charset = params.get("charset")
    if charset is None or decodes_any_bytes(charset):
        return environ
    return {**environ, "CONTENT_TYPE": content_type, UNREADABLE_CHARSET: charset}


def without_unreadable_charset(application):
    """The WSGI `application`, given only environs it can read (see
    `readable_environ`)."""

    def guarded(environ, start_response):
        return application(readable_environ(environ), start_response)

    return guarded


def charset_problem(request) -> str | None:
    """Why the charset the request declares cannot be honoured, if it cannot."""
    charset = request.META.get(UNREADABLE_CHARSET) or request.content_params.get(
        "charset"
    )
    if charset is None:
        return None
    if not decodes_any_bytes(charset):
        return f"the charset {charset!r}, which is not one text can be read in"
    form = request.content_type in FORM_TYPES
    if form and codecs.lookup(charset).name != "utf-8":
        return f"a form in {charset!r}; forms are read in UTF-8 only"
    return None


class HostileInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if NUL in request.path_info:
            logger.warning("Refused a NUL byte in the address %r", request.path)
            return bad_request(request)
        if problem := charset_problem(request):
            logger.warning(
                "Refused %s %s declaring %s", request.method, request.path, problem
            )
            return bad_request(request)
        if self.content_length(request) > max_request_bytes():
            return content_too_large(limit_bytes=max_request_bytes())
        if self.needs_cleaning(request.GET):
            request.GET = self.cleaned(request.GET)
        return self.get_response(request)

    @staticmethod
    def content_length(request) -> int:
        try:
            return int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return 0

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
