"""Conditional GET for documents that subscribers poll (feeds, calendars).

A document answers from validators computed from its own items, so a reader
polling a quiet section gets a 304 in two small queries.
"""

import hashlib

from django.conf import settings
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import http_date, quote_etag


def answer_conditionally(request, versions, render, *, kind, max_age, labels=()):
    """`render()`'s response, or a 304 when the client's copy is current.

    `versions` are (id, last changed) of everything the response holds and
    `kind` tells this kind of document from others at the same address; the
    validators come from them alone, so one feed's ETag never moves because
    of news elsewhere on the site. `labels` is the state of the other records
    the document names (the sections, tags and authors of its items, its own
    subject), so renaming one of them changes the validators too.
    """
    # The site's name and address appear in every document.
    fingerprint = repr(
        (
            kind,
            request.path,
            settings.SITE_URL,
            settings.SITE_NAME,
            [(pk, changed.isoformat()) for pk, changed in versions],
            sorted(labels, key=repr),
        )
    )
    # Weak, as GZipMiddleware would make it on a compressed 200: the 200 and
    # its 304 then carry the very same validator.
    etag = "W/" + quote_etag(hashlib.sha256(fingerprint.encode()).hexdigest()[:32])
    # Removing an item can move Last-Modified back; clients that send an
    # ETag (most readers and calendar apps) still see the change at once.
    last_modified = max((changed for _, changed in versions), default=None)
    timestamp = int(last_modified.timestamp()) if last_modified else None

    response = get_conditional_response(request, etag=etag, last_modified=timestamp)
    if response is None:
        response = render()
    response.headers["ETag"] = etag
    if timestamp is not None:
        response.headers["Last-Modified"] = http_date(timestamp)
    patch_cache_control(response, public=True, max_age=max_age)
    # Also on a 304, which gzip_page leaves alone.
    patch_vary_headers(response, ["Accept-Encoding"])
    return response
