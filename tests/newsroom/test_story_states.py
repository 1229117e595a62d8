"""Every page of the editorial path, for a story in every state.

A draft or a story in review has no publication date: the pages an editor
opens for it (change form, preview, share link, history, comparing two
revisions, the list and its filters) must work all the same.
"""

import json
import re

import pytest
from django.urls import reverse
from reversion.models import Version

from newsroom.models import Article, ShareLink
from tests.newsroom.admin.helpers import CHANGELIST, change_url, post_edited
from tests.newsroom.story_states import FILTER_VALUE, STATES, story_in

pytestmark = pytest.mark.django_db

ALL_STATES = pytest.mark.parametrize("state", STATES)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def json_ld(page):
    blocks = re.findall(
        r'<script type="application/ld\+json"[^>]*>(.*?)</script>', page, re.S
    )
    return [json.loads(block) for block in blocks]


def news_article_of(page):
    (article,) = [d for d in json_ld(page) if d["@type"] == "NewsArticle"]
    return article


@ALL_STATES
def test_change_form_opens_and_saves(editor_client, editor, state):
    story = story_in(state, by=editor)
    assert editor_client.get(change_url(story)).status_code == 200
    response = post_edited(editor_client, change_url(story), dek="A new standfirst.")
    assert response.status_code == 302, response.context["adminform"].errors
    story.refresh_from_db()
    assert story.dek == "A new standfirst."


@ALL_STATES
def test_preview_shows_the_story(editor_client, editor, state):
    story = story_in(state, by=editor)
    response = editor_client.get(
        reverse("newsroom:article-preview", kwargs={"pk": story.pk})
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert story.title in page
    data = news_article_of(page)
    assert data["headline"] == story.title
    if story.published_at is None:
        # Not known yet, so not said.
        assert "datePublished" not in data
        assert "dateModified" not in data
        assert "article:published_time" not in page
        assert "Not published yet" in page
    else:
        assert data["datePublished"] == story.published_at.isoformat()


@ALL_STATES
def test_share_link_opens_signed_out(client, editor, state):
    story = story_in(state, by=editor)
    link = ShareLink.objects.create(article=story, created_by=editor)
    response = client.get(link.get_absolute_url())
    if story.is_public:
        assert response.status_code == 302
        assert response["Location"] == story.get_absolute_url()
    else:
        assert response.status_code == 200
        page = response.content.decode()
        assert story.title in page
        if story.published_at is None:
            assert "datePublished" not in news_article_of(page)


@ALL_STATES
def test_history_and_compare_open(editor_client, editor, state):
    story = story_in(state, by=editor)
    history = editor_client.get(
        reverse("admin:newsroom_article_history", args=[story.pk])
    )
    assert history.status_code == 200
    versions = list(Version.objects.get_for_object(story).order_by("pk"))
    assert len(versions) >= 2
    compare = editor_client.get(
        reverse("admin:newsroom_article_compare", args=[story.pk]),
        {"from": versions[0].pk, "to": versions[-1].pk},
    )
    assert compare.status_code == 200
    assert "A second paragraph." in compare.content.decode()
    revision = editor_client.get(
        reverse("admin:newsroom_article_revision", args=[story.pk, versions[0].pk])
    )
    assert revision.status_code == 200


@ALL_STATES
def test_list_and_its_filters(editor_client, editor, state):
    story = story_in(state, by=editor)
    everything = editor_client.get(CHANGELIST)
    assert everything.status_code == 200
    assert story.title in everything.content.decode()
    for value in ["draft", "review", "scheduled", "live"]:
        listed = editor_client.get(CHANGELIST, {"publication": value})
        assert listed.status_code == 200
        shown = story.title in listed.content.decode()
        assert shown == (value == FILTER_VALUE[state]), value
    for status in Article.Status.values:
        listed = editor_client.get(CHANGELIST, {"status__exact": status})
        assert listed.status_code == 200
        assert (story.title in listed.content.decode()) == (story.status == status)
