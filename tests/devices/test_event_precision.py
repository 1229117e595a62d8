"""Events known only to the month, quarter or year: shown as such, kept out
of calendars, and refined later without being called moved."""

import datetime as dt

import icalendar
import pytest
import reversion
from django.core.exceptions import ValidationError
from reversion.models import Version

from devices import services
from devices.models import DatePrecision, LaunchEvent
from tests.devices.factories import BrandFactory, LaunchEventFactory
from tests.pages import PageHead

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("public_site")]


@pytest.fixture
def xiaomi(clock):
    return BrandFactory(name="Xiaomi", slug="xiaomi")


@pytest.fixture
def in_q3(xiaomi):
    """A rumour's launch: "expected in Q3 2026" (the clock says March 2026)."""
    return LaunchEventFactory(
        brand=xiaomi,
        title="Next Ultra launch",
        slug="next-ultra",
        start_date=dt.date(2026, 8, 15),
        date_precision=DatePrecision.QUARTER,
    )


@pytest.fixture
def in_july(xiaomi):
    return LaunchEventFactory(
        brand=xiaomi,
        title="Summer launch",
        slug="summer",
        start_date=dt.date(2026, 7, 20),
        date_precision=DatePrecision.MONTH,
    )


@pytest.fixture
def on_a_day(xiaomi):
    return LaunchEventFactory(
        brand=xiaomi,
        title="Spring launch",
        slug="spring",
        start_date=dt.date(2026, 4, 2),
    )


def text(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_period_is_kept_not_an_invented_day(in_q3, in_july):
    assert in_q3.start_date == dt.date(2026, 7, 1)
    assert in_q3.period == "Q3 2026"
    assert in_july.period == "July 2026"
    # Upcoming until the period is over.
    assert in_q3.ends_at.date() >= dt.date(2026, 9, 30)
    assert list(LaunchEvent.objects.upcoming()) == [in_q3, in_july]


def test_pages_say_how_much_is_known(client, in_q3, in_july):
    page = text(client, in_july.get_absolute_url())
    assert 'Expected in <time datetime="2026-07">July 2026</time>' in page
    assert "the day is not known yet" in page
    assert "Add to calendar" not in page
    assert "data-launch-start" not in page  # no countdown to a guessed day

    page = text(client, in_q3.get_absolute_url())
    assert "Expected in Q3 2026" in page
    assert "Only the quarter is known so far (Q3 2026)" in page
    listing = text(client, "/launches/")
    assert "Expected in Q3 2026" in listing
    assert 'Expected in <time datetime="2026-07">July 2026</time>' in listing


def test_structured_data_gives_the_known_precision(client, in_july, in_q3):
    [event] = PageHead(text(client, in_july.get_absolute_url())).of_type("Event")
    assert event["startDate"] == "2026-07"
    assert "endDate" not in event
    [event] = PageHead(text(client, in_q3.get_absolute_url())).of_type("Event")
    assert event["startDate"] == "2026"


def test_calendars_hold_only_events_whose_day_is_known(
    client, in_q3, in_july, on_a_day
):
    for url in ("/launches.ics", "/brands/xiaomi/launches.ics"):
        cal = icalendar.Calendar.from_ical(client.get(url).content)
        summaries = [str(e["summary"]) for e in cal.walk("VEVENT")]
        assert summaries == ["Spring launch"], url
        [spring] = cal.walk("VEVENT")
        assert spring["dtstart"].dt == dt.date(2026, 4, 2)  # a whole day
    response = client.get("/launches/next-ultra.ics")
    assert response.status_code == 404


def test_a_time_needs_a_known_day(in_q3):
    in_q3.start_time = dt.time(19, 0)
    with pytest.raises(ValidationError, match="only when the day is known"):
        in_q3.full_clean()


def test_refining_the_quarter_to_a_day_is_logged_not_a_move(client, in_q3):
    with reversion.create_revision():
        services.reschedule_event(
            event=in_q3,
            start_date=dt.date(2026, 8, 12),
            date_precision=DatePrecision.DAY,
        )

    in_q3.refresh_from_db()
    assert (in_q3.start_date, in_q3.period) == (dt.date(2026, 8, 12), "")
    assert in_q3.previous_start_date is None
    assert in_q3.status == LaunchEvent.Status.SCHEDULED
    assert in_q3.sequence == 1
    comment = Version.objects.get_for_object(in_q3).first().revision.comment
    assert comment == "Refined from Q3 2026 to 12 August 2026"
    cal = icalendar.Calendar.from_ical(client.get("/launches/next-ultra.ics").content)
    [vevent] = cal.walk("VEVENT")
    assert vevent["dtstart"].dt == dt.date(2026, 8, 12)
    assert vevent["sequence"] == 1


def test_a_day_outside_the_quarter_is_a_move(in_q3):
    services.reschedule_event(
        event=in_q3, start_date=dt.date(2026, 11, 3), date_precision=DatePrecision.DAY
    )

    in_q3.refresh_from_db()
    assert in_q3.status == LaunchEvent.Status.POSTPONED
    assert in_q3.previous_start_date == dt.date(2026, 7, 1)
