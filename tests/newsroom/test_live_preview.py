"""The change form's live preview: POSTing the text being typed to a story's
preview address shows it with the reader's template, and saves nothing."""

import pytest
from django.test import Client
from django.urls import reverse

from newsroom.models import Article
from tests.devices.factories import DeviceFactory, SpecClaimFactory
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


def preview_url(story):
    return reverse("newsroom:article-preview", kwargs={"pk": story.pk})


@pytest.fixture
def draft():
    return ArticleFactory(
        title="Saved headline",
        body="Saved text.",
        status=Article.Status.DRAFT,
        published_at=None,
    )


@pytest.fixture
def editor(client):
    client.force_login(UserFactory(role="Editors"))
    return client


def test_unsaved_text_is_shown_with_embeds_filled_and_nothing_saved(editor, draft):
    device = DeviceFactory(name="Xiaomi 12S Ultra", slug="xiaomi-12s-ultra")
    SpecClaimFactory(device=device)
    response = editor.post(
        preview_url(draft),
        {
            "title": "Typed headline",
            "body": "Typed first line.\r\n\r\n[[specs xiaomi-12s-ultra]]\r\nAfter.",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Typed headline</h1>" in page
    assert "<p>Typed first line.</p>" in page
    assert "embed-placeholder" not in page
    assert "Xiaomi 12S Ultra" in page and "<table" in page
    assert "Preview: not public." in page
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    draft.refresh_from_db()
    assert (draft.title, draft.body) == ("Saved headline", "Saved text.")


def test_fields_not_sent_stay_as_saved(editor, draft):
    page = editor.post(preview_url(draft), {"body": "New."}).content.decode()
    assert "<h1>Saved headline</h1>" in page and "<p>New.</p>" in page


def test_hostile_text_is_cleaned_as_a_save_would(editor, draft):
    page = editor.post(
        preview_url(draft),
        {
            "title": "Line\r\nbreak\x00",
            "body": '<script>alert(1)</script><a href="javascript:x">y</a>\x0b',
        },
    ).content.decode()
    assert "<h1>Line break</h1>" in page
    assert "<script>alert(1)" not in page
    assert "javascript:x" not in page


def test_only_staff_who_may_read_the_story_see_it(client, draft):
    assert client.post(preview_url(draft), {"body": "x"}).status_code == 404
    client.force_login(UserFactory(is_staff=False))
    assert client.post(preview_url(draft), {"body": "x"}).status_code == 404
    # An editor's draft does not exist for a contributor.
    client.force_login(UserFactory(role="Contributors"))
    assert client.post(preview_url(draft), {"body": "x"}).status_code == 404


def test_a_contributor_previews_their_own_story(client):
    contributor = UserFactory(role="Contributors")
    story = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    story.created_by = contributor
    story.save()
    client.force_login(contributor)
    response = client.post(preview_url(story), {"body": "Mine, unsaved."})
    assert "<p>Mine, unsaved.</p>" in response.content.decode()


def test_the_preview_post_needs_the_csrf_token(draft):
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory(role="Editors"))
    assert client.post(preview_url(draft), {"body": "x"}).status_code == 403


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_other_methods_are_refused(editor, draft, method):
    assert getattr(editor, method)(preview_url(draft)).status_code == 405
