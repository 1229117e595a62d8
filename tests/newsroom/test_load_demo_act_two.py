"""The demo's act two: the launch day, against what the leaks expected."""

import datetime as dt
import io
import zoneinfo

import pytest
from django.core.management import call_command

from devices.models import Device, LaunchEvent, Source, SpecClaim
from devices.scorecard import scorecard
from newsroom.demo import stories as demo
from newsroom.models import Article, Correction

pytestmark = pytest.mark.django_db

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


@pytest.fixture
def demo_loaded():
    call_command("load_demo", stdout=io.StringIO())


def official(slug, field):
    return SpecClaim.objects.get(
        device__slug=slug, field__slug=field, source__slug="xiaomi-launch-event"
    )


def test_the_pre_launch_reports_score_seven_of_eight(demo_loaded, client):
    reports = Source.objects.get(slug="pre-launch-reports")

    card = scorecard(reports)

    assert (card.confirmed, card.contradicted, card.open) == (7, 1, 0)
    assert card.mark == "7 of 8 confirmed"
    # The "four cameras" that counted the depth sensor: withdrawn, not scored.
    assert card.withdrawn == 1
    assert card.lead_days == 6
    html = client.get(reports.get_absolute_url()).content.decode()
    assert "7 of 8 confirmed (88% of 8 settled claims)." in html


def test_the_launch_answers_the_screen_the_sensor_and_the_battery(demo_loaded):
    assert official("xiaomi-12s-ultra", "screen-size").display_value == "6.73 in"
    assert official("xiaomi-12s-ultra", "battery").display_value == "4860 mAh"
    assert official("xiaomi-12s-pro", "battery").display_value == "4600 mAh"
    assert official("xiaomi-12s", "screen-size").display_value == "6.28 in"
    ultra = Device.objects.get(slug="xiaomi-12s-ultra")
    depth = ultra.cameras.get(role="depth")
    assert "time-of-flight" in depth.sensor.lower()
    assert not ultra.cameras.filter(role="unknown").exists()
    for claim in SpecClaim.objects.filter(source__slug="xiaomi-launch-event"):
        assert claim.stated_on == dt.date(2022, 7, 4)


def test_the_history_shows_the_confirmations_and_the_screens_change(
    demo_loaded, client
):
    html = client.get("/devices/xiaomi-12s-ultra/history/").content.decode()

    assert html.count("<strong>Confirmed</strong>") >= 7
    assert "<strong>Changed</strong> from 6.6 in" in html
    assert "6.73 in" in html


def test_the_event_was_refined_to_its_hour_then_held(demo_loaded, client):
    event = LaunchEvent.objects.get(slug="xiaomi-12s-launch")

    assert event.status == LaunchEvent.Status.HELD
    assert event.local_start == dt.datetime(2022, 7, 4, 19, 0, tzinfo=SHANGHAI)
    # A refinement and the holding, each a new calendar version; no "moved".
    assert event.sequence == 2
    assert event.previous_start_date is None
    html = client.get(event.get_absolute_url()).content.decode()
    assert '<span class="status status--held">Held</span>' in html
    assert "status--scheduled" not in html


def test_the_devices_are_announced_and_the_ultra_follows_the_11_ultra(
    demo_loaded, client
):
    for slug in ("xiaomi-12s-ultra", "xiaomi-12s-pro", "xiaomi-12s"):
        device = Device.objects.get(slug=slug)
        assert device.status == Device.Status.ANNOUNCED
        assert device.announced_on == dt.date(2022, 7, 4)
    ultra = Device.objects.get(slug="xiaomi-12s-ultra")
    assert ultra.predecessor.slug == "xiaomi-11-ultra"
    html = client.get(ultra.get_absolute_url()).content.decode()
    assert "compare with its predecessor" in html


def test_the_seed_story_keeps_its_words_and_says_it_predates_the_launch(
    demo_loaded, client
):
    seed = Article.objects.get(slug=demo.LAUNCH_STORY_SLUG)
    [written] = [s for s in demo.STORIES if s["slug"] == demo.LAUNCH_STORY_SLUG]

    assert seed.body == written["body"]
    assert seed.corrections.get().text == demo.PREDATES_LAUNCH_NOTE
    html = client.get(seed.get_absolute_url()).content.decode()
    assert demo.PREDATES_LAUNCH_NOTE in html
    assert "6.73 in" in html  # the embedded table is live


def test_the_launch_day_story_embeds_the_announced_specs(demo_loaded, client):
    story = Article.objects.published().get(slug=demo.LAUNCH_DAY_STORY_SLUG)

    html = client.get(story.get_absolute_url()).content.decode()

    assert "4860 mAh" in html
    assert "Xiaomi 11 Ultra" in html  # the comparison
    assert {d.slug for d in story.devices.all()} >= {
        "xiaomi-12s-ultra",
        "xiaomi-12s-pro",
        "xiaomi-12s",
        "xiaomi-11-ultra",
    }


def test_a_second_load_changes_nothing(demo_loaded):
    def state():
        return {
            "claims": sorted(
                SpecClaim.objects.values_list("pk", "withdrawn_at", "source_id")
            ),
            "devices": sorted(
                Device.objects.values_list("slug", "status", "version", "updated_at")
            ),
            "events": list(LaunchEvent.objects.values_list("sequence", "status")),
            "notes": Correction.objects.count(),
            "sources": Source.objects.count(),
        }

    before = state()
    out = io.StringIO()
    call_command("load_demo", stdout=out)

    assert state() == before
    assert "nothing changed" in out.getvalue()
