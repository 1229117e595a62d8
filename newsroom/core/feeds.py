"""What every subscriber feed shares, whatever its items are.

- one `Feed` subclass serves its items as RSS 2.0, Atom 1.0 and JSON Feed 1.1,
  chosen by the generator it is given in the URLconf (`feed_paths`);
- every address in it is absolute (`newsroom.core.addresses`);
- it answers conditional GETs from validators computed from its own items
  (`newsroom.core.conditional`).

This module knows no models: story feeds and device feeds build on it.
"""

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse
from django.templatetags.static import static
from django.urls import path
from django.utils.decorators import method_decorator
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_safe

from newsroom.core.addresses import LOGO, absolute_url
from newsroom.core.conditional import answer_conditionally
from newsroom.core.feedgenerators import AtomFeed, JsonFeed, RssFeed

# Readers poll; five minutes of caching bounds how late a story can appear
# while keeping the load from thousands of subscribers negligible.
FEED_MAX_AGE = 300


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

    def label_versions(self, subject, versions) -> list[tuple]:
        """What else the feed names, with its version (the subject's name,
        its items' sections...): part of the validators. None by default."""
        return []

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
            labels=self.label_versions(subject, versions),
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


# Each format of a feed: its address beside the page, the suffix of its
# URL name, its generator, and its media type and name for autodiscovery.
FEED_FORMATS = [
    ("feed/", "", RssFeed, "application/rss+xml", "RSS"),
    ("feed/atom/", "-atom", AtomFeed, "application/atom+xml", "Atom"),
    ("feed.json", "-json", JsonFeed, "application/feed+json", "JSON Feed"),
]


def feed_paths(route: str, feed_class, name: str) -> list:
    """URL patterns for one feed beside the page at `route`.

    `<page>feed/` is RSS, `<page>feed/atom/` Atom and `<page>feed.json`
    JSON Feed; each pattern is named `name`, `name-atom` and `name-json`.
    """
    return [
        path(f"{route}{address}", feed_class(generator), name=f"{name}{suffix}")
        for address, suffix, generator, _, _ in FEED_FORMATS
    ]
