"""Autosaved drafts of a story: private to their editor, never published,
dropped once that editor saves, never applied over someone else's save; and
their addresses, against every role, method and hostile input."""

import pytest

from newsroom.models import Article, AutosavedDraft
from tests.factories import ArticleFactory, AuthorFactory
from tests.newsroom.admin.helpers import change_url, form_data

pytestmark = pytest.mark.django_db


def autosave_url(story):
    return f"/admin/newsroom/article/{story.pk}/autosave/"


def draft_story(**fields):
    return ArticleFactory(
        status=Article.Status.DRAFT, published_at=None, title="Original", **fields
    )


def typed(client, story, **changes):
    """What the change form holds, with `changes` typed into it."""
    return form_data(client.get(change_url(story)), **changes)


def test_an_autosave_keeps_the_typed_text_and_changes_nothing_of_the_story(
    client, editor
):
    story = draft_story()
    client.force_login(editor)
    response = client.post(
        autosave_url(story), typed(client, story, title="Half-typed headline")
    )
    assert response.status_code == 200
    assert "not saved until you press Save" in response.json()["message"]
    story.refresh_from_db()
    assert story.title == "Original"
    assert story.version == 1
    draft = AutosavedDraft.objects.get()
    assert draft.user == editor and draft.fields["title"] == "Half-typed headline"


def test_an_autosave_of_a_live_story_is_not_published(client, editor):
    story = ArticleFactory(title="Live words")
    client.force_login(editor)
    client.post(autosave_url(story), typed(client, story, title="Unfinished edit"))
    page = client.get(story.get_absolute_url())
    assert b"Live words" in page.content and b"Unfinished edit" not in page.content
    assert b"Unfinished edit" not in client.get("/feed/").content


def test_drafts_are_per_editor_and_private(client, editor, django_user_model):
    from tests.factories import UserFactory

    other = UserFactory(role="Editors")
    story = draft_story()
    client.force_login(editor)
    client.post(autosave_url(story), typed(client, story, title="Mine"))
    client.force_login(other)
    page = client.get(change_url(story)).content.decode()
    assert "unsaved changes" not in page
    client.post(autosave_url(story), typed(client, story, title="Theirs"))
    drafts = {d.user_id: d.fields["title"] for d in AutosavedDraft.objects.all()}
    assert drafts == {editor.pk: "Mine", other.pk: "Theirs"}
    # Restoring gives each their own.
    restored = client.get(f"{change_url(story)}?restore-autosave=1")
    assert restored.context["adminform"].form["title"].value() == "Theirs"


def test_reopening_offers_the_draft_and_restoring_fills_the_form(client, editor):
    story = draft_story()
    client.force_login(editor)
    client.post(autosave_url(story), typed(client, story, dek="Typed standfirst"))
    page = client.get(change_url(story)).content.decode()
    assert "You have unsaved changes from" in page
    restored = client.get(f"{change_url(story)}?restore-autosave=1")
    assert restored.context["adminform"].form["dek"].value() == "Typed standfirst"


def test_saving_the_story_drops_that_editors_draft_only(client, editor):
    from tests.factories import UserFactory

    other = UserFactory(role="Editors")
    story = draft_story()
    for user in (editor, other):
        client.force_login(user)
        client.post(autosave_url(story), typed(client, story, title=f"By {user}"))
    client.force_login(editor)
    response = client.post(change_url(story), typed(client, story, title="Saved"))
    assert response.status_code == 302
    assert list(AutosavedDraft.objects.values_list("user", flat=True)) == [other.pk]


def test_a_stale_autosave_is_kept_flagged_and_never_applied(client, editor):
    from tests.factories import UserFactory

    other = UserFactory(role="Editors")
    story = draft_story()
    client.force_login(editor)
    opened = typed(client, story, title="My late words")
    # Someone else saves meanwhile.
    client.force_login(other)
    client.post(change_url(story), typed(client, story, title="Their save"))
    client.force_login(editor)
    client.post(autosave_url(story), opened)
    draft = AutosavedDraft.objects.get(user=editor)
    assert draft.is_behind
    story.refresh_from_db()
    assert story.title == "Their save"
    page = client.get(change_url(story)).content.decode()
    assert "Someone saved the story after you typed them" in page
    # Restored and saved, it meets the stale check instead of replacing theirs.
    restored = client.get(f"{change_url(story)}?restore-autosave=1")
    response = client.post(change_url(story), form_data(restored))
    assert response.status_code == 200
    assert "after you opened it" in response.content.decode()
    story.refresh_from_db()
    assert story.title == "Their save"


def test_a_forged_newer_version_cannot_pass_a_draft_for_current(client, editor):
    story = draft_story()
    client.force_login(editor)
    client.post(autosave_url(story), typed(client, story, edited_version="999"))
    assert AutosavedDraft.objects.get().based_on_version == story.version


def test_discarding_drops_the_draft(client, editor):
    story = draft_story()
    client.force_login(editor)
    client.post(autosave_url(story), typed(client, story, title="Never mind"))
    response = client.post(f"{autosave_url(story)}discard/", {})
    assert response.status_code == 302
    assert not AutosavedDraft.objects.exists()


# A transaction of its own: the 405 page closes the refused response inside
# the request, which fires request_finished, and Django then drops a
# connection that is inside a test's transaction (on PostgreSQL).
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("method", ["get", "head", "put", "patch", "delete"])
@pytest.mark.parametrize("address", ["autosave/", "autosave/discard/"])
def test_only_post_is_taken(client, editor, method, address):
    story = draft_story()
    client.force_login(editor)
    response = getattr(client, method)(f"/admin/newsroom/article/{story.pk}/{address}")
    assert response.status_code == 405
    assert not AutosavedDraft.objects.exists()


def test_options_names_the_methods(client, editor):
    story = draft_story()
    client.force_login(editor)
    response = client.options(autosave_url(story))
    assert response.status_code in (200, 405)


def test_signed_out_visitors_are_sent_to_sign_in(client):
    story = draft_story()
    response = client.post(autosave_url(story), {"title": "x"})
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not AutosavedDraft.objects.exists()


def test_a_contributor_cannot_autosave_someone_elses_story(client, contributor):
    story = draft_story()
    client.force_login(contributor)
    assert client.post(autosave_url(story), {"title": "x"}).status_code == 404
    assert client.post(f"{autosave_url(story)}discard/").status_code == 404
    assert not AutosavedDraft.objects.exists()


def test_a_contributor_autosaves_their_own_draft(client, contributor):
    story = draft_story(authors=[AuthorFactory(user=contributor)])
    client.force_login(contributor)
    response = client.post(autosave_url(story), typed(client, story, title="Mine"))
    assert response.status_code == 200


def test_a_contributor_cannot_autosave_their_published_story(client, contributor):
    story = ArticleFactory(authors=[AuthorFactory(user=contributor)])
    client.force_login(contributor)
    assert client.post(autosave_url(story), {"title": "x"}).status_code == 403


@pytest.mark.parametrize("object_id", ["999999", "abc", "1%00", "-1"])
def test_unknown_stories_are_404(client, editor, object_id):
    client.force_login(editor)
    response = client.post(f"/admin/newsroom/article/{object_id}/autosave/", {})
    assert response.status_code in (400, 404)


def test_hostile_text_is_kept_clean_and_a_flood_refused(client, editor):
    story = draft_story()
    client.force_login(editor)
    response = client.post(
        autosave_url(story),
        typed(client, story, title="Nul\x00 and \x1b[31mcolour", edited_version="x"),
    )
    assert response.status_code == 200
    assert AutosavedDraft.objects.get().fields["title"] == "Nul and [31mcolour"
    response = client.post(
        autosave_url(story), typed(client, story, body="word " * 50_000)
    )
    assert response.status_code == 400
    assert "Too much text" in response.json()["error"]


def test_an_autosave_arriving_after_its_editors_save_is_dropped(client, editor):
    story = draft_story()
    client.force_login(editor)
    opened = typed(client, story, title="Late keystrokes")
    client.post(change_url(story), typed(client, story, title="Saved"))
    response = client.post(autosave_url(story), opened)
    assert response.status_code == 409
    assert not AutosavedDraft.objects.exists()
