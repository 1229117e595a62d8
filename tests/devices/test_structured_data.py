import datetime as dt

import pytest

from devices import services
from devices.confidence import Confidence
from devices.models import DeviceAlias, LaunchEvent
from tests.devices.factories import (
    BrandFactory,
    DeviceFactory,
    LaunchEventFactory,
    SpecClaimFactory,
    SpecFieldFactory,
)
from tests.factories import ArticleFactory
from tests.pages import PageHead
from tests.public import SITE

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("public_site")]

SCHEMA = "https://schema.org/"


def json_ld(client, url, schema_type):
    response = client.get(url)
    assert response.status_code == 200
    (data,) = PageHead(response.content.decode()).of_type(schema_type)
    assert data["@context"] == "https://schema.org"
    return data


@pytest.fixture
def xiaomi():
    return BrandFactory(name="Xiaomi", slug="xiaomi")


@pytest.fixture
def ultra(xiaomi):
    device = DeviceFactory(
        brand=xiaomi, name="Xiaomi 12S Ultra", slug="12s-ultra", summary="The big one."
    )
    DeviceAlias.objects.create(device=device, name="12 Ultra")
    return device


class TestProduct:
    def test_describes_the_device(self, client, ultra):
        product = json_ld(client, "/devices/12s-ultra/", "Product")
        assert product["name"] == "Xiaomi 12S Ultra"
        assert product["url"] == f"{SITE}/devices/12s-ultra/"
        assert product["description"] == "The big one."
        assert product["alternateName"] == ["12 Ultra"]
        assert product["brand"] == {
            "@type": "Brand",
            "name": "Xiaomi",
            "url": f"{SITE}/brands/xiaomi/",
        }
        assert "image" not in product

    def test_gives_confirmed_specs_only(self, client, ultra):
        battery = SpecFieldFactory(name="Battery", slug="battery", unit="mAh")
        chip = SpecFieldFactory(name="Chipset", slug="chip", kind="text", unit="")
        SpecClaimFactory(device=ultra, field=battery, value_number=4860)
        services.confirm_spec(
            device=ultra, field=battery, value=4860, source=SpecClaimFactory().source
        )
        SpecClaimFactory(
            device=ultra,
            field=chip,
            value_number=None,
            value_text="Snapdragon 8+ Gen 1",
            confidence=Confidence.EXPECTED,
        )
        product = json_ld(client, "/devices/12s-ultra/", "Product")
        assert product["additionalProperty"] == [
            {
                "@type": "PropertyValue",
                "name": "Battery",
                "value": 4860,
                "unitText": "mAh",
            }
        ]

    def test_breadcrumbs_through_the_brand(self, client, ultra):
        trail = json_ld(client, "/devices/12s-ultra/", "BreadcrumbList")
        assert [item["item"] for item in trail["itemListElement"]] == [
            f"{SITE}/",
            f"{SITE}/brands/xiaomi/",
            f"{SITE}/devices/12s-ultra/",
        ]


class TestEvent:
    def test_a_whole_day_event_has_dates_only(self, client, xiaomi, ultra):
        LaunchEventFactory(
            brand=xiaomi,
            slug="launch",
            title="Xiaomi 12S launch",
            start_date=dt.date(2026, 7, 4),
            devices=[ultra],
        )
        event = json_ld(client, "/launches/launch/", "Event")
        assert event["name"] == "Xiaomi 12S launch"
        assert event["url"] == f"{SITE}/launches/launch/"
        assert event["startDate"] == "2026-07-04"
        assert event["endDate"] == "2026-07-04"
        assert event["eventStatus"] == SCHEMA + "EventScheduled"
        assert event["organizer"] == {
            "@type": "Organization",
            "name": "Xiaomi",
            "url": f"{SITE}/brands/xiaomi/",
        }
        assert [device["url"] for device in event["about"]] == [
            f"{SITE}/devices/12s-ultra/"
        ]
        assert "previousStartDate" not in event
        assert "location" not in event

    def test_a_timed_event_gives_the_venues_time(self, client, xiaomi):
        LaunchEventFactory(
            brand=xiaomi,
            slug="launch",
            start_date=dt.date(2026, 7, 4),
            start_time=dt.time(19, 30),
            duration=dt.timedelta(hours=2),
            venue="Beijing",
            livestream_url="https://live.example.com/x",
        )
        event = json_ld(client, "/launches/launch/", "Event")
        assert event["startDate"] == "2026-07-04T19:30:00+08:00"
        assert event["endDate"] == "2026-07-04T21:30:00+08:00"
        assert event["location"] == [
            {"@type": "Place", "name": "Beijing"},
            {"@type": "VirtualLocation", "url": "https://live.example.com/x"},
        ]
        assert event["eventAttendanceMode"] == SCHEMA + "MixedEventAttendanceMode"

    def test_a_livestream_only_event_is_online(self, client, xiaomi):
        LaunchEventFactory(
            brand=xiaomi, slug="launch", livestream_url="https://live.example.com/x"
        )
        event = json_ld(client, "/launches/launch/", "Event")
        assert event["location"] == {
            "@type": "VirtualLocation",
            "url": "https://live.example.com/x",
        }
        assert event["eventAttendanceMode"] == SCHEMA + "OnlineEventAttendanceMode"

    def test_a_moved_event_gives_its_previous_start(self, client, xiaomi):
        launch = LaunchEventFactory(
            brand=xiaomi,
            slug="launch",
            start_date=dt.date(2026, 7, 4),
            start_time=dt.time(19, 0),
        )
        services.reschedule_event(
            event=launch, start_date=dt.date(2026, 7, 11), start_time=dt.time(19, 0)
        )
        event = json_ld(client, "/launches/launch/", "Event")
        assert event["eventStatus"] == SCHEMA + "EventRescheduled"
        assert event["previousStartDate"] == "2026-07-04T19:00:00+08:00"
        assert event["startDate"] == "2026-07-11T19:00:00+08:00"

    @pytest.mark.parametrize(
        ("status", "expected"),
        [
            (LaunchEvent.Status.CANCELLED, "EventCancelled"),
            (LaunchEvent.Status.POSTPONED, "EventPostponed"),
        ],
    )
    def test_status(self, client, xiaomi, status, expected):
        LaunchEventFactory(brand=xiaomi, slug="launch", status=status)
        event = json_ld(client, "/launches/launch/", "Event")
        assert event["eventStatus"] == SCHEMA + expected


def test_a_story_is_about_its_devices(client, ultra):
    story = ArticleFactory(title="The 12S Ultra")
    story.devices.add(ultra)
    article = json_ld(client, story.get_absolute_url(), "NewsArticle")
    assert article["about"] == [
        {
            "@type": "Product",
            "@id": f"{SITE}/devices/12s-ultra/#product",
            "name": "Xiaomi 12S Ultra",
            "url": f"{SITE}/devices/12s-ultra/",
        }
    ]
    # The same @id as the device page's Product: one thing, two pages.
    product = json_ld(client, "/devices/12s-ultra/", "Product")
    assert product["@id"] == article["about"][0]["@id"]
