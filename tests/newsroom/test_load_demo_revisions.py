"""load_demo keeps a first revision of everything it makes, so History can
bring the demo back after an edit."""

import pytest
from django.core.management import call_command
from reversion.models import Version

from devices.demo import DEMO_REVISION_COMMENT
from devices.models import Brand, Device, LaunchEvent
from newsroom.demo.stories import LAUNCH_STORY_SLUG
from newsroom.markup import render_bodies
from newsroom.models import Article, Author, Section, Tag
from tests.newsroom.admin.helpers import CHANGELIST, change_url, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo")


@pytest.mark.parametrize(
    "model", [Article, Device, LaunchEvent, Brand, Author, Section, Tag]
)
def test_every_demo_record_has_a_first_revision(demo, model):
    records = list(model.objects.all())
    assert records
    for record in records:
        # The first, newest last; act two (the launch day) may add more.
        first = Version.objects.get_for_object(record).last()
        assert first.revision.comment == DEMO_REVISION_COMMENT, record


def test_a_demo_devices_revision_carries_its_specs_and_cameras(demo):
    ultra = Device.objects.get(slug="xiaomi-12s-ultra")
    revision = Version.objects.get_for_object(ultra).last().revision
    kinds = {v.content_type.model for v in revision.version_set.all()}
    assert {"device", "specclaim", "cameramodule", "devicealias"} <= kinds


def test_running_it_again_adds_no_revision(demo):
    before = Version.objects.count()
    call_command("load_demo")
    assert Version.objects.count() == before


def test_restoring_the_seed_storys_first_revision_from_history(client, editor, demo):
    story = Article.objects.get(slug=LAUNCH_STORY_SLUG)
    original_body, original_links = story.body, set(story.devices.all())
    client.force_login(editor)
    page = client.get(change_url(story))
    ruined = client.post(
        change_url(story),
        form_data(page, body="Everything was cut by mistake."),
    )
    assert ruined.status_code == 302
    story.refresh_from_db()
    assert not story.devices.exists()

    history = client.get(f"{CHANGELIST}{story.pk}/history/")
    assert DEMO_REVISION_COMMENT in history.content.decode()
    first = Version.objects.get_for_object(story).last()
    revert_url = f"{CHANGELIST}{story.pk}/history/{first.pk}/"
    revert_page = client.get(revert_url)
    assert revert_page.status_code == 200
    assert client.post(revert_url, form_data(revert_page)).status_code == 302

    story.refresh_from_db()
    assert story.body == original_body.strip()
    assert set(story.devices.all()) == original_links
    assert render_bodies([story])[story.pk].count("<table") >= 3
