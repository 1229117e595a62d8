"""Hostile story text renders inert wherever readers or editors see it."""

import pytest
from django.http import HttpResponse

from tests.security.xss import (
    PAYLOADS,
    active_content,
    feed_item_html,
    test_corpus_is_inert_on_surface,  # noqa: F401 (run over XSS_SURFACES)
    xss_clients,  # noqa: F401 (its fixture)
)

XSS_SURFACES = {
    "article page": lambda story, c: c.reader.get(story.get_absolute_url()),
    "home": lambda story, c: c.reader.get("/"),
    "section listing": lambda story, c: c.reader.get(story.section.get_absolute_url()),
    "admin change form": lambda story, c: c.contributor.get(
        f"/admin/newsroom/article/{story.pk}/change/"
    ),
}


def test_the_check_catches_the_corpus_when_it_is_not_escaped():
    """Served raw, nearly every payload is active: the check is not blind."""
    caught = [p for p in PAYLOADS if active_content(HttpResponse(p))]
    # Markdown-only payloads, plain broken markup and the payloads there for
    # their characters (control characters, line endings) are harmless raw.
    assert len(caught) >= len(PAYLOADS) - 14


@pytest.mark.parametrize(
    "payload",
    ['<a href=" java\tscript:alert(1)">x</a>', "<p style=color:red>x</p>"],
)
def test_the_check_sees_through_obfuscation(payload):
    assert active_content(HttpResponse(payload))


def test_feed_items_are_checked_as_the_html_readers_render():
    rss = (
        '<?xml version="1.0"?><rss><channel><item><title>A &amp; B</title>'
        "<description>&lt;img src=x onerror=alert(1)&gt;</description>"
        "</item></channel></rss>"
    )
    assert active_content(feed_item_html(rss))
    feed = '{"items": [{"title": "x", "content_html": "<p>fine</p>"}]}'
    assert active_content(feed_item_html(feed)) == []
