"""Contributors see and preview their own stories and the public ones only.

An editor's draft, story in review or embargoed story does not exist for a
contributor: not in the list, and a 404 on every page about it.
"""

import pytest
from django.urls import reverse

from newsroom import permissions
from newsroom.models import Article, ShareLink
from tests.factories import ArticleFactory, AuthorFactory
from tests.newsroom.admin.helpers import CHANGELIST, change_url
from tests.newsroom.story_states import STATES, story_in

pytestmark = pytest.mark.django_db

UNPUBLISHED = [state for state in STATES if state != "published"]


@pytest.fixture
def contributor_client(client, contributor):
    client.force_login(contributor)
    return client


def admin_pages(story):
    version = story.pk  # any number: the story itself must be a 404 first
    return [
        change_url(story),
        reverse("admin:newsroom_article_history", args=[story.pk]),
        reverse("admin:newsroom_article_compare", args=[story.pk])
        + f"?from={version}&to={version}",
        reverse("admin:newsroom_article_revision", args=[story.pk, version]),
        reverse("admin:newsroom_article_delete", args=[story.pk]),
        reverse("newsroom:article-preview", kwargs={"pk": story.pk}),
    ]


@pytest.mark.parametrize("state", UNPUBLISHED)
def test_an_editors_unpublished_story_is_a_404(contributor_client, editor, state):
    story = story_in(state, by=editor, title=f"Embargoed {state} scoop")
    for url in admin_pages(story):
        response = contributor_client.get(url)
        assert response.status_code == 404, url
        assert "Embargoed" not in response.content.decode()
    searched = contributor_client.get(CHANGELIST, {"q": "Embargoed"})
    assert searched.status_code == 200
    assert searched.context["cl"].result_count == 0
    assert story.title not in searched.content.decode()
    assert story.title not in contributor_client.get(CHANGELIST).content.decode()


def test_a_forged_share_link_for_an_editors_draft_is_a_404(contributor_client, editor):
    story = story_in("draft", by=editor)
    data = {
        "title": story.title,
        "share_links-TOTAL_FORMS": "1",
        "share_links-INITIAL_FORMS": "0",
        "share_links-0-note": "For me",
    }
    assert contributor_client.post(change_url(story), data).status_code == 404
    assert not ShareLink.objects.exists()


def test_own_stories_and_public_ones_are_there(contributor_client, contributor):
    author = AuthorFactory(user=contributor)
    own_draft = ArticleFactory(
        title="My own draft",
        authors=[author],
        status=Article.Status.DRAFT,
        published_at=None,
    )
    started = ArticleFactory(
        title="Started by me",
        status=Article.Status.REVIEW,
        published_at=None,
        created_by=contributor,
    )
    live = ArticleFactory(title="A live story by an editor")
    listing = contributor_client.get(CHANGELIST).content.decode()
    for story in (own_draft, started, live):
        assert story.title in listing
        assert contributor_client.get(change_url(story)).status_code == 200
        preview = reverse("newsroom:article-preview", kwargs={"pk": story.pk})
        assert contributor_client.get(preview).status_code == 200
    # The live story is theirs to read, not to change.
    page = contributor_client.get(change_url(live))
    assert not page.context["has_change_permission"]


def test_editors_read_every_story(client, editor):
    stories = [story_in(state, by=editor) for state in STATES]
    client.force_login(editor)
    listing = client.get(CHANGELIST).content.decode()
    for story in stories:
        assert story.title in listing
        assert client.get(change_url(story)).status_code == 200


@pytest.mark.parametrize("state", STATES)
def test_the_rule_and_the_list_agree(contributor, editor, state):
    story = story_in(state, by=editor)
    readable = permissions.readable_stories(contributor, Article.objects.all())
    assert (story in readable) == permissions.can_read(contributor, story)
    assert permissions.can_read(contributor, story) == (state == "published")
    assert permissions.can_read(editor, story)
