"""Site search across kinds: stories with marked snippets, devices found word
by word, brands, launch events and sources, grouped with counts; ranking,
drafts, hostile input and query counts. The same tests run on SQLite and
PostgreSQL; tests/newsroom/test_search_postgresql.py adds PostgreSQL's own."""

import datetime as dt

import pytest
from django.utils import timezone
from lxml import html as lxml_html

from devices.models import DeviceAlias
from newsroom.models import Article, ArticleDevice
from tests.devices.factories import (
    BrandFactory,
    DeviceFactory,
    LaunchEventFactory,
    SourceFactory,
)
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom():
    xiaomi = BrandFactory(name="Xiaomi", slug="xiaomi")
    BrandFactory(name="Leica", slug="leica")
    ultra = DeviceFactory(
        brand=xiaomi, name="Xiaomi 12S Ultra", slug="xiaomi-12s-ultra"
    )
    DeviceAlias.objects.create(device=ultra, name="12 Ultra", kind="leaked")
    DeviceAlias.objects.create(device=ultra, name="2203121C", kind="model")
    old = DeviceFactory(brand=xiaomi, name="Xiaomi 11 Ultra", slug="xiaomi-11-ultra")
    DeviceAlias.objects.create(device=old, name="Mi 11 Ultra", kind="alias")
    # A device with nothing but a name: no aliases, specs, cameras or dates.
    DeviceFactory(brand=xiaomi, name="Xiaomi 12S", slug="xiaomi-12s")
    LaunchEventFactory(brand=xiaomi, title="Xiaomi 12S series launch")
    SourceFactory(name="Leica Camera AG", slug="leica-camera")
    seed = ArticleFactory(
        title="Xiaomi 12S series launching July 4 with Leica cameras",
        dek="Three phones, one of them long leaked as the 12 Ultra.",
        body="The phone leaked as the 12 Ultra carries a 1-inch sensor "
        "co-engineered with Leica.\n\n[[specs xiaomi-12s-ultra]]",
    )
    ArticleDevice.objects.create(article=seed, device=ultra)
    older = ArticleFactory(
        title="Xiaomi 11 Ultra review: before the 12 Ultra",
        body="Its screen on the back still stands out.",
        published_at=timezone.now() - dt.timedelta(minutes=5),
    )
    ArticleDevice.objects.create(article=older, device=old)
    return {"seed": seed, "older": older, "ultra": ultra, "old": old}


def search(client, q, **extra):
    response = client.get("/search/", {"q": q}, **extra)
    assert response.status_code == 200
    return response


def titles(response):
    return [story.title for story in response.context["stories"]]


def group(response, kind):
    return next(g for g in response.context["groups"] if g.kind == kind)


def names(response, kind):
    return [str(item) for item in group(response, kind).items]


@pytest.mark.parametrize(
    ("query", "device"),
    [
        ("Xiaomi 12 Ultra", "Xiaomi 12S Ultra"),
        ("12S ultra", "Xiaomi 12S Ultra"),
        ("12 Ultra", "Xiaomi 12S Ultra"),
        ("mi 11 ultra", "Xiaomi 11 Ultra"),
        ("ultra 11", "Xiaomi 11 Ultra"),
        ("2203121c", "Xiaomi 12S Ultra"),
    ],
)
def test_device_names_match_word_by_word_aliases_included(
    client, newsroom, query, device
):
    response = search(client, query)
    assert names(response, "devices") == [device]
    page = response.content.decode()
    assert (
        f'href="{newsroom["ultra" if "12" in device else "old"].get_absolute_url()}"'
        in page
    )


def test_results_are_grouped_by_kind_with_counts(client, newsroom):
    response = search(client, "Leica")
    assert names(response, "brands") == ["Leica"]
    assert names(response, "sources") == ["Leica Camera AG"]
    assert titles(response) == [newsroom["seed"].title]
    counts = lxml_html.fromstring(response.content).xpath(
        "//ul[contains(@class, 'search-counts')]/li"
    )
    assert [li.text_content().strip() for li in counts] == [
        "1 story",
        "0 devices",
        "1 brand",
        "0 launch events",
        "1 source",
    ]
    assert names(search(client, "the Leica phones"), "brands") == ["Leica"]
    events = search(client, "12S launch")
    assert names(events, "events") == ["Xiaomi 12S series launch"]


def test_a_story_covering_the_device_ranks_above_one_that_mentions_it(client, newsroom):
    assert titles(search(client, "12 Ultra")) == [
        newsroom["seed"].title,
        newsroom["older"].title,
    ]


def test_snippets_mark_the_matching_words_and_escape_the_rest(client, newsroom):
    ArticleFactory(
        title="Sensor sizes explained",
        body="When a < b and <i>sensor</i> tags appear, the 1-inch sensor wins.",
    )
    response = search(client, "sensor")
    doc = lxml_html.fromstring(response.content)
    snippets = doc.xpath(
        "//article[contains(@class, 'story-card')]//p[@class='snippet']"
    )
    assert snippets, "each story has a snippet"
    marked = {m.text_content().lower() for s in snippets for m in s.xpath(".//mark")}
    assert marked == {"sensor"}
    page = response.content.decode()
    assert "<i>sensor</i>" not in page
    # Embed lines are not quoted in snippets.
    assert "[[specs" not in page


@pytest.mark.parametrize(
    "changes",
    [
        {"status": Article.Status.DRAFT, "published_at": None},
        {"status": Article.Status.REVIEW},
        {"published_at": timezone.now() + dt.timedelta(days=1)},
    ],
    ids=["draft-without-date", "review", "scheduled"],
)
def test_non_public_stories_never_reach_results_counts_or_snippets(
    client, newsroom, changes
):
    secret = ArticleFactory(
        title="Embargoed Leica periscope", body="Zeppelin codename inside."
    )
    Article.objects.filter(pk=secret.pk).update(**changes)
    for query in ("Zeppelin", "Embargoed", "Leica periscope"):
        response = search(client, query)
        assert titles(response) == []
        page = response.content.decode()
        assert "codename" not in page and "Embargoed Leica" not in page
        assert "0 stories" in page


def test_an_over_long_query_is_cut_and_the_reader_told(client, newsroom):
    response = search(client, "Leica " * 60)
    assert len(response.context["query"]) == 200
    assert "only the first 200 were used" in response.content.decode()


def test_an_empty_query_shows_the_search_form(client, newsroom):
    response = search(client, "")
    doc = lxml_html.fromstring(response.content)
    assert doc.xpath("//main//form[@role='search']//input[@name='q']")
    assert response.context["groups"] == []


HOSTILE = [
    "' & | ! :* (",
    "leica:* & !(zeiss | 'x')",
    "((((",
    '"unclosed phrase',
    "-",
    "--leica",
    " ".join(f"-word{n}" for n in range(100)),
    "x" * 5000,
    "%_%",
    "\\",
    "😀 你好 ß",
]


@pytest.mark.parametrize("query", HOSTILE)
@pytest.mark.parametrize("method", ["get", "head"])
def test_hostile_queries_are_answered_calmly(client, newsroom, query, method):
    response = getattr(client, method)("/search/", {"q": query})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "query_string", ["q=%00leica", "q=%FF%FEleica", "q=lei%00ca&q=%C3", "q=%ZZ"]
)
@pytest.mark.parametrize("method", ["get", "head", "post", "options"])
def test_nul_bytes_and_invalid_utf8_never_fail(client, newsroom, query_string, method):
    response = getattr(client, method)("/search/", QUERY_STRING=query_string)
    # GET and HEAD search; OPTIONS answers what the page allows; POST is
    # refused like on every read-only page. Never a server error.
    expected = {"get": 200, "head": 200, "options": 200, "post": 405}[method]
    assert response.status_code == expected


def test_pagination_keeps_the_query_with_the_groups(client, newsroom):
    ArticleFactory.create_batch(25, title="Leica story")
    first = search(client, "Leica")
    assert 'href="?q=Leica&amp;page=2"' in first.content.decode()
    second = client.get("/search/", {"q": "Leica", "page": 2})
    assert second.status_code == 200
    assert "26 stories" in second.content.decode()


def test_search_page_queries_are_fixed(client, newsroom, django_assert_max_num_queries):
    ArticleFactory.create_batch(5, title="Leica story")
    # Stories: the ranked candidates, a page, bylines, tags; then devices,
    # sources (one each while under ten found); the sections of the header.
    with django_assert_max_num_queries(9):
        search(client, "Leica")
    ArticleFactory.create_batch(15, title="Leica story")
    with django_assert_max_num_queries(9):
        search(client, "Leica")
