"""Reading a page's <head> as machines do: links, meta tags, JSON-LD."""

import json
import re
from html.parser import HTMLParser


class PageHead(HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.links: list[dict] = []
        self.meta: list[dict] = []
        self.json_ld: list[dict] = []
        self.json_ld_attrs: list[dict] = []
        self._in_json_ld = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link":
            self.links.append(attrs)
        elif tag == "meta":
            self.meta.append(attrs)
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_json_ld = True
            self.json_ld_attrs.append(attrs)

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld.append(json.loads(data))

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json_ld = False

    def alternates(self):
        return [link for link in self.links if link.get("rel") == "alternate"]

    def property(self, name):
        """Every value of a meta property (OpenGraph) or name (Twitter)."""
        return [
            m["content"]
            for m in self.meta
            if name in (m.get("property"), m.get("name"))
        ]

    def of_type(self, schema_type):
        return [data for data in self.json_ld if data.get("@type") == schema_type]


def squeezed(html: str) -> str:
    """The markup without its layout: runs of white space become one space and
    none stays beside a tag, so a test reads what a browser shows, not how the
    template is indented (djlint puts long tags' attributes on lines of their
    own)."""
    return re.sub(r"\s*([<>])\s*", r"\1", re.sub(r"\s+", " ", html))
