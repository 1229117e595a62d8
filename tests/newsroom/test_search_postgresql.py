"""What only PostgreSQL's full-text search does: stemming, phrases, -word,
and the stored vector with its GIN index. Skipped on other databases."""

import pytest
from django.db import connection

from newsroom.models import Article
from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="PostgreSQL full-text search only"
    ),
]


def titles(client, q):
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    return [story.title for story in response.context["stories"]]


def test_words_are_stemmed(client):
    ArticleFactory(title="Xiaomi launches three phones", body="In July.")
    assert titles(client, "launching") == ["Xiaomi launches three phones"]
    assert titles(client, "phone") == ["Xiaomi launches three phones"]


def test_a_quoted_phrase_needs_its_words_together(client):
    ArticleFactory(title="Leica cameras on the 12S", body="")
    ArticleFactory(title="Cameras by Leica", body="")
    assert titles(client, '"leica cameras"') == ["Leica cameras on the 12S"]
    assert sorted(titles(client, "leica cameras")) == [
        "Cameras by Leica",
        "Leica cameras on the 12S",
    ]


def test_a_minus_word_leaves_stories_out(client):
    ArticleFactory(title="Vivo and Zeiss", body="Leica rivals.")
    ArticleFactory(title="Xiaomi and Leica", body="")
    assert titles(client, "leica -zeiss") == ["Xiaomi and Leica"]


def test_headline_weighs_more_than_the_body(client):
    ArticleFactory(title="A phone review", body="Its periscope camera.")
    ArticleFactory(title="The periscope camera explained", body="Optics.")
    assert titles(client, "periscope")[0] == "The periscope camera explained"


def test_the_stored_vector_follows_each_save(client):
    story = ArticleFactory(title="Rumoured foldable", body="")
    assert titles(client, "foldable") == ["Rumoured foldable"]
    story.title = "Confirmed tablet"
    story.save()
    assert titles(client, "foldable") == []
    assert titles(client, "tablet") == ["Confirmed tablet"]
    assert Article.objects.get(pk=story.pk).search_vector


def test_the_vector_has_a_gin_index():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'article_search_idx'"
        )
        (definition,) = cursor.fetchone()
    assert "gin (search_vector)" in definition


def test_snippets_come_from_search_headline_with_stems_marked(client):
    ArticleFactory(title="Launch day", body="Xiaomi launched the phones today.")
    page = client.get("/search/", {"q": "launching"}).content.decode()
    assert "<mark>launched</mark>" in page


def test_stories_written_without_save_are_found_after_refresh_search(client):
    from io import StringIO

    from django.core.management import call_command

    story = ArticleFactory(title="Placeholder", body="")
    Article.objects.filter(pk=story.pk).update(title="Imported periscope story")
    assert titles(client, "periscope") == []
    out = StringIO()
    call_command("refresh_search", stdout=out)
    assert "refreshed for 1 stories" in out.getvalue()
    assert titles(client, "periscope") == ["Imported periscope story"]
