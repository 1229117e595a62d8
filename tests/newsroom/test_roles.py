"""Each role against each thing one can do to a story in the admin."""

import datetime as dt
import io

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from newsroom import permissions
from newsroom.core.images import make_renditions
from newsroom.models import Article, Author
from tests.factories import ArticleFactory, AuthorFactory
from tests.newsroom.admin.helpers import (
    CHANGELIST,
    change_url,
    form_data,
    messages_of,
    post_edited,
)

pytestmark = pytest.mark.django_db


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (300, 200), "navy").save(buffer, "PNG")
    return buffer.getvalue()


def own_story(user, **fields):
    """A story with `user` on its byline."""
    author = Author.objects.filter(user=user).first() or AuthorFactory(user=user)
    return ArticleFactory(authors=[author], **fields)


def draft_of(user):
    return own_story(user, status=Article.Status.DRAFT, published_at=None)


def run_action(client, action, *stories, **extra):
    return client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [s.pk for s in stories], **extra},
        follow=True,
    )


def test_every_fresh_database_has_both_roles():
    editors = Group.objects.get(name="Editors")
    contributors = Group.objects.get(name="Contributors")
    editor_codes = set(editors.permissions.values_list("codename", flat=True))
    contributor_codes = set(contributors.permissions.values_list("codename", flat=True))
    assert {"publish_article", "delete_article", "add_sharelink"} <= editor_codes
    assert {"add_device", "change_device", "delete_launchevent"} <= editor_codes
    assert {"add_article", "change_article", "view_device"} <= contributor_codes
    assert not contributor_codes & {
        "publish_article",
        "edit_others_article",
        "delete_article",
        "add_sharelink",
        "change_correction",
        "change_device",
        "delete_device",
        "change_launchevent",
        "change_brand",
        "change_specclaim",
    }


def test_every_permission_a_role_names_exists():
    for name, wanted in permissions.ROLES.items():
        held = set(
            Group.objects.get(name=name).permissions.values_list(
                "content_type__app_label", "codename"
            )
        )
        for app_label, codename in wanted:
            if codename == "*":
                assert any(label == app_label for label, _ in held)
            else:
                assert (app_label, codename) in held, (name, codename)


# --- Contributors -----------------------------------------------------------


def test_contributor_writes_a_draft_and_owns_it(client, contributor):
    client.force_login(contributor)
    page = client.get(f"{CHANGELIST}add/")
    assert page.status_code == 200
    data = form_data(
        page,
        title="Leak: 12S Ultra battery",
        slug="leak-12s-ultra-battery",
        body="4860 mAh, says a filing.",
        section=ArticleFactory().section_id,
    )
    data["bylines-0-author"] = AuthorFactory(user=contributor).pk
    response = client.post(f"{CHANGELIST}add/", data)
    assert response.status_code == 302
    story = Article.objects.get(slug="leak-12s-ultra-battery")
    assert story.created_by == contributor
    assert story.status == Article.Status.DRAFT


def test_contributor_sees_no_publish_choice(client, contributor):
    client.force_login(contributor)
    story = draft_of(contributor)
    page = client.get(change_url(story))
    choices = [
        value for value, _ in page.context["adminform"].form["status"].field.choices
    ]
    assert choices == ["draft", "review"]
    assert "published_at" not in page.context["adminform"].form.fields


def test_hand_made_post_publishing_as_contributor_is_refused(client, contributor):
    client.force_login(contributor)
    story = draft_of(contributor)
    response = post_edited(
        client,
        change_url(story),
        status="published",
        published_at=("2022-07-04", "09:00"),
    )
    assert response.status_code == 200
    assert "Only editors can publish" in response.content.decode()
    story.refresh_from_db()
    assert story.status == Article.Status.DRAFT
    assert story.published_at is None


def test_contributor_edits_own_draft_but_published_time_is_ignored(client, contributor):
    client.force_login(contributor)
    story = draft_of(contributor)
    response = post_edited(
        client,
        change_url(story),
        title="Better headline",
        published_at=("2022-07-04", "09:00"),
    )
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.title == "Better headline"
    assert story.published_at is None


@pytest.mark.parametrize("whose", ["someone else's", "own"])
def test_contributor_cannot_change_others_or_published_stories(
    client, contributor, whose
):
    client.force_login(contributor)
    # Someone else's unpublished story is not even there for them
    # (tests/newsroom/test_contributor_visibility.py); a live one is.
    story = own_story(contributor) if whose == "own" else ArticleFactory()
    page = client.get(change_url(story))
    # They may read it, but the form is read-only ...
    assert page.status_code == 200
    assert not page.context["has_change_permission"]
    # ... and a hand-made POST is refused.
    response = client.post(change_url(story), {"title": "Hijacked"})
    assert response.status_code == 403
    story.refresh_from_db()
    assert story.title != "Hijacked"


def test_contributor_cannot_delete_even_own_draft(client, contributor):
    client.force_login(contributor)
    story = draft_of(contributor)
    assert (
        client.post(f"{CHANGELIST}{story.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    run_action(client, "delete_selected", story, post="yes")
    assert Article.objects.filter(pk=story.pk).exists()


@pytest.mark.parametrize("action", ["publish_now", "unpublish", "schedule"])
def test_contributor_cannot_run_editor_actions(client, contributor, action):
    client.force_login(contributor)
    draft = draft_of(contributor)
    live = own_story(contributor)
    response = run_action(
        client,
        action,
        draft,
        live,
        apply="1",
        published_at_0="2030-01-01",
        published_at_1="09:00",
    )
    assert response.status_code == 200
    draft.refresh_from_db()
    live.refresh_from_db()
    assert draft.status == Article.Status.DRAFT
    assert live.is_public
    actions = [
        name for name, _ in response.context["action_form"].fields["action"].choices
    ]
    assert "submit_for_review" in actions
    assert not {"publish_now", "unpublish", "schedule", "delete_selected"} & set(
        actions
    )


def test_contributor_submits_own_draft_not_others(client, contributor):
    client.force_login(contributor)
    mine = draft_of(contributor)
    theirs = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    live = ArticleFactory()
    response = run_action(client, "submit_for_review", mine, theirs, live)
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.status == Article.Status.REVIEW
    # Someone else's draft is not in their list, so a forged selection of it
    # is ignored; a live story they may read is refused with a reason.
    assert theirs.status == Article.Status.DRAFT
    assert any("Not changed" in m for m in messages_of(response))


def test_contributor_cannot_recover_deleted_stories(client, contributor):
    client.force_login(contributor)
    assert client.get(f"{CHANGELIST}recover/").status_code == 403


# --- Editors ----------------------------------------------------------------


def test_editor_is_not_a_superuser_but_may_do_everything(client, editor):
    assert not editor.is_superuser
    client.force_login(editor)
    story = ArticleFactory(status=Article.Status.PUBLISHED)
    page = client.get(change_url(story))
    assert page.context["has_change_permission"]
    assert page.context["has_delete_permission"]
    choices = [
        value for value, _ in page.context["adminform"].form["status"].field.choices
    ]
    assert "published" in choices


def test_editor_publishes_now(client, editor):
    client.force_login(editor)
    story = ArticleFactory(status=Article.Status.REVIEW, published_at=None)
    run_action(client, "publish_now", story)
    story.refresh_from_db()
    assert story.is_public


def test_editor_schedules_through_the_intermediate_form(client, editor, settings):
    settings.TIME_ZONE = "Asia/Shanghai"
    client.force_login(editor)
    story = ArticleFactory(status=Article.Status.REVIEW, published_at=None)
    step = run_action(client, "schedule", story)
    assert step.status_code == 200
    assert "Newsroom time (Asia/Shanghai)" in step.content.decode()
    next_year = timezone.now().year + 1
    run_action(
        client,
        "schedule",
        story,
        apply="1",
        published_at_0=f"{next_year}-07-04",
        published_at_1="19:30",
    )
    story.refresh_from_db()
    assert story.status == Article.Status.PUBLISHED
    # 19:30 in Beijing is 11:30 UTC: the time means the newsroom's zone.
    assert story.published_at == dt.datetime(next_year, 7, 4, 11, 30, tzinfo=dt.UTC)
    assert not story.is_public


def test_schedule_in_the_past_is_refused_with_a_reason(client, editor):
    client.force_login(editor)
    story = ArticleFactory(status=Article.Status.REVIEW, published_at=None)
    step = run_action(
        client,
        "schedule",
        story,
        apply="1",
        published_at_0="2020-01-01",
        published_at_1="09:00",
    )
    assert "Pick a time in the future" in step.content.decode()
    story.refresh_from_db()
    assert story.status == Article.Status.REVIEW


def test_editor_unpublishes(client, editor):
    client.force_login(editor)
    story = ArticleFactory()
    run_action(client, "unpublish", story)
    story.refresh_from_db()
    assert story.status == Article.Status.DRAFT
    assert not Article.objects.published().filter(pk=story.pk).exists()


def test_editor_deletes_after_confirming(client, editor):
    client.force_login(editor)
    story = ArticleFactory()
    confirm = client.get(f"{CHANGELIST}{story.pk}/delete/")
    assert "Are you sure" in confirm.content.decode()
    assert Article.objects.filter(pk=story.pk).exists()
    client.post(f"{CHANGELIST}{story.pk}/delete/", {"post": "yes"})
    assert not Article.objects.filter(pk=story.pk).exists()


def test_dates_in_the_admin_name_the_newsroom_time_zone(client, editor, settings):
    settings.TIME_ZONE = "Europe/Berlin"
    client.force_login(editor)
    page = client.get(f"{CHANGELIST}add/").content.decode()
    assert "Newsroom time (Europe/Berlin)" in page


def test_list_shows_scheduled_apart_from_live(client, editor):
    client.force_login(editor)
    ArticleFactory(title="Already out")
    ArticleFactory(
        title="Goes out later", published_at=timezone.now() + dt.timedelta(days=1)
    )
    scheduled = client.get(f"{CHANGELIST}?publication=scheduled").content.decode()
    assert "Goes out later" in scheduled and "Already out" not in scheduled
    live = client.get(f"{CHANGELIST}?publication=live").content.decode()
    assert "Already out" in live and "Goes out later" not in live


def test_list_shows_times_in_the_newsroom_zone_and_thumbnails(client, editor, settings):
    settings.TIME_ZONE = "Asia/Shanghai"
    client.force_login(editor)
    story = ArticleFactory(
        published_at=dt.datetime(2022, 6, 28, 1, 30, tzinfo=dt.UTC),
        hero_alt="Camera bump",
    )
    story.hero_image.save("bump.png", ContentFile(png_bytes()))
    make_renditions(story.hero_image)  # what an upload in the admin does
    page = client.get(CHANGELIST).content.decode()
    assert "Goes live (Asia/Shanghai)" in page
    assert "28 Jun 2022, 09:30" in page
    assert 'alt="Camera bump"' in page and ".webp" in page
