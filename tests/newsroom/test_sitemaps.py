import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from newsroom import sitemaps
from newsroom.models import Article
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, TagFactory
from tests.public import NOW, SITE

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("public_site")]

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def fetch(client, url):
    response = client.get(url.removeprefix(SITE))
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/xml"
    assert response["X-Robots-Tag"].startswith("noindex")
    return ET.fromstring(response.content)


def locations(client, url):
    return [loc.text for loc in fetch(client, url).iterfind("sm:url/sm:loc", NS)]


@pytest.fixture
def newsroom(clock):
    phones = SectionFactory(name="Phones", slug="phones")
    leica = TagFactory(name="Leica", slug="leica")
    ann = AuthorFactory(name="Ann", slug="ann")
    story = ArticleFactory(
        title="Leica & Xiaomi", section=phones, tags=[leica], authors=[ann]
    )
    # Nothing of these is public, so nothing of them is listed.
    ArticleFactory(
        section=SectionFactory(slug="drafts"),
        tags=[TagFactory(slug="secret")],
        authors=[AuthorFactory(slug="ghost")],
        status=Article.Status.DRAFT,
    )
    ArticleFactory(
        title="Embargoed",
        slug="embargoed",
        section=SectionFactory(slug="later"),
        published_at=NOW + dt.timedelta(hours=1),
    )
    return story


class TestIndex:
    def test_lists_every_sitemap_with_addresses_from_site_url(self, client, newsroom):
        root = fetch(client, "/sitemap.xml")
        assert root.tag == f"{{{NS['sm']}}}sitemapindex"
        listed = [loc.text for loc in root.iterfind("sm:sitemap/sm:loc", NS)]
        assert listed == [
            f"{SITE}/sitemap-pages.xml",
            f"{SITE}/sitemap-stories.xml",
            f"{SITE}/sitemap-sections.xml",
            f"{SITE}/sitemap-tags.xml",
            f"{SITE}/sitemap-authors.xml",
            f"{SITE}/sitemap-devices.xml",
            f"{SITE}/sitemap-brands.xml",
            f"{SITE}/sitemap-launches.xml",
            f"{SITE}/sitemap-news.xml",
        ]
        for url in listed:
            fetch(client, url)

    def test_gives_when_each_sitemap_last_changed(self, client, newsroom):
        root = fetch(client, "/sitemap.xml")
        lastmods = {
            entry.findtext("sm:loc", namespaces=NS): entry.findtext(
                "sm:lastmod", namespaces=NS
            )
            for entry in root.iterfind("sm:sitemap", NS)
        }
        published = dt.datetime.fromisoformat(lastmods[f"{SITE}/sitemap-sections.xml"])
        assert published == newsroom.published_at

    def test_a_long_sitemap_is_split_into_pages(self, client, clock, monkeypatch):
        monkeypatch.setattr(sitemaps.StorySitemap, "limit", 2)
        for _ in range(3):
            ArticleFactory()
        root = fetch(client, "/sitemap.xml")
        listed = [loc.text for loc in root.iterfind("sm:sitemap/sm:loc", NS)]
        assert f"{SITE}/sitemap-stories.xml?p=2" in listed
        assert len(locations(client, "/sitemap-stories.xml?p=2")) == 1

    def test_unknown_sitemap_is_404(self, client):
        assert client.get("/sitemap-nope.xml").status_code == 404
        assert client.get("/sitemap-stories.xml?p=9").status_code == 404


class TestSections:
    def test_stories_only_public_ones(self, client, newsroom):
        assert locations(client, "/sitemap-stories.xml") == [
            SITE + newsroom.get_absolute_url()
        ]

    def test_a_scheduled_story_is_listed_once_it_is_live(self, client, newsroom, clock):
        clock.shift(dt.timedelta(hours=2))
        listed = locations(client, "/sitemap-stories.xml")
        assert any(url.endswith("/embargoed/") for url in listed)
        assert f"{SITE}/section/later/" in locations(client, "/sitemap-sections.xml")

    def test_story_lastmod_is_its_last_update(self, client, newsroom, clock):
        clock.shift(dt.timedelta(days=3))
        newsroom.body = "Rewritten."
        newsroom.save()
        root = fetch(client, "/sitemap-stories.xml")
        lastmods = {
            url.findtext("sm:loc", namespaces=NS): url.findtext(
                "sm:lastmod", namespaces=NS
            )
            for url in root.iterfind("sm:url", NS)
        }
        assert lastmods[SITE + newsroom.get_absolute_url()] == "2026-03-13"

    @pytest.mark.parametrize(
        ("url", "expected"),
        [
            ("/sitemap-sections.xml", f"{SITE}/section/phones/"),
            ("/sitemap-tags.xml", f"{SITE}/tag/leica/"),
            ("/sitemap-authors.xml", f"{SITE}/author/ann/"),
        ],
    )
    def test_listings_only_with_public_stories(self, client, newsroom, url, expected):
        assert locations(client, url) == [expected]

    def test_pages(self, client, newsroom):
        assert locations(client, "/sitemap-pages.xml") == [
            f"{SITE}/",
            f"{SITE}/archive/",
        ]


class TestGoogleNews:
    def test_stories_of_the_last_two_days(self, client, newsroom, clock):
        old = ArticleFactory(published_at=NOW - dt.timedelta(days=3))
        root = fetch(client, "/sitemap-news.xml")
        (url,) = root.iterfind("sm:url", NS)
        assert (
            url.findtext("sm:loc", namespaces=NS) == SITE + newsroom.get_absolute_url()
        )
        news = url.find("news:news", NS)
        assert news.findtext("news:publication/news:name", namespaces=NS) == "Newsroom"
        assert news.findtext("news:publication/news:language", namespaces=NS) == "en"
        assert news.findtext("news:title", namespaces=NS) == "Leica & Xiaomi"
        published = news.findtext("news:publication_date", namespaces=NS)
        assert dt.datetime.fromisoformat(published) == newsroom.published_at
        assert SITE + old.get_absolute_url() not in ET.tostring(root).decode()

    def test_a_story_leaves_after_two_days(self, client, newsroom, clock):
        # The embargoed story went live an hour after this one.
        clock.shift(dt.timedelta(days=2, hours=2))
        assert fetch(client, "/sitemap-news.xml").find("sm:url", NS) is None

    def test_language_code_google_expects(self, settings):
        settings.LANGUAGE_CODE = "en-gb"
        assert sitemaps.news_language() == "en"
        settings.LANGUAGE_CODE = "zh-tw"
        assert sitemaps.news_language() == "zh-tw"


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /admin/" in lines
    assert f"Sitemap: {SITE}/sitemap.xml" in lines


def test_sitemaps_are_compressed_and_cacheable(client, newsroom):
    for _ in range(30):
        ArticleFactory()
    response = client.get("/sitemap-stories.xml", headers={"accept-encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    assert "public" in response["Cache-Control"]
