"""A launch event moved, or only known better.

An earlier or later day or hour is a move: calendars move the event (SEQUENCE
raised), the old start is kept ("moved from") and a later start is a
postponement. Giving a date-only event its hour on the same day is a
refinement: calendars update (SEQUENCE raised), but it was neither postponed
nor moved.
"""

import datetime as dt

import icalendar
import pytest

from devices.models import LaunchEvent
from devices.services import StartChange, reschedule_event, start_change
from tests.devices.factories import LaunchEventFactory
from tests.public import SITE

pytestmark = pytest.mark.django_db

DAY = dt.date(2030, 7, 4)
SCHEDULED, POSTPONED = LaunchEvent.Status.SCHEDULED, LaunchEvent.Status.POSTPONED


@pytest.fixture
def date_only():
    """The date was announced without an hour, as Xiaomi's was."""
    return LaunchEventFactory(
        slug="xiaomi-launch", start_date=DAY, time_zone="Asia/Shanghai"
    )


@pytest.fixture
def timed():
    return LaunchEventFactory(
        slug="timed-launch",
        start_date=DAY,
        start_time=dt.time(19, 0),
        time_zone="Asia/Shanghai",
    )


def moved(event, **start):
    reschedule_event(event=event, **start)
    return LaunchEvent.objects.get(pk=event.pk)


def test_adding_the_hour_on_the_same_day_is_a_refinement(date_only):
    event = moved(date_only, start_date=DAY, start_time=dt.time(19, 0))
    assert event.sequence == 1
    assert event.status == SCHEDULED
    assert event.previous_start_date is None
    assert event.previous_start_time is None
    assert event.starts_at == dt.datetime(2030, 7, 4, 11, 0, tzinfo=dt.UTC)


def test_dropping_the_hour_on_the_same_day_is_a_refinement(timed):
    event = moved(timed, start_date=DAY, start_time=None)
    assert (event.sequence, event.status) == (1, SCHEDULED)
    assert event.previous_start_date is None


def test_a_refinement_keeps_an_earlier_move(date_only):
    moved(date_only, start_date=DAY + dt.timedelta(days=1))
    event = moved(
        LaunchEvent.objects.get(pk=date_only.pk),
        start_date=DAY + dt.timedelta(days=1),
        start_time=dt.time(19, 0),
    )
    assert event.sequence == 2
    assert event.status == POSTPONED
    assert event.previous_start_date == DAY


@pytest.mark.parametrize(
    ("start", "status"),
    [
        ({"start_date": DAY + dt.timedelta(days=2)}, POSTPONED),
        ({"start_date": DAY - dt.timedelta(days=1)}, SCHEDULED),
        (
            {"start_date": DAY + dt.timedelta(days=1), "start_time": dt.time(9)},
            POSTPONED,
        ),
        (
            {"start_date": DAY - dt.timedelta(days=1), "start_time": dt.time(9)},
            SCHEDULED,
        ),
    ],
    ids=["two days later", "a day earlier", "next day at 9", "day before at 9"],
)
def test_another_day_is_a_move(date_only, start, status):
    event = moved(date_only, **start)
    assert event.sequence == 1
    assert event.status == status
    assert (event.previous_start_date, event.previous_start_time) == (DAY, None)


@pytest.mark.parametrize(
    ("hour", "status"),
    [(dt.time(21, 30), POSTPONED), (dt.time(15, 0), SCHEDULED)],
    ids=["later", "earlier"],
)
def test_another_hour_on_the_same_day_is_a_move(timed, hour, status):
    event = moved(timed, start_date=DAY, start_time=hour)
    assert (event.sequence, event.status) == (1, status)
    assert (event.previous_start_date, event.previous_start_time) == (
        DAY,
        dt.time(19, 0),
    )


def test_another_time_zone_is_a_move(date_only):
    assert (
        start_change(
            before=date_only,
            after=LaunchEvent(
                start_date=DAY, start_time=dt.time(19), time_zone="Europe/Berlin"
            ),
        )
        is StartChange.MOVED
    )


def test_nothing_changed_is_no_change(timed):
    assert start_change(before=timed, after=timed) is StartChange.NONE
    assert moved(timed, start_date=DAY, start_time=dt.time(19)).sequence == 0


def event_form(event, **changes):
    return {
        "brand": event.brand.pk,
        "title": event.title,
        "slug": event.slug,
        "description": "",
        "start_date": event.start_date.isoformat(),
        "start_time": "",
        "duration": "",
        "time_zone": event.time_zone,
        "venue": "",
        "status": event.status,
        "announcement_url": "",
        "livestream_url": "",
        # The version the form was opened at (the stale-form check).
        "edited_version": event.version,
        **changes,
    }


def test_an_editor_adds_the_hour_and_calendars_update_without_a_move(
    client, editor, date_only, public_site
):
    client.force_login(editor)
    before = icalendar.Calendar.from_ical(
        client.get("/launches/xiaomi-launch.ics").content
    )
    (old,) = before.walk("VEVENT")
    response = client.post(
        f"/admin/devices/launchevent/{date_only.pk}/change/",
        event_form(date_only, start_time="19:00"),
    )
    assert response.status_code == 302
    ics = client.get("/launches/xiaomi-launch.ics")
    (new,) = icalendar.Calendar.from_ical(ics.content).walk("VEVENT")
    assert new["uid"] == old["uid"]
    assert new["sequence"] == old["sequence"] + 1
    assert new.decoded("dtstart") == dt.datetime(2030, 7, 4, 11, 0, tzinfo=dt.UTC)
    assert str(new["status"]) == "CONFIRMED"
    assert "Moved from" not in str(new["description"])
    page = client.get("/launches/xiaomi-launch/").content.decode()
    assert "Moved from" not in page
    assert "Postponed" not in page
    assert "EventScheduled" in page
    assert f"{SITE}/launches/xiaomi-launch/" in str(new["url"])


def test_an_editor_moves_the_day_and_calendars_say_so(
    client, editor, date_only, public_site
):
    client.force_login(editor)
    response = client.post(
        f"/admin/devices/launchevent/{date_only.pk}/change/",
        event_form(date_only, start_date="2030-07-06", start_time="19:00"),
    )
    assert response.status_code == 302
    ics = client.get("/launches/xiaomi-launch.ics")
    (new,) = icalendar.Calendar.from_ical(ics.content).walk("VEVENT")
    assert new["sequence"] == 1
    assert "Moved from Thursday 4 July 2030." in str(new["description"])
    page = client.get("/launches/xiaomi-launch/").content.decode()
    assert "Moved from" in page
    assert "Postponed" in page
