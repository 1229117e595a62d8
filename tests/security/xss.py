"""The XSS corpus and the check that a page shows it inert.

A test module runs the corpus through its own pages ("surfaces") by defining
XSS_SURFACES and importing the test, e.g. for feeds:

    from tests.security.xss import test_corpus_is_inert_on_surface  # noqa: F401

    XSS_SURFACES = {"rss feed": lambda story, clients: clients.reader.get("/feed/")}

tests/conftest.py parametrises the test over that module's XSS_SURFACES. A
surface takes the hostile story and the clients (reader, contributor, editor)
and returns the response that shows it, or the HTML a reader's program will
render from it: for a feed, `feed_item_html(response)`, since feed readers
render the escaped HTML inside RSS, Atom and JSON Feed items.
"""

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import icalendar
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client
from django.utils import timezone
from django.utils.html import escape
from lxml import etree

from newsroom.models import Article
from tests.factories import ArticleFactory

CORPUS = Path(__file__).resolve().parent.parent / "data" / "xss_payloads.txt"
URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "xlink:href", "data", "srcset",
    "poster", "background", "ping", "cite", "srcdoc", "lowsrc", "dynsrc",
}  # fmt: skip
FORBIDDEN_TAGS = {
    "iframe", "frame", "frameset", "object", "embed", "applet", "base", "svg",
    "math", "style", "noscript",
}  # fmt: skip
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:", "livescript:")
# Script elements browsers never run: data for scripts and search engines.
DATA_BLOCK_TYPES = {"application/json", "application/ld+json"}


# What no subscriber document may hold (XML 1.0, RFC 5545).
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def load_payloads():
    text = CORPUS.read_text()
    blocks = text.split("\n%%\n")[1:]  # the first block is the file's comment
    return [
        re.sub(r"\{U\+([0-9A-F]{4,6})\}", lambda m: chr(int(m[1], 16)), block)
        for block in (block.strip("\n") for block in blocks if block.strip())
    ]


PAYLOADS = load_payloads()


class ActiveContent(HTMLParser):
    """Lists everything on a page that could run script or restyle it."""

    def __init__(self, nonce):
        super().__init__(convert_charrefs=True)
        self.nonce = nonce
        self.problems = []

    def handle_starttag(self, tag, attrs):
        text = self.get_starttag_text()
        attributes = dict(attrs)
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}> element: {text}")
        if tag == "script":
            src = attributes.get("src") or ""
            own_file = src.startswith("/") and not src.startswith("//")
            data_only = attributes.get("type") in DATA_BLOCK_TYPES
            with_nonce = self.nonce and attributes.get("nonce") == self.nonce
            if not (own_file or data_only or with_nonce):
                self.problems.append(f"script: {text}")
        if tag == "meta" and "http-equiv" in attributes:
            self.problems.append(f"meta http-equiv: {text}")
        own_stylesheet = (attributes.get("href") or "").startswith("/static/")
        if (
            tag == "link"
            and attributes.get("rel") == "stylesheet"
            and not own_stylesheet
        ):
            self.problems.append(f"foreign stylesheet: {text}")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event handler {name}: {text}")
            if name == "style":
                self.problems.append(f"style attribute: {text}")
            if name in URL_ATTRIBUTES and value:
                # Browsers ignore whitespace and control characters here.
                compact = "".join(c for c in value if c > " ").lower()
                if compact.startswith(DANGEROUS_SCHEMES):
                    self.problems.append(f"{name}={value!r}: {text}")

    handle_startendtag = handle_starttag


def page_text(response):
    if isinstance(response, str):
        return response
    body = b"".join(response) if response.streaming else response.content
    return body.decode()


def active_content(response):
    """What on this response (or HTML text) could run or restyle: [] when
    inert."""
    nonce = None
    if not isinstance(response, str):
        policy = response.headers.get("Content-Security-Policy", "")
        if "'nonce-" in policy:
            nonce = policy.split("'nonce-")[1].split("'")[0]
    finder = ActiveContent(nonce)
    finder.feed(page_text(response))
    finder.close()
    return finder.problems


def calendar_text(response):
    """What a calendar app shows of a calendar: its name and each event's
    summary, place and description, as the plain text they are."""
    text = page_text(response)
    assert not CONTROLS.search(text), CONTROLS.search(text)
    calendar = icalendar.Calendar.from_ical(text)
    parts = [str(calendar.get("X-WR-CALNAME", ""))]
    for event in calendar.walk("VEVENT"):
        parts += [str(event.get(name, "")) for name in ("SUMMARY", "LOCATION")]
        parts.append(str(event.get("DESCRIPTION", "")))
    return "\n".join(escape(part) for part in parts)


def news_sitemap_text(response):
    """The headlines of the news sitemap, parsed strictly (a malformed
    sitemap raises), as the plain text they are."""
    content = page_text(response).encode()
    assert not CONTROLS.search(content.decode())
    root = etree.fromstring(content)
    titles = root.iter("{http://www.google.com/schemas/sitemap-news/0.9}title")
    return "\n".join(escape(title.text or "") for title in titles)


def feed_item_html(response):
    """What a feed reader renders from an RSS, Atom or JSON feed: titles as
    the plain text they are, summaries and content as the HTML they carry."""
    text = page_text(response)
    assert not CONTROLS.search(text), CONTROLS.search(text)
    parts = []
    if text.lstrip().startswith("{"):
        for item in json.loads(text).get("items", []):
            # JSON Feed: title, summary and content_text are plain text.
            for field in ("title", "summary", "content_text"):
                parts.append(escape(item.get(field, "")))
            parts.append(item.get("content_html", ""))
        return "\n".join(parts)
    for element in ET.fromstring(text.encode()).iter():
        name = element.tag.rsplit("}", 1)[-1]
        html = element.get("type") == "html" and name == "title"
        if name == "title":
            parts.append(element.text or "" if html else escape(element.text or ""))
        elif name in {"description", "summary", "content", "encoded"}:
            parts.append(element.text or "")
    return "\n".join(parts)


@dataclass
class Clients:
    reader: Client
    contributor: Client
    editor: Client


@pytest.fixture
def xss_clients(db):
    users = get_user_model().objects
    contributor = users.create_user("writer", password="x", is_staff=True)
    contributor.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["add_article", "change_article", "view_article"]
        ),
        *Permission.objects.filter(codename__startswith="view_"),
    )
    editor = users.create_superuser("desk", "desk@example.com", "x")
    clients = Clients(Client(), Client(), Client())
    clients.contributor.force_login(contributor)
    clients.editor.force_login(editor)
    return clients


def save_as_contributor(clients, number, payload):
    """The payload as title, standfirst and body of a story a contributor
    files through the admin; then an editor publishes it."""
    from tests.newsroom.admin.test_site import article_form

    title = f"Hostile {number} {payload}"[:200]
    slug = f"hostile-{number}"
    response = clients.contributor.post(
        "/admin/newsroom/article/add/",
        article_form(
            title=title, slug=slug, dek=payload[:300], body=payload, status="draft"
        ),
    )
    if response.status_code == 200:
        # Refused with a form error: the refusal itself must add nothing
        # active to the empty form (the admin's own scripts and icons).
        empty_form = clients.contributor.get("/admin/newsroom/article/add/")
        baseline = set(active_content(empty_form))
        added = [p for p in active_content(response) if p not in baseline]
        assert added == [], f"{payload!r} -> form error page: {added}"
        ArticleFactory(title=title, slug=slug, dek=payload[:300], body=payload)
    story = Article.objects.get(slug=slug)
    # Published, and given the payload back as typed: the form cleaned its
    # control characters, but a row written another way (an import, the
    # shell) keeps them, and every writer must cope with that too.
    Article.objects.filter(pk=story.pk).update(
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() - dt.timedelta(minutes=5),
        title=title,
        dek=payload[:300],
        body=payload,
    )
    story.refresh_from_db()
    return story


def shown(xss_surface, story, clients):
    response = xss_surface(story, clients)
    if not isinstance(response, str):
        assert response.status_code == 200
    assert escape(story.title)[:12] in page_text(response), "story not shown here"
    return response


def test_corpus_is_inert_on_surface(xss_surface, xss_clients):
    """Each payload adds nothing active to what the surface shows anyway
    (the admin's own scripts and icons, say)."""
    assert len(PAYLOADS) >= 40
    harmless = save_as_contributor(xss_clients, "plain", "Just *news*.")
    baseline = set(active_content(shown(xss_surface, harmless, xss_clients)))
    harmless.delete()
    for number, payload in enumerate(PAYLOADS):
        story = save_as_contributor(xss_clients, number, payload)
        response = shown(xss_surface, story, xss_clients)
        added = [p for p in active_content(response) if p not in baseline]
        assert added == [], f"{payload!r} -> {added}"
        story.delete()
