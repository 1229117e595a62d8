"""SQLite's search index (migration 0013): an FTS5 table that triggers keep
in step with every write to stories, with save() or without, so search finds
a story by its current words at once. Skipped on other databases."""

from io import StringIO

import pytest
import reversion
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from reversion.models import Version

from newsroom import search
from newsroom.core.page_cache import content_changed
from newsroom.models import Article
from tests.factories import ArticleFactory, SectionFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's index only"),
]

TRIGGERS = {
    "newsroom_article_fts_insert",
    "newsroom_article_fts_update",
    "newsroom_article_fts_delete",
}


def indexed(word):
    """The stories the index itself holds `word` for."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rowid FROM newsroom_article_fts WHERE newsroom_article_fts "
            "MATCH %s ORDER BY rowid",
            [f'"{word}"'],
        )
        return [pk for (pk,) in cursor.fetchall()]


def written_without_save():
    # As a service writing with update() does: stored pages are stale.
    content_changed()


def titles(client, q):
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    return [story.title for story in response.context["stories"]]


def test_the_index_and_its_triggers_outlive_every_migration():
    # Django rebuilds a table on SQLite for most field changes, dropping its
    # triggers: a migration that does so must create them again (see 0013).
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' "
            "AND tbl_name = 'newsroom_article'"
        )
        assert {name for (name,) in cursor.fetchall()} >= TRIGGERS
    assert search.fts5_trigram_available()


def test_a_new_story_is_found_through_the_index(client):
    story = ArticleFactory(title="Rumoured foldable", body="A hinge.")
    assert indexed("foldable") == [story.pk]
    assert titles(client, "foldable") == ["Rumoured foldable"]
    assert titles(client, "oldab") == ["Rumoured foldable"], "inside a word too"


def test_an_edited_story_is_found_by_its_new_words_only(client):
    story = ArticleFactory(title="Rumoured foldable", body="A hinge.")
    story.title = "Confirmed tablet"
    story.body = "A keyboard."
    story.save()
    assert indexed("foldable") == [] and indexed("hinge") == []
    assert indexed("tablet") == [story.pk]
    assert titles(client, "foldable") == [] and titles(client, "hinge") == []
    assert titles(client, "keyboard") == ["Confirmed tablet"]


def test_words_written_without_save_are_found_without_refresh_search(client):
    story = ArticleFactory(title="Placeholder", body="Nothing yet.")
    Article.objects.filter(pk=story.pk).update(
        title="Imported periscope story", dek="Zoom for everyone."
    )
    written_without_save()
    assert indexed("periscope") == [story.pk]
    assert titles(client, "periscope zoom") == ["Imported periscope story"]
    assert titles(client, "placeholder") == []

    section = SectionFactory()
    Article.objects.bulk_create(
        [
            Article(
                title="Bulk imported story",
                slug="bulk",
                body="About a sensor.",
                section=section,
                status=Article.Status.PUBLISHED,
                published_at=story.published_at,
            )
        ]
    )
    written_without_save()
    assert titles(client, "sensor") == ["Bulk imported story"]

    out = StringIO()
    call_command("refresh_search", stdout=out)
    assert out.getvalue().startswith("Nothing to refresh on SQLite")


def test_a_reverted_story_is_found_by_its_old_words_again(client):
    story = ArticleFactory(title="Original headline", body="Leica optics.")
    with reversion.create_revision():
        story.save()
    Article.objects.filter(pk=story.pk).update(
        title="Regrettable headline", body="Zeiss optics."
    )
    written_without_save()
    assert titles(client, "leica") == []
    # A revision is restored without the model's save().
    Version.objects.get_for_object(story).first().revision.revert()
    assert titles(client, "leica") == ["Original headline"]
    assert titles(client, "zeiss") == [] and titles(client, "regrettable") == []


def test_a_deleted_story_leaves_the_index(client):
    story = ArticleFactory(title="Withdrawn periscope story")
    kept = ArticleFactory(title="Another periscope story")
    story.delete()
    assert indexed("periscope") == [kept.pk]
    Article.objects.filter(pk=kept.pk).delete()
    written_without_save()
    assert titles(client, "periscope") == []


def test_publishing_without_save_makes_a_story_findable(client):
    draft = ArticleFactory(title="Embargoed periscope", status=Article.Status.DRAFT)
    assert titles(client, "periscope") == []
    Article.objects.filter(pk=draft.pk).update(status=Article.Status.PUBLISHED)
    written_without_save()
    assert titles(client, "periscope") == ["Embargoed periscope"]


def test_search_reads_the_index_not_every_story(client):
    ArticleFactory(title="Periscope story")
    with CaptureQueriesContext(connection) as queries:
        assert titles(client, "periscope") == ["Periscope story"]
    story_queries = [q["sql"] for q in queries if "newsroom_article" in q["sql"]]
    assert any("newsroom_article_fts MATCH" in sql for sql in story_queries)
    assert not any("LIKE" in sql and '"body"' in sql for sql in story_queries)


@pytest.fixture
def without_fts5(monkeypatch):
    """An SQLite built without FTS5 (or older than 3.34)."""
    monkeypatch.setattr(search, "fts5_trigram_available", lambda: False)


def test_without_fts5_search_matches_words_as_before(client, without_fts5):
    ArticleFactory(title="Leica cameras on the 12S", body="A periscope lens.")
    ArticleFactory(title="Cameras by Leica", body="Zeiss rivals; 5G too.")
    ArticleFactory(title="Hidden Leica", status=Article.Status.DRAFT)
    with CaptureQueriesContext(connection) as queries:
        assert sorted(titles(client, "leica")) == [
            "Cameras by Leica",
            "Leica cameras on the 12S",
        ]
    assert not any("newsroom_article_fts" in q["sql"] for q in queries)
    assert titles(client, '"leica cameras"') == ["Leica cameras on the 12S"]
    assert titles(client, "leica -zeiss") == ["Leica cameras on the 12S"]
    assert titles(client, "5G") == ["Cameras by Leica"]
    assert titles(client, "scope") == ["Leica cameras on the 12S"]
