"""Every writer is safe on its own: rows that never went through the cleaner
(written here with `QuerySet.update()`, as the shell, an import or an older
database would) still give well-formed feeds, sitemaps, JSON-LD and
calendars, read with the parsers subscribers use, through GET and HEAD."""

import datetime as dt
import json
import re

import feedparser
import icalendar
import pytest
from django.db import connection
from lxml import etree

from devices.feeds import calendar_event
from devices.models import Brand, Device, LaunchEvent, Source, SpecClaim, SpecField
from newsroom.core.feedgenerators import AtomFeed, JsonFeed, RssFeed
from newsroom.core.json_ld import json_ld_script
from newsroom.models import Article, Author, Correction, Section, Tag
from tests.devices.factories import (
    BrandFactory,
    DeviceFactory,
    LaunchEventFactory,
    SpecClaimFactory,
    SpecFieldFactory,
)
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, TagFactory
from tests.public import NOW

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("public_site")]

# A vertical tab, an escape sequence, a noncharacter, DEL, a C1 control, a
# CDATA end, a script end and a line separator: each broke or could break
# one of the formats. NUL only where the database stores it.
HOSTILE = (
    "Hostile\x0b tab \x1b[1m bold ]]> </script><script>alert(1)</script>"
    " \ufffe\uffff \x7f\x9b \u2028end"
)
if connection.vendor == "sqlite":
    HOSTILE += " nul\x00"
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


@pytest.fixture
def hostile_site(clock):
    brand = BrandFactory(slug="xiaomi")
    device = DeviceFactory(brand=brand, slug="xiaomi-12s-ultra")
    field = SpecFieldFactory(kind=SpecField.Kind.TEXT, unit="", slug="sensor")
    claim = SpecClaimFactory(
        device=device, field=field, value_number=None, value_text="IMX989"
    )
    event = LaunchEventFactory(
        brand=brand,
        slug="xiaomi-12s-launch",
        start_date=(NOW + dt.timedelta(days=5)).date(),
        start_time=dt.time(19, 30),
        duration=dt.timedelta(hours=2),
        devices=[device],
    )
    tag, section, author = TagFactory(), SectionFactory(), AuthorFactory()
    story = ArticleFactory(
        section=section,
        tags=[tag],
        authors=[author],
        body="Intro.\n\n[[specs xiaomi-12s-ultra]]\n\n[[event xiaomi-12s-launch]]\n",
    )
    story.devices.add(device)
    story.launch_events.add(event)
    Correction.objects.create(article=story, text="Fixed.")

    # Straight into the rows, past the cleaner.
    Article.objects.filter(pk=story.pk).update(
        title=f"{HOSTILE} title",
        dek=HOSTILE,
        body=f"{story.body}\n\n{HOSTILE}",
        body_html=f"<p>{HOSTILE}</p>",
        hero_caption=HOSTILE,
    )
    Correction.objects.update(text=HOSTILE)
    Tag.objects.filter(pk=tag.pk).update(name=f"{HOSTILE} tag")
    Section.objects.filter(pk=section.pk).update(
        name=f"{HOSTILE} section", description=HOSTILE
    )
    Author.objects.filter(pk=author.pk).update(name=f"{HOSTILE} author", bio=HOSTILE)
    Brand.objects.filter(pk=brand.pk).update(name=f"{HOSTILE} brand")
    Device.objects.filter(pk=device.pk).update(
        name=f"{HOSTILE} device", summary=HOSTILE
    )
    Source.objects.filter(pk=claim.source_id).update(name=f"{HOSTILE} source")
    SpecField.objects.filter(pk=field.pk).update(name=f"{HOSTILE} field")
    SpecClaim.objects.filter(pk=claim.pk).update(value_text=HOSTILE)
    LaunchEvent.objects.filter(pk=event.pk).update(
        title=f"Launch\nwith a line break {HOSTILE}",
        description=HOSTILE,
        venue=f"Beijing\r\n{HOSTILE}",
    )
    story.refresh_from_db()
    return story


STORY_FEEDS = [
    "/",
    "/section/{section}/",
    "/tag/{tag}/",
    "/author/{author}/",
    "/devices/xiaomi-12s-ultra/",
    "/brands/xiaomi/",
    "/devices/xiaomi-12s-ultra/history/",
]
FORMATS = ["feed/", "feed/atom/", "feed.json"]
SITEMAPS = [
    "/sitemap.xml",
    "/sitemap-news.xml",
    "/sitemap-pages.xml",
    "/sitemap-stories.xml",
    "/sitemap-sections.xml",
    "/sitemap-tags.xml",
    "/sitemap-authors.xml",
    "/sitemap-devices.xml",
    "/sitemap-brands.xml",
    "/sitemap-launches.xml",
]
CALENDARS = [
    "/launches.ics",
    "/launches/xiaomi-12s-launch.ics",
    "/brands/xiaomi/launches.ics",
]
PAGES_WITH_JSON_LD = [
    "/",
    "{story}",
    "/devices/xiaomi-12s-ultra/",
    "/launches/xiaomi-12s-launch/",
]


def address(template, story):
    return template.format(
        section=story.section.slug,
        tag=story.tags.get().slug,
        author=story.bylines.get().author.slug,
        story=story.get_absolute_url(),
    )


def words(text):
    return " ".join(text.split())


def fetched(client, url, *, document=True):
    """The document at `url`, after checking HEAD answers too."""
    assert client.head(url).status_code == 200, url
    response = client.get(url)
    assert response.status_code == 200, url
    text = response.content.decode()
    if document:
        assert not CONTROLS.search(text), f"{url}: {CONTROLS.search(text)!r}"
    return response.content


@pytest.mark.parametrize("page", STORY_FEEDS)
@pytest.mark.parametrize("kind", FORMATS)
def test_feeds_stay_well_formed(client, hostile_site, page, kind):
    content = fetched(client, address(page, hostile_site) + kind)
    if kind == "feed.json":
        items = json.loads(content)["items"]
        assert items and all("Hostile" in item["title"] for item in items)
        return
    parsed = feedparser.parse(content)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.entries and all("Hostile" in e.title for e in parsed.entries)


def test_a_tag_name_in_atom_s_category_attribute_is_cleaned(client, hostile_site):
    """Django checks element text for control characters, not attributes."""
    content = fetched(client, "/feed/atom/")
    root = etree.fromstring(content)
    terms = [c.get("term") for c in root.iter("{http://www.w3.org/2005/Atom}category")]
    assert all(words(term).startswith("Hostile tab [1m") for term in terms), terms
    (entry,) = feedparser.parse(content).entries
    assert {words(tag.term).endswith("tag") for tag in entry.tags} == {False, True}


@pytest.mark.parametrize("url", SITEMAPS)
def test_sitemaps_stay_well_formed(client, hostile_site, url):
    root = etree.fromstring(fetched(client, url))  # strict: raises if malformed
    assert root.tag.endswith(("urlset", "sitemapindex"))


def test_the_news_sitemap_carries_the_cleaned_headline(client, hostile_site):
    root = etree.fromstring(fetched(client, "/sitemap-news.xml"))
    namespace = "{http://www.google.com/schemas/sitemap-news/0.9}"
    (title,) = root.iter(f"{namespace}title")
    assert words(title.text).startswith("Hostile tab [1m bold ]]> </script>")


@pytest.mark.parametrize("url", CALENDARS)
def test_calendars_stay_well_formed(client, hostile_site, url):
    calendar = icalendar.Calendar.from_ical(fetched(client, url))
    (event,) = calendar.walk("VEVENT")
    assert str(event["summary"]).startswith("Launch\nwith a line break Hostile")
    assert str(event["location"]).startswith("Beijing\nHostile")
    assert not CONTROLS.search(str(event["description"]))


def test_an_event_s_own_calendar_is_named_after_it_even_with_a_line_break(
    client, hostile_site
):
    content = fetched(client, "/launches/xiaomi-12s-launch.ics")
    icalendar.Calendar.from_ical(content)
    # Unfolded, each is one content line with its line break escaped.
    lines = content.decode().replace("\r\n ", "").split("\r\n")
    for name in ("NAME", "X-WR-CALNAME"):
        (line,) = [line for line in lines if line.startswith(f"{name}:")]
        assert line.startswith(f"{name}:Launch\\nwith a line break Hostile")


@pytest.mark.parametrize("page", PAGES_WITH_JSON_LD)
def test_json_ld_stays_inside_its_script_and_parses(client, hostile_site, page):
    html = fetched(client, address(page, hostile_site), document=False).decode()
    blocks = re.findall(
        r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S
    )
    assert blocks
    for block in blocks:
        json.loads(block)
        assert not CONTROLS.search(block)
        assert "\u2028" not in block and "\u2029" not in block
    assert "<script>alert(1)" not in "".join(blocks)


class TestWhatNoDatabaseStores:
    """A lone surrogate cannot be stored (SQLite and PostgreSQL refuse to
    encode it) but can reach a writer from code: the writers drop it."""

    LONE = "Half \ud800 a pair\x01"

    @pytest.mark.parametrize("generator", [RssFeed, AtomFeed, JsonFeed])
    def test_feed_generators(self, generator):
        feed = generator(
            title=self.LONE, link="https://news.example.com/", description=self.LONE
        )
        feed.add_item(
            title=self.LONE,
            link="https://news.example.com/a/",
            description=self.LONE,
            categories=[self.LONE],
            unique_id="tag:news.example.com,2026-03-10:story:1",
        )
        text = feed.writeString("utf-8")
        text.encode("utf-8")  # no surrogate left to fail here
        if generator is JsonFeed:
            assert json.loads(text)["items"][0]["title"] == "Half  a pair"
        else:
            assert feedparser.parse(text.encode()).bozo == 0

    def test_json_ld(self):
        script = json_ld_script({}, {"name": self.LONE, "x": "a\u2028</script>"})
        text = str(script["json"])
        # A line separator ends a line like any other line ending.
        assert json.loads(text) == {"name": "Half  a pair", "x": "a\n</script>"}
        assert "</script>" not in text

    def test_calendar_event(self, hostile_site):
        event = LaunchEvent.objects.get()
        event.title = event.description = self.LONE
        ical = calendar_event(event).to_ical()
        ical.decode("utf-8")
        assert icalendar.Event.from_ical(ical)["summary"] == "Half  a pair"
