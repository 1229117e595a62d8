import datetime as dt
import json
import zoneinfo

import feedparser
import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from devices import services
from devices.confidence import Confidence
from devices.models import LaunchEvent, SpecField
from tests.devices.factories import (
    BrandFactory,
    DeviceFactory,
    LaunchEventFactory,
    SourceFactory,
    SpecFieldFactory,
)
from tests.pages import PageHead
from tests.public import SITE

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("public_site")]

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def calendar(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def events_of(cal):
    return {str(event["uid"]): event for event in cal.walk("VEVENT")}


@pytest.fixture
def xiaomi(clock):
    return BrandFactory(name="Xiaomi", slug="xiaomi")


@pytest.fixture
def whole_day(xiaomi):
    """The seed's launch: only the day was announced."""
    return LaunchEventFactory(
        brand=xiaomi,
        title="Xiaomi 12S series launch",
        slug="xiaomi-12s-launch",
        start_date=dt.date(2026, 3, 20),
        devices=[
            DeviceFactory(brand=xiaomi, name="Xiaomi 12S Ultra", slug="12s-ultra"),
            DeviceFactory(brand=xiaomi, name="Xiaomi 12S Pro", slug="12s-pro"),
        ],
    )


@pytest.fixture
def timed(xiaomi):
    return LaunchEventFactory(
        brand=xiaomi,
        title="Xiaomi 13 launch",
        slug="xiaomi-13-launch",
        start_date=dt.date(2026, 3, 25),
        start_time=dt.time(19, 30),
        duration=dt.timedelta(hours=2),
        venue="Beijing",
        livestream_url="https://live.example.com/xiaomi",
    )


class TestOneEvent:
    def test_a_whole_day_event_is_a_date(self, client, whole_day):
        response = client.get("/launches/xiaomi-12s-launch.ics")
        assert b"DTSTART;VALUE=DATE:20260320" in response.content
        (event,) = calendar(client, "/launches/xiaomi-12s-launch.ics").walk("VEVENT")
        assert event.decoded("dtstart") == dt.date(2026, 3, 20)
        assert event.decoded("dtend") == dt.date(2026, 3, 21)

    def test_a_timed_event_keeps_its_time_zone(self, client, timed):
        cal = calendar(client, "/launches/xiaomi-13-launch.ics")
        (event,) = cal.walk("VEVENT")
        start = event.decoded("dtstart")
        assert start == dt.datetime(2026, 3, 25, 19, 30, tzinfo=SHANGHAI)
        assert event["dtstart"].params["TZID"] == "Asia/Shanghai"
        assert event.decoded("dtend") - start == dt.timedelta(hours=2)
        # The zone travels with the calendar, for apps without a zone database.
        assert [str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")] == ["Asia/Shanghai"]

    def test_a_timed_event_of_unknown_length_has_no_invented_end(self, client, timed):
        timed.duration = None
        timed.save()
        (event,) = calendar(client, "/launches/xiaomi-13-launch.ics").walk("VEVENT")
        assert "dtend" not in event and "duration" not in event

    def test_links_back_and_lists_its_devices(self, client, whole_day):
        (event,) = calendar(client, "/launches/xiaomi-12s-launch.ics").walk("VEVENT")
        page = f"{SITE}/launches/xiaomi-12s-launch/"
        assert str(event["url"]) == page
        assert str(event["summary"]) == "Xiaomi 12S series launch"
        description = str(event["description"])
        assert "Devices: Xiaomi 12S Pro, Xiaomi 12S Ultra" in description
        assert page in description
        assert str(event["status"]) == "CONFIRMED"

    def test_venue_and_livestream(self, client, timed):
        (event,) = calendar(client, "/launches/xiaomi-13-launch.ics").walk("VEVENT")
        assert str(event["location"]) == "Beijing"
        assert "Livestream: https://live.example.com/xiaomi" in str(
            event["description"]
        )

    def test_a_postponed_event_moves_instead_of_appearing_twice(
        self, client, whole_day, clock
    ):
        (before,) = calendar(client, "/launches/xiaomi-12s-launch.ics").walk("VEVENT")
        clock.shift(dt.timedelta(hours=3))
        services.reschedule_event(event=whole_day, start_date=dt.date(2026, 3, 27))
        (after,) = calendar(client, "/launches/xiaomi-12s-launch.ics").walk("VEVENT")
        assert after["uid"] == before["uid"]
        assert after["sequence"] == before["sequence"] + 1
        assert after.decoded("last-modified") > before.decoded("last-modified")
        assert after.decoded("dtstart") == dt.date(2026, 3, 27)
        assert "Moved from Friday 20 March 2026." in str(after["description"])

    def test_a_cancelled_event_says_so(self, client, whole_day):
        services.reschedule_event(
            event=whole_day,
            start_date=whole_day.start_date,
            status=LaunchEvent.Status.CANCELLED,
        )
        (event,) = calendar(client, "/launches/xiaomi-12s-launch.ics").walk("VEVENT")
        assert str(event["status"]) == "CANCELLED"
        assert event["sequence"] == 1

    def test_unknown_event_is_404(self, client):
        assert client.get("/launches/nope.ics").status_code == 404


class TestCalendars:
    def test_all_launches_upcoming_and_recent(self, client, whole_day, timed, xiaomi):
        LaunchEventFactory(brand=xiaomi, slug="old", start_date=dt.date(2025, 12, 1))
        recent = LaunchEventFactory(slug="recent", start_date=dt.date(2026, 3, 1))
        cal = calendar(client, "/launches.ics")
        assert str(cal["x-wr-calname"]) == "Newsroom: launch events"
        assert str(cal["method"]) == "PUBLISH"
        assert cal["refresh-interval"].params["VALUE"] == "DURATION"
        uids = {str(e["uid"]) for e in cal.walk("VEVENT")}
        assert uids == {
            f"launch-{event.pk}@news.example.com"
            for event in (whole_day, timed, recent)
        }

    def test_a_brands_calendar_holds_only_its_events(self, client, whole_day):
        LaunchEventFactory(slug="other", start_date=dt.date(2026, 3, 22))
        cal = calendar(client, "/brands/xiaomi/launches.ics")
        assert str(cal["x-wr-calname"]) == "Newsroom: Xiaomi launch events"
        assert list(events_of(cal)) == [f"launch-{whole_day.pk}@news.example.com"]
        assert client.get("/brands/nope/launches.ics").status_code == 404

    def test_unchanged_calendar_answers_304(self, client, whole_day, clock):
        first = client.get("/launches.ics")
        again = client.get("/launches.ics", headers={"if-none-match": first["ETag"]})
        assert again.status_code == 304
        clock.shift(dt.timedelta(minutes=1))
        services.reschedule_event(event=whole_day, start_date=dt.date(2026, 3, 21))
        moved = client.get("/launches.ics", headers={"if-none-match": first["ETag"]})
        assert moved.status_code == 200

    def test_subscribe_links_on_the_launch_pages(self, client, whole_day):
        for page, ics in [
            ("/launches/", "/launches.ics"),
            ("/launches/xiaomi-12s-launch/", "/launches/xiaomi-12s-launch.ics"),
            ("/brands/xiaomi/", "/brands/xiaomi/launches.ics"),
        ]:
            html = client.get(page).content.decode()
            assert f'href="webcal://news.example.com{ics}"' in html
            head = PageHead(html)
            assert {"type": "text/calendar", "href": SITE + ics} in [
                {"type": link.get("type"), "href": link["href"]}
                for link in head.alternates()
            ]
            assert client.get(ics).status_code == 200


@pytest.fixture
def history(clock):
    """A battery rumoured, widely expected, then confirmed at another value."""
    device = DeviceFactory(name="Xiaomi 12S Ultra", slug="12s-ultra")
    battery = SpecFieldFactory(
        name="Battery", slug="battery", unit="mAh", group=SpecField.Group.BATTERY
    )
    leaker = SourceFactory(name="A leaker", slug="leaker")
    xiaomi = SourceFactory(name="Xiaomi", slug="xiaomi-official")
    steps = [
        (4800, Confidence.RUMOURED, leaker, ""),
        (4800, Confidence.RUMOURED, leaker, ""),  # nothing new
        (4800, Confidence.EXPECTED, leaker, ""),
        (4860, Confidence.CONFIRMED, xiaomi, "https://weibo.example.com/1"),
    ]
    for day, (value, confidence, source, url) in enumerate(steps, start=1):
        clock.shift(dt.timedelta(hours=1))
        services.record_claim(
            device=device,
            field=battery,
            value=value,
            confidence=confidence,
            source=source,
            source_url=url,
            stated_on=dt.date(2026, 3, day),
        )
    return device


class TestSpecChanges:
    url = "/devices/12s-ultra/history/feed/"

    def test_each_report_confirmation_and_change_is_an_item(self, client, history):
        parsed = feedparser.parse(client.get(self.url).content)
        assert not parsed.bozo
        assert parsed.feed.title == "Newsroom: Xiaomi 12S Ultra spec changes"
        assert parsed.feed.link == f"{SITE}/devices/12s-ultra/history/"
        assert [entry.title for entry in parsed.entries] == [
            "Xiaomi 12S Ultra · Battery: 4800 mAh → 4860 mAh (confirmed)",
            "Xiaomi 12S Ultra · Battery expected: 4800 mAh",
            "Xiaomi 12S Ultra · Battery: 4800 mAh (rumoured)",
        ]
        newest = parsed.entries[0]
        assert "Previously 4800 mAh. Confirmed, according to Xiaomi" in newest.summary
        assert 'href="https://weibo.example.com/1"' in newest.summary
        assert newest.tags[0].term == "Battery"
        claim = history.spec_claims.latest("recorded_at")
        assert newest.link == f"{SITE}/devices/12s-ultra/history/#claim-{claim.pk}"
        assert newest.id.startswith("tag:news.example.com,")
        page = client.get("/devices/12s-ultra/history/").content.decode()
        assert f'id="claim-{claim.pk}"' in page

    def test_json_feed_and_atom(self, client, history):
        document = json.loads(
            client.get(self.url.replace("feed/", "feed.json")).content
        )
        assert document["version"] == "https://jsonfeed.org/version/1.1"
        assert len(document["items"]) == 3
        assert all(item["id"] and item["content_html"] for item in document["items"])
        atom = feedparser.parse(client.get(self.url + "atom/").content)
        assert not atom.bozo and atom.version == "atom10"

    def test_a_new_claim_changes_the_feed(self, client, history, clock):
        first = client.get(self.url)
        assert (
            client.get(self.url, headers={"if-none-match": first["ETag"]}).status_code
            == 304
        )
        clock.shift(dt.timedelta(hours=1))
        services.record_claim(
            device=history,
            field=SpecField.objects.get(slug="battery"),
            value=5000,
            confidence=Confidence.RUMOURED,
        )
        again = client.get(self.url, headers={"if-none-match": first["ETag"]})
        assert again.status_code == 200
        assert b"4860 mAh \xe2\x86\x92 5000 mAh" in again.content

    def test_device_pages_advertise_the_feed(self, client, history):
        for page in ("/devices/12s-ultra/", "/devices/12s-ultra/history/"):
            hrefs = [
                link["href"]
                for link in PageHead(client.get(page).content.decode()).alternates()
            ]
            assert f"{SITE}{self.url}" in hrefs

    def test_unknown_device_is_404(self, client):
        assert client.get("/devices/nope/history/feed/").status_code == 404


def test_calendar_and_page_agree_on_the_instant(client, timed):
    cal = calendar(client, "/launches.ics")
    event = events_of(cal)[f"launch-{timed.pk}@news.example.com"]
    assert event.decoded("dtstart").astimezone(dt.UTC) == timed.starts_at


def test_queries_do_not_grow_with_events_or_claims(client, history, xiaomi):
    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    urls = ["/launches.ics", "/brands/xiaomi/launches.ics", TestSpecChanges.url]
    LaunchEventFactory(brand=xiaomi, start_date=dt.date(2026, 3, 20), devices=[history])
    few = [queries(url) for url in urls]
    battery = SpecField.objects.get(slug="battery")
    for day in range(5):
        LaunchEventFactory(
            brand=xiaomi,
            start_date=dt.date(2026, 4, day + 1),
            devices=[DeviceFactory(brand=xiaomi), DeviceFactory(brand=xiaomi)],
        )
        services.record_claim(device=history, field=battery, value=5000 + day)
    assert [queries(url) for url in urls] == few
