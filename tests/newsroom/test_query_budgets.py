"""Every public page and feed costs a fixed number of queries, whatever the
archive holds: stories with and without embeds, tags or hero images, drafts
and scheduled stories among them. Each budget is pinned here; the benchmark
(`make bench`) measures the time."""

import datetime as dt

import factory
import pytest
from django.core.management import call_command
from django.utils import timezone

from devices.models import Brand, Device
from newsroom.coverage import sync_coverage
from newsroom.models import Article, Author, Section, Tag
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

# page: (address, the most queries it may make). Counted on a cold page
# cache: a feed also reads the names it shows for its validators, search its
# other kinds of result, a device page its sources' scores and its lineage;
# embeds take six (devices, cameras, claims, their fields and sources, events).
BUDGETS = {
    "home": ("/", 9),
    "section": ("/section/bench-0/", 6),
    "section, last page": ("/section/bench-0/?page=last", 6),
    "tag": ("/tag/bench-tag-0/", 6),
    "author": ("/author/bench-writer-0/", 7),
    "story with four embeds": ("story:bench-story-0", 16),
    "story with a hero and no embeds": ("story:hero", 10),
    "archive": ("/archive/", 9),
    "search": ("/search/?q=periscope", 9),
    "feed": ("/feed/", 12),
    "atom feed": ("/feed/atom/", 12),
    "json feed": ("/feed.json", 12),
    "section feed": ("/section/bench-0/feed/", 13),
    "tag feed": ("/tag/bench-tag-0/feed/", 13),
    "author feed": ("/author/bench-writer-0/feed/", 13),
    "device feed": ("/devices/bench-device-0/feed/", 13),
    "brand feed": ("/brands/bench-brand-0/feed/", 13),
    "device": ("/devices/bench-device-0/", 14),
    "compare": ("/compare/bench-device-0-vs-bench-device-1/", 6),
    "launch calendar": ("/launches.ics", 2),
}


@pytest.fixture
def archive():
    call_command(
        "make_bench_data", stories=30, devices=6, events=3, processes=1, verbosity=0
    )
    section, tag = (
        Section.objects.get(slug="bench-0"),
        Tag.objects.get(slug="bench-tag-0"),
    )
    ArticleFactory(
        slug="hero",
        section=section,
        tags=[tag],
        authors=[Author.objects.get(slug="bench-writer-0")],
        hero_image=factory.django.ImageField(filename="hero.jpg", width=64, height=48),
        hero_alt="A phone from the back",
    )
    ArticleFactory(section=section, status=Article.Status.DRAFT, published_at=None)
    ArticleFactory(section=section, published_at=timezone.now() + dt.timedelta(days=1))


def grow(count):
    """More stories of every kind in the same section, tag, device and brand."""
    section, tag = (
        Section.objects.get(slug="bench-0"),
        Tag.objects.get(slug="bench-tag-0"),
    )
    author = Author.objects.get(slug="bench-writer-0")
    for n in range(count):
        story = ArticleFactory(
            section=section,
            tags=[tag, *Tag.objects.all()[1 : 1 + n % 3]],
            authors=[author],
            body=f"Grown story {n} about the periscope.\n\n"
            + "[[specs bench-device-0]]\n\n[[event bench-launch-0]]" * (n % 2),
            published_at=timezone.now() - dt.timedelta(minutes=n),
        )
        sync_coverage(article=story)
        story.devices.add(Device.objects.get(slug="bench-device-0"))
    assert Brand.objects.filter(slug="bench-brand-0").exists()


def address(page):
    where, _ = BUDGETS[page]
    if where.startswith("story:"):
        return Article.objects.get(slug=where.removeprefix("story:")).get_absolute_url()
    return where


@pytest.mark.parametrize("page", BUDGETS)
def test_page_stays_within_its_query_budget_as_the_archive_grows(
    client, archive, page, django_assert_max_num_queries
):
    _, budget = BUDGETS[page]
    with django_assert_max_num_queries(budget):
        assert client.get(address(page)).status_code == 200
    grow(45)
    with django_assert_max_num_queries(budget):
        assert client.get(address(page)).status_code == 200


def test_search_stays_within_its_budget_past_the_stories_it_looks_at(
    client, archive, django_assert_max_num_queries
):
    where, budget = BUDGETS["search"]
    section = Section.objects.get(slug="bench-0")
    # More matching stories than the 500 a search ranks, imported in bulk.
    stories = Article.objects.bulk_create(
        Article(
            title=f"Imported story {n}",
            slug=f"imported-{n}",
            body="About the periscope.",
            section=section,
            status=Article.Status.PUBLISHED,
            published_at=timezone.now() - dt.timedelta(hours=1, minutes=n),
        )
        for n in range(520)
    )
    Article.objects.filter(pk__in=[s.pk for s in stories]).refresh_search_vectors()
    for page in (where, where + "&page=25"):
        with django_assert_max_num_queries(budget):
            response = client.get(page)
        assert response.status_code == 200
        assert response.context["paginator"].num_pages == 25
