"""A reader's cached page shows every change on the very next request.

Each test warms the page cache with a first anonymous request, proves the
second one is served from it (no query at all), changes one thing the way
the site changes it, and reads the page again.
"""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from devices import services as device_services
from devices.confidence import Confidence
from devices.models import CameraModule, SpecField
from newsroom import services
from newsroom.models import Article
from tests.devices.factories import (
    BrandFactory,
    CameraFactory,
    DeviceFactory,
    LaunchEventFactory,
    SourceFactory,
    SpecClaimFactory,
    SpecFieldFactory,
)
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, TagFactory

pytestmark = pytest.mark.django_db

BODY = """\
The phone, in short.

[[specs ultra]]

[[cameras ultra]]

[[event ultra-launch]]
"""


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def warm(client, url):
    """Read `url` twice; the second answer comes from the cache alone."""
    first = page(client, url)
    with CaptureQueriesContext(connection) as queries:
        assert page(client, url) == first
    assert len(queries) == 0, "the second read was not served from the cache"
    return first


@pytest.fixture
def ultra():
    device = DeviceFactory(
        name="Xiaomi 12S Ultra", slug="ultra", brand=BrandFactory(name="Xiaomi")
    )
    SpecClaimFactory(
        device=device,
        field=SpecFieldFactory(name="Battery", slug="battery", unit="mAh"),
        value_number=4860,
    )
    CameraFactory(device=device, megapixels=50)
    return device


@pytest.fixture
def launch(ultra):
    return LaunchEventFactory(
        title="Xiaomi 12S launch", slug="ultra-launch", devices=[ultra]
    )


@pytest.fixture
def story(ultra, launch):
    return ArticleFactory(
        title="Xiaomi 12S series launching July 4",
        body=BODY,
        section=SectionFactory(name="Phones", slug="phones"),
        tags=[TagFactory(name="Leica", slug="leica")],
        authors=[AuthorFactory(name="Ann Writer", slug="ann")],
    )


def test_a_warm_page_costs_no_query_and_answers_the_same(client, story):
    warm(client, story.get_absolute_url())
    warm(client, "/feed/")


def test_editing_a_story(client, story, editor):
    warm(client, story.get_absolute_url())
    story.title = "Xiaomi 12S series launching July 4 with Leica cameras"
    services.write_story(article=story, by=editor)
    assert "with Leica cameras" in page(client, story.get_absolute_url())
    assert "with Leica cameras" in page(client, "/")


def test_publishing_a_draft(client, story, editor):
    draft = ArticleFactory(
        title="A draft about the Ultra", status=Article.Status.DRAFT, published_at=None
    )
    assert "A draft about the Ultra" not in warm(client, "/")
    services.publish(article=draft, by=editor)
    assert "A draft about the Ultra" in page(client, "/")
    assert "A draft about the Ultra" in page(client, "/feed/")


def test_unpublishing_takes_the_story_off(client, story, editor):
    url = story.get_absolute_url()
    warm(client, url)
    services.unpublish(article=story, by=editor)
    assert client.get(url).status_code == 404
    assert story.title not in page(client, "/")


def test_a_scheduled_story_appears_at_its_time_with_a_warm_cache(
    client, story, editor, time_machine
):
    time_machine.move_to(timezone.now(), tick=False)
    at = timezone.now() + dt.timedelta(minutes=2)
    scheduled = ArticleFactory(title="Embargoed review", published_at=at)
    assert "Embargoed review" not in warm(client, "/")
    assert "Embargoed review" not in warm(client, "/feed/")
    time_machine.shift(dt.timedelta(minutes=1, seconds=59))
    assert "Embargoed review" not in page(client, "/")
    time_machine.shift(dt.timedelta(seconds=1))
    assert "Embargoed review" in page(client, "/")
    assert "Embargoed review" in page(client, "/feed/")
    assert page(client, scheduled.get_absolute_url())


def test_a_confirmed_spec_on_an_embedded_device(client, story, ultra):
    warm(client, story.get_absolute_url())
    device_services.confirm_spec(
        device=ultra,
        field=SpecField.objects.get(slug="battery"),
        value=4900,
        source=SourceFactory(name="Xiaomi", slug="xiaomi-official"),
    )
    assert "4,900" in page(client, story.get_absolute_url()) or "4900" in page(
        client, story.get_absolute_url()
    )


def test_a_camera_claim_on_an_embedded_device(client, story, ultra):
    url = story.get_absolute_url()
    before = warm(client, url)
    camera = CameraModule.objects.get(device=ultra)
    device_services.record_camera_claim(
        camera=camera,
        attribute="sensor",
        value="Sony IMX989",
        confidence=Confidence.CONFIRMED,
    )
    after = page(client, url)
    assert "Sony IMX989" not in before
    assert "Sony IMX989" in after


def test_a_withdrawn_claim(client, story, ultra, editor):
    url = story.get_absolute_url()
    warm(client, url)
    claim = ultra.spec_claims.get(field__slug="battery")
    device_services.withdraw_claim(claim=claim, by=editor)
    # Withdrawn, the battery is no longer a value the table shows.
    assert "4,860" not in page(client, url) and "4860" not in page(client, url)


def test_an_event_moved(client, story, launch):
    url = story.get_absolute_url()
    assert "July" in warm(client, url) or "Jul" in warm(client, url)
    device_services.reschedule_event(event=launch, start_date=dt.date(2022, 8, 11))
    moved = page(client, url)
    assert "11" in moved and ("August" in moved or "Aug" in moved)
    assert "August" in page(client, launch.get_absolute_url()) or "Aug" in page(
        client, launch.get_absolute_url()
    )


@pytest.mark.parametrize(
    ("record", "new_name"),
    [
        ("section", "Handsets"),
        ("tag", "Leitz"),
        ("author", "Ann Correspondent"),
        ("brand", "Xiaomi Global"),
    ],
)
def test_a_rename(client, story, ultra, record, new_name):
    # A brand shows on its devices' pages; the rest on the story.
    url = ultra.get_absolute_url() if record == "brand" else story.get_absolute_url()
    warm(client, url)
    warm(client, "/")
    renamed = {
        "section": story.section,
        "tag": story.tags.get(),
        "author": story.bylines.get().author,
        "brand": ultra.brand,
    }[record]
    renamed.name = new_name
    renamed.save()
    assert new_name in page(client, url)
    if record == "section":
        # The section menu on every page, too.
        assert new_name in page(client, "/")


def test_a_correction(client, story, editor):
    url = story.get_absolute_url()
    warm(client, url)
    services.add_correction(
        article=story, by=editor, kind="correction", text="The date was wrong."
    )
    assert "The date was wrong." in page(client, url)


def test_a_deleted_story_is_gone(client, story):
    url = story.get_absolute_url()
    warm(client, url)
    story.delete()
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("record", "feeds"),
    [
        ("section", ["/feed/", "/section/phones/feed/"]),
        ("tag", ["/feed/atom/", "/tag/leica/feed/"]),
        ("author", ["/feed.json", "/author/ann/feed/"]),
    ],
)
def test_a_rename_changes_the_validators_of_the_feeds_it_shows_in(
    client, story, record, feeds
):
    before = {url: client.get(url)["ETag"] for url in feeds}
    renamed = {
        "section": story.section,
        "tag": story.tags.get(),
        "author": story.bylines.get().author,
    }[record]
    renamed.name = "A new name"
    renamed.save()
    for url, etag in before.items():
        response = client.get(url, headers={"if-none-match": etag})
        assert response.status_code == 200, url
        assert response["ETag"] != etag
        assert b"A new name" in response.content, url
