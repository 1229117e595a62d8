"""Feed generators: one item dictionary, three formats (RSS 2.0, Atom 1.0,
JSON Feed 1.1).

Beyond Django's standard item fields the generators understand:

- `content_html`: the full HTML of the item (absolute URLs, sanitised)
- `summary`: the item's summary as plain text
- `authors`: [(name, url)], every author in order

and, for the feed itself, `icon_url`: the site's logo.
"""

import json
from typing import Any

from django.utils import feedgenerator

from newsroom.core.text import for_documents


class DocumentSafeFeed:
    """Every string of the feed and its items made fit for any format first
    (`for_documents`): Django's XML writer raises on a control character in
    an element and writes one in an attribute (Atom's category term) as it
    is, and the JSON writer would fail on a lone surrogate."""

    def __init__(self, *args, **kwargs):
        super().__init__(*for_documents(args), **for_documents(kwargs))

    def add_item(self, *args, enclosures=None, **kwargs):
        enclosures = [
            feedgenerator.Enclosure(
                for_documents(enclosure.url), enclosure.length, enclosure.mime_type
            )
            for enclosure in enclosures or ()
        ]
        super().add_item(
            *for_documents(args), enclosures=enclosures, **for_documents(kwargs)
        )


class RssFeed(DocumentSafeFeed, feedgenerator.Rss201rev2Feed):
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


class AtomFeed(DocumentSafeFeed, feedgenerator.Atom1Feed):
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


class JsonFeed(DocumentSafeFeed, feedgenerator.SyndicationFeed):
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
