"""An editor sends a story in review back to its writer with a note, which
the writer sees on the story and on their desk."""

import pytest
from django.core.exceptions import PermissionDenied

from newsroom import services
from newsroom.models import Article, SendBackNote
from tests.factories import ArticleFactory, AuthorFactory
from tests.newsroom.admin.helpers import CHANGELIST, change_url, messages_of

pytestmark = pytest.mark.django_db


def in_review_by(user):
    return ArticleFactory(
        status=Article.Status.REVIEW,
        published_at=None,
        title="Needs work",
        authors=[AuthorFactory(user=user)],
    )


def send_back(client, story, note):
    return client.post(
        CHANGELIST,
        {
            "action": "send_back",
            "_selected_action": [story.pk],
            "apply": "1",
            "note": note,
        },
        follow=True,
    )


def test_the_writer_sees_the_note_on_the_story_and_their_desk(
    client, editor, contributor
):
    story = in_review_by(contributor)
    client.force_login(editor)
    response = send_back(client, story, "Cite the Weibo post, please.")
    assert "1 story sent back to the writer." in messages_of(response)
    story.refresh_from_db()
    assert story.status == Article.Status.DRAFT

    client.force_login(contributor)
    form = client.get(change_url(story)).content.decode()
    assert "Cite the Weibo post, please." in form
    desk = client.get("/admin/").content.decode()
    assert "Cite the Weibo post, please." in desk


def test_the_note_is_asked_for_first(client, editor, contributor):
    story = in_review_by(contributor)
    client.force_login(editor)
    page = client.post(
        CHANGELIST, {"action": "send_back", "_selected_action": [story.pk]}
    )
    assert "Note to the writer" in page.content.decode()
    empty = send_back(client, story, "   ")
    assert "This field is required." in empty.content.decode()
    story.refresh_from_db()
    assert story.status == Article.Status.REVIEW


def test_contributors_cannot_send_back(client, contributor):
    story = in_review_by(contributor)
    with pytest.raises(PermissionDenied):
        services.send_back(article=story, by=contributor, note="No")
    client.force_login(contributor)
    send_back(client, story, "Nope")
    story.refresh_from_db()
    assert story.status == Article.Status.REVIEW
    assert not SendBackNote.objects.exists()


def test_only_stories_in_review_go_back(client, editor):
    story = ArticleFactory(title="Live one")
    client.force_login(editor)
    response = send_back(client, story, "Why?")
    assert any("not in review" in message for message in messages_of(response))
    story.refresh_from_db()
    assert story.is_public


def test_the_note_is_gone_from_the_form_once_resubmitted(client, editor, contributor):
    story = in_review_by(contributor)
    services.send_back(article=story, by=editor, note="Shorter headline")
    services.submit_for_review(article=story, by=contributor)
    client.force_login(contributor)
    assert "Shorter headline" not in client.get(change_url(story)).content.decode()
