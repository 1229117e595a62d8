import datetime as dt
import email.utils
import gzip
import json
import xml.etree.ElementTree as ET

import factory
import feedparser
import jsonschema
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from devices import services as device_services
from newsroom.models import Article, Correction
from tests.devices.factories import (
    BrandFactory,
    DeviceFactory,
    LaunchEventFactory,
    SpecFieldFactory,
)
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, TagFactory
from tests.pages import PageHead
from tests.public import NOW, SITE

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("public_site")]


XML_FORMATS = {"rss": "feed/", "atom": "feed/atom/"}
PAGES = {
    "site": "/",
    "section": "/section/phones/",
    "tag": "/tag/leica/",
    "author": "/author/ann-writer/",
}

# JSON Feed 1.1 (jsonfeed.org/version/1.1) as a schema: required fields,
# types, and no unknown top-level or item fields (extensions start with "_").
_AUTHOR = {
    "type": "object",
    "properties": {
        "name": {"type": "string"},
        "url": {"type": "string"},
        "avatar": {"type": "string"},
    },
    "anyOf": [{"required": ["name"]}, {"required": ["url"]}, {"required": ["avatar"]}],
    "additionalProperties": False,
}
JSON_FEED_1_1 = {
    "type": "object",
    "required": ["version", "title", "items"],
    "properties": {
        "version": {"const": "https://jsonfeed.org/version/1.1"},
        "title": {"type": "string"},
        "home_page_url": {"type": "string", "pattern": "^https?://"},
        "feed_url": {"type": "string", "pattern": "^https?://"},
        "description": {"type": "string"},
        "language": {"type": "string"},
        "icon": {"type": "string", "pattern": "^https?://"},
        "favicon": {"type": "string", "pattern": "^https?://"},
        "authors": {"type": "array", "items": _AUTHOR},
        "items": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id"],
                "anyOf": [
                    {"required": ["content_html"]},
                    {"required": ["content_text"]},
                ],
                "properties": {
                    "id": {"type": "string", "minLength": 1},
                    "url": {"type": "string", "pattern": "^https?://"},
                    "title": {"type": "string"},
                    "content_html": {"type": "string"},
                    "content_text": {"type": "string"},
                    "summary": {"type": "string"},
                    "image": {"type": "string", "pattern": "^https?://"},
                    "date_published": {"type": "string"},
                    "date_modified": {"type": "string"},
                    "authors": {"type": "array", "items": _AUTHOR},
                    "tags": {"type": "array", "items": {"type": "string"}},
                    "language": {"type": "string"},
                    "attachments": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["url", "mime_type"],
                            "properties": {
                                "url": {"type": "string", "pattern": "^https?://"},
                                "mime_type": {"type": "string"},
                                "size_in_bytes": {"type": "integer"},
                            },
                        },
                    },
                },
                "patternProperties": {"^_": {}},
                "additionalProperties": False,
            },
        },
    },
    "patternProperties": {"^_": {}},
    "additionalProperties": False,
}


@pytest.fixture
def story(clock):
    section = SectionFactory(name="Phones", slug="phones")
    ann = AuthorFactory(name="Ann Writer", slug="ann-writer")
    bo = AuthorFactory(name="Bo Editor", slug="bo-editor")
    return ArticleFactory(
        title="Xiaomi & Leica: the 12S <Ultra> is coming",
        slug="xiaomi-12s",
        dek="The first Leica phones & why they matter.",
        body="The [12S Ultra](/tag/leica/) leads.\n\n![Render](/media/render.png)",
        section=section,
        tags=[TagFactory(name="Leica", slug="leica")],
        authors=[ann, bo],
        published_at=NOW - dt.timedelta(hours=2),
        hero_image=factory.django.ImageField(
            filename="hero.jpg", format="JPEG", width=64, height=48
        ),
        hero_alt="The 12S Ultra from the back",
    )


def parse(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def xml_feed_urls():
    return [
        (scope, fmt, page + suffix)
        for scope, page in PAGES.items()
        for fmt, suffix in XML_FORMATS.items()
    ]


class TestRssAndAtom:
    @pytest.mark.parametrize(("scope", "fmt", "url"), xml_feed_urls())
    def test_every_feed_reads_cleanly_with_the_story(
        self, client, story, scope, fmt, url
    ):
        feed = parse(client, url)
        assert feed.version == ("rss20" if fmt == "rss" else "atom10")
        (entry,) = feed.entries
        assert entry.title == "Xiaomi & Leica: the 12S <Ultra> is coming"
        assert entry.link == SITE + story.get_absolute_url()
        assert entry.id == f"tag:news.example.com,2026-03-10:story:{story.pk}"
        assert [a.name for a in entry.authors] == ["Ann Writer", "Bo Editor"]
        assert [t.term for t in entry.tags] == ["Phones", "Leica"]
        assert entry.published_parsed[:5] == (2026, 3, 10, 10, 0)
        assert entry.updated_parsed[:5] == (2026, 3, 10, 10, 0)
        assert "The first Leica phones &amp; why they matter." in entry.summary
        content = entry.content[0].value
        assert f'href="{SITE}/tag/leica/"' in content
        assert f'src="{SITE}/media/render.png"' in content
        assert f'src="{SITE}{story.hero_image.url}"' in content
        (enclosure,) = entry.enclosures
        assert enclosure.href == SITE + story.hero_image.url
        assert enclosure.type == "image/jpeg"
        assert int(enclosure.length) == story.hero_image.size > 0

    @pytest.mark.parametrize(("scope", "fmt", "url"), xml_feed_urls())
    def test_feed_links_to_its_page_and_itself(self, client, story, scope, fmt, url):
        feed = parse(client, url)
        page = PAGES[scope]
        assert feed.feed.link == SITE + page
        logo = feed.feed.image.href if fmt == "rss" else feed.feed.icon
        assert logo == f"{SITE}/static/img/logo.png"
        assert {link.rel: link.href for link in feed.feed.links}["self"] == SITE + url

    def test_rss_speaks_what_the_validator_checks(self, client, story):
        response = client.get("/feed/")
        assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
        channel = ET.fromstring(response.content).find("channel")
        ns = {"atom": "http://www.w3.org/2005/Atom"}
        self_link = channel.find("atom:link", ns)
        assert self_link.get("rel") == "self"
        assert self_link.get("href") == f"{SITE}/feed/"
        item = channel.find("item")
        # RFC 822 dates.
        published = email.utils.parsedate_to_datetime(item.findtext("pubDate"))
        assert published == NOW - dt.timedelta(hours=2)
        email.utils.parsedate_to_datetime(channel.findtext("lastBuildDate"))
        guid = item.find("guid")
        assert guid.get("isPermaLink") == "false"
        assert len(item.findall("enclosure")) == 1

    def test_guid_survives_an_edit_of_title_and_address(self, client, story):
        before = parse(client, "/feed/").entries[0]
        story.title, story.slug = "A new headline", "a-new-headline"
        story.save()
        after = parse(client, "/feed/").entries[0]
        assert after.title == "A new headline"
        assert after.link != before.link
        assert after.id == before.id

    def test_an_edit_shows_as_an_update(self, client, story, clock):
        clock.shift(dt.timedelta(hours=1))
        story.body = "Rewritten."
        story.save()
        entry = parse(client, "/feed/atom/").entries[0]
        assert entry.updated_parsed[:5] == (2026, 3, 10, 13, 0)
        assert entry.published_parsed[:5] == (2026, 3, 10, 10, 0)

    def test_corrections_are_noted_in_the_content(self, client, story):
        Correction.objects.create(article=story, text="The launch is on 4 July.")
        for url in ("/feed/", "/feed/atom/"):
            content = parse(client, url).entries[0].content[0].value
            assert "Corrections and updates" in content
            assert "The launch is on 4 July." in content

    def test_scripts_never_reach_readers(self, client, story):
        story.body = 'Hi<script>alert(1)</script><a href="javascript:x()">y</a>'
        story.save()
        raw = client.get("/feed/").content.decode()
        assert "<script" not in raw and "&lt;script" not in raw
        assert "javascript:" not in raw


class TestWhatEachFeedHolds:
    def test_only_public_stories(self, client, story):
        ArticleFactory(title="A draft", status=Article.Status.DRAFT)
        ArticleFactory(title="In review", status=Article.Status.REVIEW)
        titles = [e.title for e in parse(client, "/feed/").entries]
        assert titles == [story.title]

    def test_a_scheduled_story_enters_by_itself_when_its_time_comes(
        self, client, story, clock
    ):
        later = ArticleFactory(
            title="Embargoed",
            section=story.section,
            published_at=NOW + dt.timedelta(hours=1),
        )
        for url in ("/feed/", "/section/phones/feed/", "/feed.json"):
            assert b"Embargoed" not in client.get(url).content
        clock.shift(dt.timedelta(hours=1, seconds=1))
        assert parse(client, "/feed/").entries[0].title == later.title
        assert parse(client, "/section/phones/feed/").entries[0].title == later.title
        assert json.loads(client.get("/feed.json").content)["items"][0]["title"] == (
            later.title
        )

    def test_each_scope_holds_its_own_stories(self, client, story):
        other = ArticleFactory(title="A laptop", section=SectionFactory(slug="laptops"))
        assert [e.title for e in parse(client, "/section/phones/feed/").entries] == [
            story.title
        ]
        assert [e.title for e in parse(client, "/section/laptops/feed/").entries] == [
            other.title
        ]
        assert len(parse(client, "/tag/leica/feed/").entries) == 1
        assert len(parse(client, "/author/bo-editor/feed/atom/").entries) == 1
        assert len(parse(client, "/feed/").entries) == 2

    def test_newest_first_and_bounded(self, client, clock):
        for hours in range(35):
            ArticleFactory(published_at=NOW - dt.timedelta(hours=hours + 1))
        entries = parse(client, "/feed/").entries
        assert len(entries) == 30
        dates = [entry.published_parsed for entry in entries]
        assert dates == sorted(dates, reverse=True)

    @pytest.mark.parametrize(
        "url",
        [
            "/section/nope/feed/",
            "/tag/nope/feed/atom/",
            "/author/nope/feed.json",
        ],
    )
    def test_unknown_subject_is_404(self, client, url):
        assert client.get(url).status_code == 404

    def test_a_story_without_image_or_dek_still_reads(self, client, clock):
        ArticleFactory(title="Plain", dek="")
        entry = parse(client, "/feed/").entries[0]
        assert entry.summary == "Plain"
        assert entry.enclosures == []
        item = json.loads(client.get("/feed.json").content)["items"][0]
        assert "image" not in item and "attachments" not in item

    def test_queries_do_not_grow_with_the_stories(self, client, clock):
        def queries(url):
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            return len(captured)

        section = SectionFactory(slug="phones")
        tag = TagFactory(slug="leica")
        ArticleFactory(section=section, tags=[tag])
        urls = ["/feed/", "/section/phones/feed/atom/", "/tag/leica/feed.json"]
        few = [queries(url) for url in urls]
        for _ in range(6):
            story = ArticleFactory(
                section=section,
                tags=[tag, TagFactory()],
                authors=[AuthorFactory(), AuthorFactory()],
            )
            Correction.objects.create(article=story, text="Fixed.")
        assert [queries(url) for url in urls] == few


class TestJsonFeed:
    @pytest.mark.parametrize("page", PAGES.values())
    def test_follows_json_feed_1_1(self, client, story, page):
        response = client.get(page + "feed.json")
        assert response["Content-Type"] == "application/feed+json; charset=utf-8"
        document = json.loads(response.content)
        jsonschema.validate(document, JSON_FEED_1_1)
        assert document["home_page_url"] == SITE + page
        assert document["feed_url"] == SITE + page + "feed.json"
        assert document["icon"] == f"{SITE}/static/img/logo.png"
        (item,) = document["items"]
        assert item["id"] == f"tag:news.example.com,2026-03-10:story:{story.pk}"
        assert item["url"] == SITE + story.get_absolute_url()
        assert item["title"] == story.title
        assert item["summary"] == "The first Leica phones & why they matter."
        assert f'href="{SITE}/tag/leica/"' in item["content_html"]
        assert [a["name"] for a in item["authors"]] == ["Ann Writer", "Bo Editor"]
        assert item["authors"][0]["url"] == f"{SITE}/author/ann-writer/"
        assert item["tags"] == ["Phones", "Leica"]
        published = dt.datetime.fromisoformat(item["date_published"])
        assert published == NOW - dt.timedelta(hours=2)
        dt.datetime.fromisoformat(item["date_modified"])
        assert item["image"] == SITE + story.hero_image.url
        (attachment,) = item["attachments"]
        assert attachment["mime_type"] == "image/jpeg"
        assert attachment["size_in_bytes"] == story.hero_image.size

    def test_an_empty_feed_is_still_valid(self, client):
        document = json.loads(client.get("/feed.json").content)
        jsonschema.validate(document, JSON_FEED_1_1)
        assert document["items"] == []


class TestConditionalGet:
    def test_unchanged_feed_answers_304(self, client, story):
        first = client.get("/section/phones/feed/")
        assert first["Cache-Control"] == "public, max-age=300"
        again = client.get(
            "/section/phones/feed/", headers={"if-none-match": first["ETag"]}
        )
        assert again.status_code == 304
        assert again.content == b""
        assert again["ETag"] == first["ETag"]
        assert again["Cache-Control"] == "public, max-age=300"
        by_date = client.get(
            "/section/phones/feed/",
            headers={"if-modified-since": first["Last-Modified"]},
        )
        assert by_date.status_code == 304

    def test_last_modified_is_the_newest_change_of_the_feeds_own_items(
        self, client, story
    ):
        response = client.get("/section/phones/feed/")
        assert email.utils.parsedate_to_datetime(response["Last-Modified"]) == NOW

    def test_a_change_to_the_feeds_stories_gives_a_new_answer(
        self, client, story, clock
    ):
        etag = client.get("/feed/atom/")["ETag"]
        clock.shift(dt.timedelta(minutes=1))
        story.title = "Corrected headline"
        story.save()
        response = client.get("/feed/atom/", headers={"if-none-match": etag})
        assert response.status_code == 200
        assert response["ETag"] != etag
        assert b"Corrected headline" in response.content

    def test_another_sections_news_leaves_this_feed_alone(self, client, story, clock):
        phones = client.get("/section/phones/feed/")
        site = client.get("/feed/")
        clock.shift(dt.timedelta(minutes=5))
        ArticleFactory(section=SectionFactory(slug="laptops"))
        again = client.get(
            "/section/phones/feed/",
            headers={
                "if-none-match": phones["ETag"],
                "if-modified-since": phones["Last-Modified"],
            },
        )
        assert again.status_code == 304
        assert client.get("/feed/")["ETag"] != site["ETag"]

    def test_formats_have_their_own_validators(self, client, story):
        etags = {client.get(url)["ETag"] for url in ("/feed/", "/feed/atom/")}
        assert len(etags) == 2

    def test_feeds_are_gzipped_for_readers_that_ask(self, client, story):
        response = client.get("/feed/", headers={"accept-encoding": "gzip"})
        assert response["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in response["Vary"]
        parsed = feedparser.parse(gzip.decompress(response.content))
        assert not parsed.bozo
        assert parsed.entries[0].title == story.title
        # The compressed body's weak ETag still validates.
        again = client.get(
            "/feed/",
            headers={"accept-encoding": "gzip", "if-none-match": response["ETag"]},
        )
        assert again.status_code == 304


class TestAutodiscovery:
    def alternates(self, client, url):
        head = PageHead(client.get(url).content.decode())
        return [(link["type"], link["href"]) for link in head.alternates()]

    def test_every_page_links_the_sites_feeds(self, client, story):
        for url in ("/", story.get_absolute_url(), "/archive/"):
            links = self.alternates(client, url)
            assert ("application/rss+xml", f"{SITE}/feed/") in links
            assert ("application/atom+xml", f"{SITE}/feed/atom/") in links
            assert ("application/feed+json", f"{SITE}/feed.json") in links

    @pytest.mark.parametrize("page", [p for p in PAGES.values() if p != "/"])
    def test_a_pages_own_feeds_come_first(self, client, story, page):
        assert self.alternates(client, page)[:4] == [
            ("application/rss+xml", f"{SITE}{page}feed/"),
            ("application/atom+xml", f"{SITE}{page}feed/atom/"),
            ("application/feed+json", f"{SITE}{page}feed.json"),
            ("application/rss+xml", f"{SITE}/feed/"),
        ]

    def test_advertised_feeds_exist(self, client, story):
        for page in [*PAGES.values(), story.get_absolute_url()]:
            for _, href in self.alternates(client, page):
                assert client.get(href.removeprefix(SITE)).status_code == 200

    def test_a_story_advertises_its_sections_feed(self, client, story):
        links = self.alternates(client, story.get_absolute_url())
        assert ("application/rss+xml", f"{SITE}/section/phones/feed/") in links


class TestDeviceAndBrandFeeds:
    @pytest.fixture
    def coverage(self, story):
        xiaomi = BrandFactory(name="Xiaomi", slug="xiaomi")
        ultra = DeviceFactory(brand=xiaomi, name="Xiaomi 12S Ultra", slug="12s-ultra")
        pro = DeviceFactory(brand=xiaomi, name="Xiaomi 12S Pro", slug="12s-pro")
        story.devices.add(ultra, pro)
        about_event = ArticleFactory(title="The launch date is set")
        about_event.launch_events.add(LaunchEventFactory(brand=xiaomi))
        ArticleFactory(title="Unrelated", section=story.section)
        return story, about_event

    def test_a_device_feed_holds_its_stories(self, client, coverage):
        story, _ = coverage
        for suffix in XML_FORMATS.values():
            feed = parse(client, "/devices/12s-ultra/" + suffix)
            assert feed.feed.title == "Newsroom: Xiaomi 12S Ultra"
            assert feed.feed.link == f"{SITE}/devices/12s-ultra/"
            assert [e.title for e in feed.entries] == [story.title]
        document = json.loads(client.get("/devices/12s-pro/feed.json").content)
        jsonschema.validate(document, JSON_FEED_1_1)
        assert [item["title"] for item in document["items"]] == [story.title]

    def test_a_brand_feed_holds_stories_about_its_devices_and_launches(
        self, client, coverage
    ):
        story, about_event = coverage
        titles = [e.title for e in parse(client, "/brands/xiaomi/feed/").entries]
        # Once each, though the story covers two of the brand's devices.
        assert sorted(titles) == sorted([story.title, about_event.title])

    def test_only_public_stories(self, client, coverage):
        story, _ = coverage
        story.status = Article.Status.DRAFT
        story.save()
        assert parse(client, "/devices/12s-ultra/feed/").entries == []

    def test_pages_advertise_them(self, client, coverage):
        for page in ("/devices/12s-ultra/", "/brands/xiaomi/"):
            head = PageHead(client.get(page).content.decode())
            hrefs = [link["href"] for link in head.alternates()]
            assert hrefs[:3] == [
                f"{SITE}{page}feed/",
                f"{SITE}{page}feed/atom/",
                f"{SITE}{page}feed.json",
            ]

    def test_unknown_device_or_brand_is_404(self, client):
        assert client.get("/devices/nope/feed/").status_code == 404
        assert client.get("/brands/nope/feed/atom/").status_code == 404

    def test_news_about_a_covered_device_refreshes_the_story_feeds(
        self, client, coverage, clock
    ):
        story, _ = coverage
        device = story.devices.get(slug="12s-ultra")
        etag = client.get("/feed/")["ETag"]
        clock.shift(dt.timedelta(hours=1))
        # The story's embeds show the device's current specs.
        device_services.record_claim(device=device, field=SpecFieldFactory(), value=50)
        response = client.get("/feed/", headers={"if-none-match": etag})
        assert response.status_code == 200
        assert email.utils.parsedate_to_datetime(response["Last-Modified"]) == (
            NOW + dt.timedelta(hours=1)
        )
