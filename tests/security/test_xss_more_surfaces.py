"""The XSS corpus, through the surfaces that came with later issues: the
staff preview and the three feed formats."""

from django.urls import reverse

from tests.security.xss import (
    feed_item_html,
    test_corpus_is_inert_on_surface,  # noqa: F401 (run over XSS_SURFACES)
    xss_clients,  # noqa: F401 (its fixture)
)

XSS_SURFACES = {
    "admin preview": lambda story, c: c.contributor.get(
        reverse("newsroom:article-preview", kwargs={"pk": story.pk})
    ),
    "rss feed": lambda story, c: feed_item_html(c.reader.get("/feed/")),
    "atom feed": lambda story, c: feed_item_html(c.reader.get("/feed/atom/")),
    "json feed": lambda story, c: feed_item_html(c.reader.get("/feed.json")),
}
