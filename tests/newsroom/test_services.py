"""The workflow steps, called directly as scripts and the admin call them."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from newsroom import services
from newsroom.models import Article, Correction
from newsroom.services import WorkflowError
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_scheduled_story_goes_live_by_itself(editor, time_machine):
    time_machine.move_to(dt.datetime(2022, 7, 1, 12, tzinfo=dt.UTC))
    story = ArticleFactory(status=Article.Status.REVIEW, published_at=None)
    launch = dt.datetime(2022, 7, 4, 11, 30, tzinfo=dt.UTC)
    services.schedule(article=story, by=editor, at=launch)
    assert not Article.objects.published().filter(pk=story.pk).exists()
    time_machine.move_to(launch + dt.timedelta(seconds=1))
    assert Article.objects.published().filter(pk=story.pk).exists()


def test_schedule_needs_a_future_time(editor):
    story = ArticleFactory(status=Article.Status.REVIEW, published_at=None)
    with pytest.raises(WorkflowError, match="future"):
        services.schedule(
            article=story, by=editor, at=timezone.now() - dt.timedelta(minutes=1)
        )


def test_publish_now_brings_a_scheduled_story_forward(editor):
    story = ArticleFactory(published_at=timezone.now() + dt.timedelta(days=2))
    services.publish(article=story, by=editor)
    assert story.is_public


def test_unpublish_takes_a_story_off_the_site(editor):
    story = ArticleFactory()
    services.unpublish(article=story, by=editor)
    assert not Article.objects.published().filter(pk=story.pk).exists()
    with pytest.raises(WorkflowError):
        services.unpublish(article=story, by=editor)


def test_corrections_are_for_public_stories(editor):
    draft = ArticleFactory(status=Article.Status.DRAFT)
    with pytest.raises(WorkflowError):
        services.add_correction(
            article=draft, by=editor, kind="correction", text="Fixed a name."
        )
    story = ArticleFactory()
    note = services.add_correction(
        article=story, by=editor, kind="clarification", text="The date is local."
    )
    assert note.get_kind_display() == "Clarification"
    assert list(story.corrections.all()) == [note]


@pytest.mark.parametrize(
    "step, options",
    [
        (services.publish, {}),
        (services.unpublish, {}),
        (services.schedule, {"at": timezone.now() + dt.timedelta(days=1)}),
        (
            services.add_correction,
            {"kind": Correction.Kind.CORRECTION, "text": "Wrong date."},
        ),
    ],
)
def test_contributors_cannot_take_editor_steps(contributor, step, options):
    story = ArticleFactory()
    with pytest.raises(PermissionDenied):
        step(article=story, by=contributor, **options)


def test_submit_for_review_only_from_draft(editor):
    story = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    services.submit_for_review(article=story, by=editor)
    assert story.status == Article.Status.REVIEW
    with pytest.raises(WorkflowError):
        services.submit_for_review(article=story, by=editor)
