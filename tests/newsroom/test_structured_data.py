import datetime as dt
from types import SimpleNamespace

import factory
import pytest
from django.template import Context, Template

from newsroom.models import Correction
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, TagFactory
from tests.pages import PageHead
from tests.public import NOW, SITE

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("public_site")]


@pytest.fixture
def story(clock):
    return ArticleFactory(
        title="Xiaomi 12S series launching July 4 with Leica cameras",
        slug="xiaomi-12s",
        dek="The first Leica phones.",
        section=SectionFactory(name="Phones", slug="phones"),
        tags=[TagFactory(name="Leica", slug="leica")],
        authors=[
            AuthorFactory(name="Ann Writer", slug="ann"),
            AuthorFactory(name="Bo Editor", slug="bo"),
        ],
        published_at=NOW - dt.timedelta(hours=3),
        hero_image=factory.django.ImageField(filename="hero.png", format="PNG"),
        hero_alt="The phone",
    )


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return PageHead(response.content.decode())


class TestNewsArticle:
    def test_describes_the_story(self, client, story):
        url = SITE + story.get_absolute_url()
        (article,) = head(client, story.get_absolute_url()).of_type("NewsArticle")
        assert article["@context"] == "https://schema.org"
        assert article["headline"] == story.title
        assert article["description"] == "The first Leica phones."
        assert article["mainEntityOfPage"]["@id"] == url
        assert dt.datetime.fromisoformat(article["datePublished"]) == story.published_at
        assert dt.datetime.fromisoformat(article["dateModified"]) == story.published_at
        assert article["author"] == [
            {"@type": "Person", "name": "Ann Writer", "url": f"{SITE}/author/ann/"},
            {"@type": "Person", "name": "Bo Editor", "url": f"{SITE}/author/bo/"},
        ]
        assert article["image"] == [SITE + story.hero_image.url]
        assert article["articleSection"] == "Phones"
        assert article["keywords"] == ["Leica"]
        assert "correction" not in article

    def test_names_the_publisher_with_its_logo(self, client, story):
        (article,) = head(client, story.get_absolute_url()).of_type("NewsArticle")
        publisher = article["publisher"]
        assert publisher["@type"] == "NewsMediaOrganization"
        assert publisher["name"] == "Newsroom"
        assert publisher["url"] == f"{SITE}/"
        assert publisher["logo"]["@type"] == "ImageObject"
        assert publisher["logo"]["url"] == f"{SITE}/static/img/logo.png"

    def test_a_later_edit_is_the_modified_date(self, client, story, clock):
        clock.shift(dt.timedelta(hours=2))
        story.save()
        (article,) = head(client, story.get_absolute_url()).of_type("NewsArticle")
        modified = dt.datetime.fromisoformat(article["dateModified"])
        assert modified == NOW + dt.timedelta(hours=2)

    def test_carries_corrections_but_not_updates(self, client, story):
        Correction.objects.create(
            article=story, text="The launch is on 4 July, not 5 July.", noted_at=NOW
        )
        Correction.objects.create(
            article=story, kind=Correction.Kind.UPDATE, text="Xiaomi confirmed it."
        )
        (article,) = head(client, story.get_absolute_url()).of_type("NewsArticle")
        assert article["correction"] == [
            {
                "@type": "CorrectionComment",
                "text": "The launch is on 4 July, not 5 July.",
                "datePublished": NOW.isoformat(),
            }
        ]

    def test_a_headline_cannot_break_out_of_the_script(self, client, story):
        story.title = 'Leica </script><script>alert("x")</script> & <!-- more'
        story.save()
        page = client.get(story.get_absolute_url()).content.decode()
        assert '</script><script>alert("x")' not in page
        (article,) = PageHead(page).of_type("NewsArticle")
        assert article["headline"] == story.title


class TestBreadcrumbs:
    def crumbs(self, client, url):
        (trail,) = head(client, url).of_type("BreadcrumbList")
        items = trail["itemListElement"]
        assert [item["position"] for item in items] == list(range(1, len(items) + 1))
        return [(item["name"], item["item"]) for item in items]

    def test_story(self, client, story):
        assert self.crumbs(client, story.get_absolute_url()) == [
            ("Newsroom", f"{SITE}/"),
            ("Phones", f"{SITE}/section/phones/"),
            (story.title, SITE + story.get_absolute_url()),
        ]

    @pytest.mark.parametrize(
        ("url", "name"),
        [
            ("/section/phones/", "Phones"),
            ("/tag/leica/", "Leica"),
            ("/author/ann/", "Ann Writer"),
        ],
    )
    def test_listings(self, client, story, url, name):
        assert self.crumbs(client, url) == [
            ("Newsroom", f"{SITE}/"),
            (name, SITE + url),
        ]


def test_home_describes_the_website(client, story):
    (website,) = head(client, "/").of_type("WebSite")
    assert website["name"] == "Newsroom"
    assert website["url"] == f"{SITE}/"
    assert website["publisher"]["name"] == "Newsroom"
    search = website["potentialAction"]
    template = search["target"]["urlTemplate"]
    assert template == f"{SITE}/search/?q={{search_term_string}}"
    assert search["query-input"] == "required name=search_term_string"
    found = client.get(template.removeprefix(SITE).format(search_term_string="Leica"))
    assert story.title in found.content.decode()


class TestScriptElement:
    template = Template("{% load syndication %}{% website_json_ld %}")

    def test_takes_the_csp_nonce_when_there_is_one(self):
        request = SimpleNamespace(csp_nonce="abc123")
        html = self.template.render(Context({"request": request}))
        page = PageHead(html)
        assert page.json_ld_attrs == [
            {"type": "application/ld+json", "nonce": "abc123"}
        ]

    def test_has_no_nonce_attribute_without_a_csp(self, rf):
        html = self.template.render(Context({"request": rf.get("/")}))
        assert PageHead(html).json_ld_attrs == [{"type": "application/ld+json"}]
        assert "nonce" not in html


class TestSocialCards:
    def test_story(self, client, story):
        page = head(client, story.get_absolute_url())
        url = SITE + story.get_absolute_url()
        assert page.property("og:type") == ["article"]
        assert page.property("og:title") == [story.title]
        assert page.property("og:description") == ["The first Leica phones."]
        assert page.property("og:url") == [url]
        assert page.property("og:image") == [SITE + story.hero_image.url]
        assert page.property("og:image:alt") == ["The phone"]
        assert page.property("twitter:card") == ["summary_large_image"]
        assert page.property("article:section") == ["Phones"]
        assert page.property("article:tag") == ["Leica"]
        assert page.property("article:author") == [
            f"{SITE}/author/ann/",
            f"{SITE}/author/bo/",
        ]
        published = page.property("article:published_time")[0]
        assert dt.datetime.fromisoformat(published) == story.published_at

    def test_a_page_without_image_shows_the_logo(self, client, story):
        page = head(client, "/section/phones/")
        assert page.property("og:title") == ["Phones"]
        assert page.property("og:image") == [f"{SITE}/static/img/logo.png"]
        assert page.property("twitter:card") == ["summary"]


class TestCanonical:
    def canonical(self, client, url):
        links = head(client, url).links
        (link,) = [link for link in links if link.get("rel") == "canonical"]
        return link["href"]

    def test_story(self, client, story):
        assert self.canonical(client, story.get_absolute_url()) == (
            SITE + story.get_absolute_url()
        )

    def test_later_pages_of_a_listing_are_their_own(self, client, story, settings):
        section = story.section
        for _ in range(settings.NEWSROOM_PAGE_SIZE):
            ArticleFactory(section=section)
        assert self.canonical(client, "/section/phones/") == f"{SITE}/section/phones/"
        assert self.canonical(client, "/section/phones/?page=2") == (
            f"{SITE}/section/phones/?page=2"
        )
