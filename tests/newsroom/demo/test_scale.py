"""The benchmark's data generator: its rows are what the save path makes."""

import pytest
from django.core.management import CommandError, call_command

from devices.embeds import find_embeds, referenced_slugs
from devices.models import Device, LaunchEvent, Source, SpecClaim
from newsroom.markup import render_markdown
from newsroom.models import Article

pytestmark = pytest.mark.django_db


@pytest.fixture
def bench_data():
    call_command(
        "make_bench_data", stories=50, devices=6, events=3, processes=1, verbosity=0
    )


def test_stories_carry_the_html_the_save_path_renders(bench_data):
    stories = Article.objects.all()
    assert stories.count() == 50
    for story in stories:
        assert story.body_html == render_markdown(story.body)
        assert 1 <= len(find_embeds(story.body)) <= 4


def test_coverage_links_follow_the_embeds(bench_data):
    for story in Article.objects.prefetch_related("devices", "launch_events"):
        devices, events = referenced_slugs(find_embeds(story.body))
        assert {d.slug for d in story.devices.all()} == devices
        assert {e.slug for e in story.launch_events.all()} == events


def test_the_first_story_shows_its_four_embeds_filled_in(bench_data, client):
    story = Article.objects.get(slug="bench-story-0")
    assert [e.kind for e in find_embeds(story.body)] == [
        "event",
        "specs",
        "cameras",
        "compare",
    ]
    page = client.get(story.get_absolute_url()).content.decode()
    assert "embed-placeholder" not in page
    for device in story.devices.all():
        assert device.name in page
    assert story.launch_events.get().title in page


def test_one_story_in_fifty_compares_the_first_two_devices_at_any_size():
    call_command(
        "make_bench_data", stories=100, devices=6, events=3, processes=1, verbosity=0
    )
    first = Device.objects.get(slug="bench-device-0")
    about_first = Article.objects.published().about_device(first)
    # Stories 25 and 75 (and any the random picks add): the benchmark's
    # device page lists a full page of stories at 1,000 stories already.
    assert {"bench-story-25", "bench-story-75"} <= set(
        about_first.values_list("slug", flat=True)
    )
    story = Article.objects.get(slug="bench-story-75")
    assert find_embeds(story.body)[0].line() == (
        "[[compare bench-device-0 bench-device-1]]"
    )
    assert 1 <= len(find_embeds(story.body)) <= 4


def test_the_benchmark_search_finds_its_stories(bench_data, client):
    # PostgreSQL reads the stored vector that save() fills, bulk_create not.
    response = client.get("/search/", {"q": "periscope"})
    public = Article.objects.published().filter(body__icontains="periscope")
    assert len(response.context["paginator"].object_list) == public.count() > 0


def test_archive_holds_drafts_and_scheduled_stories_too(bench_data):
    public = Article.objects.published()
    assert Article.objects.filter(status=Article.Status.DRAFT).exists()
    scheduled = Article.objects.filter(status=Article.Status.PUBLISHED).exclude(
        pk__in=public.values("pk")
    )
    assert scheduled.exists()
    assert public.count() < 50


def test_devices_have_claims_and_cameras_and_events_their_times(bench_data):
    assert Device.objects.count() == 6
    for device in Device.objects.prefetch_related("cameras", "spec_claims"):
        assert device.cameras.count() == 3
        # Every camera value is a claim of that camera.
        for camera in device.cameras.all():
            assert camera.megapixels is not None
            assert camera.sensor
    assert SpecClaim.objects.filter(camera__isnull=True).exists()
    for event in LaunchEvent.objects.all():
        assert (event.starts_at, event.ends_at) == event.utc_span()


def test_a_second_run_is_refused_rather_than_mixed_in(bench_data):
    with pytest.raises(CommandError, match="already holds"):
        call_command("make_bench_data", stories=5, devices=2, events=1, processes=1)


def test_keep_leaves_data_of_the_same_size_and_refuses_another(bench_data):
    before = Article.objects.count()

    call_command(
        "make_bench_data", stories=50, devices=6, events=3, processes=1, keep=True
    )

    assert Article.objects.count() == before
    with pytest.raises(CommandError, match="already holds"):
        call_command(
            "make_bench_data", stories=51, devices=6, events=3, processes=1, keep=True
        )


def test_bench_claims_are_settled_and_their_source_scored(bench_data):
    assert not SpecClaim.objects.filter(outcome="").exists()
    assert Source.objects.get(slug="bench-reports").claims_open == (
        SpecClaim.objects.filter(outcome="open").count()
    )
