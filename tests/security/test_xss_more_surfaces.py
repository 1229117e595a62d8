"""The XSS corpus, through the surfaces that came with later issues: the
staff preview, the three feed formats, the news sitemap and the calendars.
The corpus holds the characters no document may carry, in the stored rows
as typed (see `save_as_contributor`), so each document must also stay
well-formed."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from devices.models import LaunchEvent
from tests.devices.factories import LaunchEventFactory
from tests.security.xss import (
    calendar_text,
    feed_item_html,
    news_sitemap_text,
    test_corpus_is_inert_on_surface,  # noqa: F401 (run over XSS_SURFACES)
    xss_clients,  # noqa: F401 (its fixture)
)


def launch_of(story):
    """A launch event next week whose stored text is the story's, raw."""
    LaunchEvent.objects.all().delete()
    event = LaunchEventFactory(
        slug=f"launch-{story.slug}",
        start_date=(timezone.now() + dt.timedelta(days=7)).date(),
    )
    LaunchEvent.objects.filter(pk=event.pk).update(
        title=story.title, description=story.body, venue=story.dek[:200]
    )
    return event


def calendar_of(client, url):
    return calendar_text(client.get(url))


XSS_SURFACES = {
    "admin preview": lambda story, c: c.contributor.get(
        reverse("newsroom:article-preview", kwargs={"pk": story.pk})
    ),
    "rss feed": lambda story, c: feed_item_html(c.reader.get("/feed/")),
    "atom feed": lambda story, c: feed_item_html(c.reader.get("/feed/atom/")),
    "json feed": lambda story, c: feed_item_html(c.reader.get("/feed.json")),
    "news sitemap": lambda story, c: news_sitemap_text(
        c.reader.get("/sitemap-news.xml")
    ),
    "event calendar": lambda story, c: calendar_of(
        c.reader, f"/launches/{launch_of(story).slug}.ics"
    ),
    "launch calendar": lambda story, c: (
        launch_of(story) and calendar_of(c.reader, "/launches.ics")
    ),
    "brand calendar": lambda story, c: calendar_of(
        c.reader, f"/brands/{launch_of(story).brand.slug}/launches.ics"
    ),
}
