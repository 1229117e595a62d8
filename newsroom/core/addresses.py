"""Addresses that work outside the site, all built from `SITE_URL`.

Feeds, sitemaps, calendars and structured data are read by programs, never
by the browser that asked for a page, so every address in them is absolute
and built from `SITE_URL`, not from the host of the request that happened to
render them.
"""

from urllib.parse import urlsplit

from django.conf import settings

# The site's square logo (static file, width, height): feed readers show it
# beside the feed's name, search engines beside the publisher's.
LOGO = ("img/logo.png", 512, 512)


def absolute_url(url: str) -> str:
    """`url` as an address that works outside the site (feeds, sitemaps...)."""
    if urlsplit(url).scheme:
        return url
    return f"{settings.SITE_URL}{url}"


def site_host() -> str:
    """The public host name, as identifiers for subscribers carry it."""
    return urlsplit(settings.SITE_URL).hostname


def tag_uri(kind: str, pk: int, created) -> str:
    """A stable, non-permalink identifier (RFC 4151) for one record.

    It survives edits of the title, slug and date in the record's address,
    so a reader never shows an edited story twice.
    """
    return f"tag:{site_host()},{created:%Y-%m-%d}:{kind}:{pk}"
