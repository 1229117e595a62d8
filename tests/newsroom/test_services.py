"""The workflow steps, called directly as scripts and the admin call them."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from reversion.models import Version

from newsroom import services
from newsroom.models import Article, Correction
from newsroom.services import WorkflowError
from tests.devices.factories import DeviceFactory
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


def test_publishing_without_a_time_means_now(editor):
    story = ArticleFactory.build(published_at=None, section=SectionFactory())
    services.write_story(article=story, by=editor)
    assert abs(story.published_at - timezone.now()) < dt.timedelta(seconds=5)


def test_writing_a_story_links_its_embeds_and_keeps_a_revision(editor):
    device = DeviceFactory(slug="xiaomi-12s-ultra")
    story = ArticleFactory.build(
        body="Intro.\n\n[[specs xiaomi-12s-ultra]]\n", section=SectionFactory()
    )
    services.write_story(article=story, by=editor, comment="First draft")
    assert list(story.devices.all()) == [device]
    (version,) = Version.objects.get_for_object(story)
    assert version.revision.user == editor
    assert version.revision.comment == "First draft"
    assert device.pk in [
        link.field_dict["device_id"]
        for link in version.revision.version_set.all()
        if link.content_type.model == "articledevice"
    ]


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
