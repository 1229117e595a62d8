"""A search looks at the newest 500 public stories that match, whatever the
archive holds, and says so when more match; words too short for SQLite's
index are looked for among those. On SQLite and PostgreSQL alike, except
where marked."""

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone
from django.utils.text import slugify
from lxml import html as lxml_html

from newsroom.core.page_cache import content_changed
from newsroom.models import Article
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db

BOUND = 500  # the documented number (newsroom.search.MAX_CANDIDATES)
only_sqlite = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's trigram index"
)


def stories(count, title="Periscope report", body="", **fields):
    """`count` public stories, each made newer than the one before, written
    in bulk as an import would (without save(): the index must follow)."""
    section = SectionFactory()
    day_ago, made_before = (
        timezone.now() - dt.timedelta(days=1),
        Article.objects.count(),
    )
    made = Article.objects.bulk_create(
        Article(
            title=f"{title} {n}",
            slug=f"{slugify(title)}-{n}",
            body=body,
            section=section,
            **{
                "status": Article.Status.PUBLISHED,
                "published_at": day_ago + dt.timedelta(minutes=made_before + n),
                **fields,
            },
        )
        for n in range(count)
    )
    Article.objects.filter(pk__in=[story.pk for story in made]).refresh_search_vectors()
    content_changed()
    return made


def search(client, q, **params):
    response = client.get("/search/", {"q": q, **params})
    assert response.status_code == 200
    return response


def titles(response):
    return [story.title for story in response.context["stories"]]


def counts(response):
    doc = lxml_html.fromstring(response.content)
    return {
        "story count": doc.xpath("//ul[contains(@class, 'search-counts')]/li")[0]
        .text_content()
        .strip(),
        "heading": doc.xpath("//h2[@id='search-stories']")[0].text_content(),
        "notice": " ".join(
            " ".join(p.text_content().split())
            for p in doc.xpath("//section//p[contains(@class, 'notice')]")
        ),
    }


def test_past_500_matches_the_newest_500_are_listed_and_the_page_says_more(client):
    made = stories(BOUND + 3)
    first = search(client, "periscope")
    assert counts(first) == {
        "story count": "More than 500 stories",
        "heading": "Stories (more than 500)",
        "notice": "More than 500 stories match, so only the newest 500 are "
        "listed, best matches first: add a word to narrow the search.",
    }
    assert titles(first)[0] == made[-1].title
    paginator = first.context["paginator"]
    assert (paginator.count, paginator.num_pages) == (500, 25)
    last = search(client, "periscope", page=25)
    assert titles(last)[-1] == made[3].title, "the three oldest are left out"
    assert client.get("/search/", {"q": "periscope", "page": 26}).status_code == 404


def test_up_to_500_matches_are_all_listed_and_counted(client):
    stories(BOUND)
    response = search(client, "periscope")
    assert counts(response) == {
        "story count": "500 stories",
        "heading": "Stories (500)",
        "notice": "",
    }
    assert response.context["paginator"].num_pages == 25


def test_drafts_and_scheduled_stories_take_no_place_among_the_500(client):
    stories(BOUND)
    hidden = [
        *stories(2, title="Periscope draft", status=Article.Status.DRAFT),
        *stories(
            1,
            title="Periscope embargo",
            published_at=timezone.now() + dt.timedelta(days=1),
        ),
    ]
    response = search(client, "periscope")
    assert counts(response)["story count"] == "500 stories"
    shown = {
        story.title
        for page in range(1, 26)
        for story in search(client, "periscope", page=page).context["stories"]
    }
    assert len(shown) == 500
    assert not shown & {story.title for story in hidden}


def test_ranking_is_kept_among_the_newest(client):
    stories(BOUND - 1, title="Another report", body="A periscope lens.")
    ArticleFactory(
        title="The periscope explained",
        published_at=timezone.now() - dt.timedelta(days=2),
    )
    stories(1, title="Latest report", body="A periscope lens.")
    # Still among the newest 500, the headline match leads.
    assert titles(search(client, "periscope"))[:2] == [
        "The periscope explained",
        "Latest report 0",
    ]


def test_short_words_are_found(client):
    ArticleFactory(title="Xiaomi modem review", body="It does 5G.")
    ArticleFactory(title="Xiaomi older modem", body="It does 4G.")
    assert titles(search(client, "5G")) == ["Xiaomi modem review"]
    assert titles(search(client, "xiaomi 5G")) == ["Xiaomi modem review"]
    assert titles(search(client, "modem -5G")) == ["Xiaomi older modem"]
    assert counts(search(client, "5G"))["notice"] == ""


@only_sqlite
def test_short_words_are_looked_for_among_the_newest_500_and_the_page_says_so(
    client,
):
    oldest = stories(1, title="Periscope with 5G")
    stories(BOUND, title="Periscope report")
    newest = stories(1, title="Newest periscope with 5G")
    response = search(client, "periscope 5G")
    assert titles(response) == [newest[0].title]
    assert oldest[0].title not in response.content.decode()
    assert counts(response) == {
        "story count": "1 story",
        "heading": "Stories (1)",
        "notice": "Words shorter than three letters (5G) are looked for only in "
        "the newest 500 stories holding your other words.",
    }
    alone = search(client, "5G")
    assert titles(alone) == [newest[0].title]
    assert counts(alone)["notice"] == (
        "Words shorter than three letters (5G) are looked for only in the "
        "newest 500 stories."
    )
