"""What every subscriber feed shares, whatever its items are.

Feeds are read by programs (feed readers, aggregators), never by the browser
that asked for a page, so:

- every address in them is absolute and built from `SITE_URL`, not from the
  host of the request that happened to render them;
- one `Feed` subclass serves its items as RSS 2.0, Atom 1.0 and JSON Feed 1.1,
  chosen by the generator it is given in the URLconf (`feed_paths`);
- a feed answers conditional GETs from validators computed from its own items,
  so a reader polling a quiet section gets a 304 in two small queries.

This module knows no models: `devices` feeds build on it too.
"""

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.syndication.views import Feed
from django.core.exceptions import ObjectDoesNotExist
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.templatetags.static import static
from django.urls import path
from django.utils import feedgenerator
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.decorators import method_decorator
from django.utils.http import http_date, quote_etag
from django.utils.safestring import mark_safe
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_safe

# Readers poll; five minutes of caching bounds how late a story can appear
# while keeping the load from thousands of subscribers negligible.
FEED_MAX_AGE = 300

# The site's square logo (static file, width, height): feed readers show it
# beside the feed's name, search engines beside the publisher's.
LOGO = ("img/logo.png", 512, 512)


def absolute_url(url: str) -> str:
    """`url` as an address that works outside the site (feeds, sitemaps...)."""
    if urlsplit(url).scheme:
        return url
    return f"{settings.SITE_URL}{url}"


def tag_uri(kind: str, pk: int, created) -> str:
    """A stable, non-permalink identifier (RFC 4151) for one record.

    It survives edits of the title, slug and date in the record's address,
    so a reader never shows an edited story twice.
    """
    host = urlsplit(settings.SITE_URL).hostname
    return f"tag:{host},{created:%Y-%m-%d}:{kind}:{pk}"


class SiteSitemap(Sitemap):
    """A sitemap whose addresses start with SITE_URL.

    Django takes the domain from the sites framework, or else from the host
    of the request. We run without the sites framework (one site, configured
    by SITE_URL) and a crawler must see the one public address whatever host
    name reached us, so both are read from SITE_URL.
    """

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


# The escapes of Django's json_script: inside <script>, "</script>" or
# "<!--" in a headline must not end the element or open a comment.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld_script(context, data) -> dict:
    """Context for `includes/json_ld.html`: structured data as a script."""
    request = context.get("request")
    # Only with a strict CSP (django-csp) is there a nonce to give.
    nonce = getattr(request, "csp_nonce", None)
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return {"json": mark_safe(text.translate(_SCRIPT_ESCAPES)), "nonce": nonce}


# ---------------------------------------------------------------------------
# Generators: one item dictionary, three formats.
#
# Beyond Django's standard item fields the generators understand:
#   content_html  the full HTML of the item (absolute URLs, sanitised)
#   summary       the item's summary as plain text
#   authors       [(name, url)], every author in order
# and, for the feed itself, `icon_url`: the site's logo.
# ---------------------------------------------------------------------------


class RssFeed(feedgenerator.Rss201rev2Feed):
    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
            "xmlns:dc": "http://purl.org/dc/elements/1.1/",
            "xmlns:dcterms": "http://purl.org/dc/terms/",
        }

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        if self.feed.get("icon_url"):
            handler.startElement("image", {})
            handler.addQuickElement("url", self.feed["icon_url"])
            handler.addQuickElement("title", self.feed["title"])
            handler.addQuickElement("link", self.feed["link"])
            handler.endElement("image")

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        # RSS's own <author> wants an e-mail address; Dublin Core names people.
        for name, _ in item.get("authors", ()):
            handler.addQuickElement("dc:creator", name)
        if item["updateddate"] is not None:
            handler.addQuickElement(
                "dcterms:modified", feedgenerator.rfc3339_date(item["updateddate"])
            )
        if item.get("content_html"):
            handler.addQuickElement("content:encoded", item["content_html"])


class AtomFeed(feedgenerator.Atom1Feed):
    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        if self.feed.get("icon_url"):
            handler.addQuickElement("icon", self.feed["icon_url"])

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name, url in item.get("authors", ()):
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            if url:
                handler.addQuickElement("uri", url)
            handler.endElement("author")
        if item.get("content_html"):
            handler.addQuickElement("content", item["content_html"], {"type": "html"})


class JsonFeed(feedgenerator.SyndicationFeed):
    """JSON Feed 1.1 (jsonfeed.org/version/1.1) from the same items."""

    content_type = "application/feed+json; charset=utf-8"
    version = "https://jsonfeed.org/version/1.1"

    def write(self, outfile, encoding):
        outfile.write(json.dumps(self.document(), ensure_ascii=False))

    def document(self) -> dict[str, Any]:
        feed = self.feed
        author = {"name": feed["author_name"], "url": feed["author_link"]}
        return _without_empty(
            {
                "version": self.version,
                "title": feed["title"],
                "home_page_url": feed["link"],
                "feed_url": feed["feed_url"],
                "description": feed["subtitle"] or feed["description"],
                "language": feed["language"],
                "icon": feed.get("icon_url"),
                "authors": [_without_empty(author)] if feed["author_name"] else [],
                "items": [self.item_document(item) for item in self.items],
            },
            keep=("items",),
        )

    def item_document(self, item) -> dict[str, Any]:
        images = [e for e in item["enclosures"] if e.mime_type.startswith("image/")]
        return _without_empty(
            {
                "id": item["unique_id"] or item["link"],
                "url": item["link"],
                "title": item["title"],
                "content_html": item.get("content_html") or item["description"],
                "summary": item.get("summary"),
                "image": images[0].url if images else None,
                "date_published": _rfc3339(item["pubdate"]),
                "date_modified": _rfc3339(item["updateddate"]),
                "authors": [
                    _without_empty({"name": name, "url": url})
                    for name, url in item.get("authors", ())
                ],
                "tags": list(item["categories"]),
                "attachments": [
                    {
                        "url": enclosure.url,
                        "mime_type": enclosure.mime_type,
                        "size_in_bytes": int(enclosure.length),
                    }
                    for enclosure in item["enclosures"]
                ],
            }
        )


def _rfc3339(moment):
    return moment and feedgenerator.rfc3339_date(moment)


def _without_empty(document, keep=()):
    # JSON Feed forbids nulls where a field is absent; empty lists say nothing.
    return {
        key: value
        for key, value in document.items()
        if key in keep or value not in (None, "", [])
    }


# ---------------------------------------------------------------------------
# The feed view
# ---------------------------------------------------------------------------


@dataclass
class Channel:
    """One request's feed: what it is about and which items it holds.

    Django hands this to every feed method as `obj`. It lives for one request,
    so no request state is kept on the feed instance the URLconf shares.
    """

    subject: Any
    request: HttpRequest
    item_ids: list = field(default_factory=list)


class SubscriberFeed(Feed):
    """A `Feed` that answers conditional GETs from its own items.

    Subclasses provide `get_object` (the feed's subject, or None),
    `item_versions(subject)` and `items(channel)`, plus the usual `Feed`
    methods, which receive the `Channel` as `obj`.
    """

    feed_type = RssFeed
    max_age = FEED_MAX_AGE

    def __init__(self, feed_type=None):
        if feed_type is not None:
            self.feed_type = feed_type

    def item_versions(self, subject) -> list[tuple[Any, Any]]:
        """(id, last changed) of each item the feed holds, in feed order.

        One cheap query: these are the feed's validators, computed before
        anything is rendered.
        """
        raise NotImplementedError

    # Read-only (a feed answers GET and HEAD; newsroom/core/methods.py
    # answers the rest). Compressed here rather than site-wide: a feed holds
    # no secret for a BREACH-style attack to guess, unlike a page with a
    # CSRF token.
    @method_decorator(require_safe)
    @method_decorator(gzip_page)
    def __call__(self, request, *args, **kwargs):
        try:
            subject = self.get_object(request, *args, **kwargs)
        except ObjectDoesNotExist:
            raise Http404("There is no such feed.") from None
        versions = self.item_versions(subject)

        def render():
            channel = Channel(subject, request, [pk for pk, _ in versions])
            feed = self.get_feed(channel, request)
            response = HttpResponse(content_type=feed.content_type)
            feed.write(response, "utf-8")
            return response

        return answer_conditionally(
            request,
            versions,
            render,
            kind=(type(self).__name__, self.feed_type.__name__),
            max_age=self.max_age,
        )

    # Feed-level fields every subscriber feed fills the same way.

    def feed_extra_kwargs(self, obj):
        return {"icon_url": absolute_url(static(LOGO[0]))}

    def feed_url(self, channel):
        return absolute_url(channel.request.path)

    def author_name(self):
        return settings.SITE_NAME

    def author_link(self):
        return settings.SITE_URL + "/"

    def subtitle(self, channel):
        return self._get_dynamic_attr("description", channel)

    def item_link(self, item):
        return absolute_url(item.get_absolute_url())

    def item_guid_is_permalink(self, item):
        return False


def answer_conditionally(request, versions, render, *, kind, max_age=FEED_MAX_AGE):
    """`render()`'s response, or a 304 when the client's copy is current.

    `versions` are (id, last changed) of everything the response holds and
    `kind` tells this kind of document from others at the same address; the
    validators come from them alone, so one feed's ETag never moves because
    of news elsewhere on the site.
    """
    # The site's name and address appear in every document. Changes that
    # touch neither the items nor these (a renamed tag, say) show with the
    # next item.
    fingerprint = repr(
        (
            kind,
            request.path,
            settings.SITE_URL,
            settings.SITE_NAME,
            [(pk, changed.isoformat()) for pk, changed in versions],
        )
    )
    etag = quote_etag(hashlib.sha256(fingerprint.encode()).hexdigest()[:32])
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


def feed_paths(route: str, feed_class, name: str) -> list:
    """URL patterns for one feed beside the page at `route`.

    `<page>feed/` is RSS, `<page>feed/atom/` Atom and `<page>feed.json`
    JSON Feed; each pattern is named `name`, `name-atom` and `name-json`.
    """
    return [
        path(f"{route}feed/", feed_class(), name=name),
        path(f"{route}feed/atom/", feed_class(AtomFeed), name=f"{name}-atom"),
        path(f"{route}feed.json", feed_class(JsonFeed), name=f"{name}-json"),
    ]
