"""Revisions of every save, compare and revert, recovery, and stale forms."""

import pytest
from reversion.models import Version

from newsroom import services
from newsroom.models import Article, Correction
from tests.factories import ArticleFactory, UserFactory
from tests.newsroom.admin.helpers import (
    CHANGELIST,
    change_url,
    form_data,
    messages_of,
    post_edited,
)

pytestmark = pytest.mark.django_db

# How the word diff closes a marked stretch (named for screen readers too).
MARK_END = '<span class="visually-hidden">]</span>'


@pytest.fixture
def editor():
    return UserFactory(role="Editors", first_name="Ada", last_name="Editor")


@pytest.fixture
def other_editor():
    return UserFactory(role="Editors", first_name="Bo", last_name="Second")


def save_in_admin(client, article, **changes):
    return post_edited(client, change_url(article), **changes)


def test_every_save_keeps_a_revision_with_who_and_the_full_content(client, editor):
    client.force_login(editor)
    story = ArticleFactory(body="First take.")
    save_in_admin(client, story, body="Second take.")
    save_in_admin(client, story, body="Third take.")
    versions = list(Version.objects.get_for_object(story))
    assert len(versions) == 2
    assert versions[0].field_dict["body"] == "Third take."
    assert versions[1].field_dict["body"] == "Second take."
    assert {v.revision.user for v in versions} == {editor}
    # The byline travels with the story's revision.
    assert any(
        v.content_type.model == "byline" for v in versions[0].revision.version_set.all()
    )


def test_workflow_steps_keep_revisions_too(editor):
    story = ArticleFactory(status=Article.Status.REVIEW, published_at=None)
    services.publish(article=story, by=editor)
    services.add_correction(
        article=story, by=editor, kind=Correction.Kind.UPDATE, text="Price added."
    )
    comments = [v.revision.comment for v in Version.objects.get_for_object(story)]
    assert comments == ["Update added", "Published"]


def test_revert_from_the_history_brings_back_the_old_text(client, editor):
    client.force_login(editor)
    story = ArticleFactory(title="Original headline")
    save_in_admin(client, story, title="Original headline")
    save_in_admin(client, story, title="Regrettable headline")
    oldest = Version.objects.get_for_object(story).last()
    history = client.get(f"{CHANGELIST}{story.pk}/history/")
    assert history.status_code == 200
    revert_url = f"{CHANGELIST}{story.pk}/history/{oldest.pk}/"
    page = client.get(revert_url)
    assert page.status_code == 200
    response = client.post(revert_url, form_data(page))
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.title == "Original headline"
    assert Version.objects.get_for_object(story).count() == 3


def test_compare_two_revisions(client, editor):
    client.force_login(editor)
    story = ArticleFactory()
    save_in_admin(client, story, body="Leica is the partner.")
    save_in_admin(client, story, body="Leica is the optics partner.")
    newer, older = Version.objects.get_for_object(story)[:2]
    page = client.get(
        f"{CHANGELIST}{story.pk}/history/compare/",
        {"from": older.pk, "to": newer.pk},
    )
    assert page.status_code == 200
    assert "[added: </span>optics " in page.content.decode()


def test_deleted_story_is_recovered(client, editor):
    client.force_login(editor)
    story = ArticleFactory(title="Gone by mistake")
    save_in_admin(client, story)
    client.post(f"{CHANGELIST}{story.pk}/delete/", {"post": "yes"})
    assert not Article.objects.filter(title="Gone by mistake").exists()
    listing = client.get(f"{CHANGELIST}recover/")
    assert "Gone by mistake" in listing.content.decode()
    version = Version.objects.get_deleted(Article).get()
    page = client.get(f"{CHANGELIST}recover/{version.pk}/")
    client.post(f"{CHANGELIST}recover/{version.pk}/", form_data(page))
    recovered = Article.objects.get(title="Gone by mistake")
    assert [b.author for b in recovered.bylines.all()]


# --- Two people, one story ----------------------------------------------------


def test_second_save_of_a_stale_form_is_refused_and_keeps_its_text(
    client, editor, other_editor
):
    story = ArticleFactory(title="Xiaomi sets a date", body="Draft one.")
    client.force_login(editor)
    save_in_admin(client, story)
    opened_by_first = client.get(change_url(story))

    # Meanwhile someone else saves the story.
    second = type(client)()
    second.force_login(other_editor)
    save_in_admin(second, story, body="Their careful edit.")

    stale = form_data(opened_by_first, body="My long rewrite of the story.")
    response = client.post(change_url(story), stale)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Bo Second saved this story at" in page
    assert "My long rewrite of the story." in page
    # What they changed is shown, word by word.
    assert "What Bo Second changed since you opened this page" in page
    assert f"Their careful edit.{MARK_END}</ins>" in page
    story.refresh_from_db()
    assert story.body == "Their careful edit."

    # Saving the shown form again without choosing to replace theirs is
    # refused again: overwriting is never the default.
    again = client.post(change_url(story), form_data(response))
    assert again.status_code == 200
    story.refresh_from_db()
    assert story.body == "Their careful edit."

    # Ticking "Save mine anyway" is a deliberate overwrite, and it works.
    response = client.post(change_url(story), form_data(again, save_anyway="on"))
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.body == "My long rewrite of the story."


def test_a_record_without_history_shows_their_version_against_yours(
    client, editor, other_editor
):
    story = ArticleFactory(body="Draft one.")
    client.force_login(editor)
    opened = client.get(change_url(story))
    second = type(client)()
    second.force_login(other_editor)
    save_in_admin(second, story, body="Their careful edit.")
    response = client.post(change_url(story), form_data(opened, body="Mine."))
    page = response.content.decode()
    assert "What Bo Second saved, next to what you typed" in page
    assert f"Their careful edit.{MARK_END}</del>" in page
    assert f"Mine.{MARK_END}</ins>" in page


def test_a_list_action_makes_open_forms_stale(client, editor, other_editor):
    story = ArticleFactory(status=Article.Status.REVIEW, published_at=None)
    client.force_login(editor)
    opened = client.get(change_url(story))
    services.publish(article=story, by=other_editor)
    response = client.post(change_url(story), form_data(opened, title="Mine"))
    assert response.status_code == 200
    assert "Bo Second saved this story" in response.content.decode()
    story.refresh_from_db()
    assert story.is_public and story.title != "Mine"


def test_fresh_form_saves_without_complaint(client, editor):
    client.force_login(editor)
    story = ArticleFactory()
    response = save_in_admin(client, story, title="Fine")
    assert response.status_code == 302
    assert not [
        m for m in messages_of(client.get(change_url(story))) if "saved this" in m
    ]


def test_authors_sections_and_tags_keep_revisions_too(client, editor):
    client.force_login(editor)
    response = client.post(
        "/admin/newsroom/tag/add/", {"name": "Leica", "slug": "leica"}
    )
    assert response.status_code == 302
    response = client.post(
        "/admin/newsroom/section/add/",
        {"name": "Cameras", "slug": "cameras", "position": "2"},
    )
    assert response.status_code == 302
    page = client.get("/admin/newsroom/author/add/")
    response = client.post(
        "/admin/newsroom/author/add/",
        form_data(page, name="Dana Okafor", slug="dana-okafor"),
    )
    assert response.status_code == 302
    for model in ("tag", "section", "author"):
        versions = Version.objects.filter(content_type__model=model)
        assert versions.count() == 1
        assert versions.get().revision.user == editor
