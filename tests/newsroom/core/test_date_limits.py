"""Dates an editor can enter are bounded, with form errors that name the
limits; rows stored beyond them (by the shell, an import) give no 500."""

import datetime as dt

import icalendar
import pytest
from django.core.exceptions import ValidationError

from devices.models import LaunchEvent
from newsroom.core.date_limits import (
    in_utc,
    later,
    validate_event_duration,
    validate_year,
)
from tests.devices.factories import DeviceFactory, LaunchEventFactory
from tests.factories import ArticleFactory
from tests.newsroom.admin.helpers import form_data
from tests.public import NOW

YEARS = "Pick a year between 1970 and 2100."
LENGTH = "A launch event lasts at most 31 days."


class TestBounds:
    @pytest.mark.parametrize(
        "value", [dt.date(1970, 1, 1), dt.date(2100, 12, 31), dt.datetime(2026, 3, 10)]
    )
    def test_years_1970_to_2100_are_taken(self, value):
        validate_year(value)

    @pytest.mark.parametrize(
        "value",
        [dt.date(1969, 12, 31), dt.date(2101, 1, 1), dt.datetime(9999, 12, 31, 23)],
    )
    def test_years_beyond_are_refused_naming_the_limit(self, value):
        with pytest.raises(ValidationError, match=YEARS):
            validate_year(value)

    def test_an_event_lasts_at_most_31_days(self):
        validate_event_duration(dt.timedelta(days=31))
        with pytest.raises(ValidationError, match=LENGTH):
            validate_event_duration(dt.timedelta(days=31, seconds=1))
        with pytest.raises(ValidationError, match="must be positive"):
            validate_event_duration(dt.timedelta(0))

    def test_sums_beyond_any_date_are_none_not_an_error(self):
        assert later(dt.date(9999, 12, 31), dt.timedelta(days=1)) is None
        assert later(dt.date(2026, 3, 10), dt.timedelta(days=1)) == dt.date(2026, 3, 11)

    def test_utc_is_held_within_what_every_zone_can_show(self):
        kiritimati = LaunchEvent(time_zone="Pacific/Kiritimati").zone
        first = dt.datetime(1, 1, 1, 1, tzinfo=kiritimati)
        assert in_utc(first) == dt.datetime(1, 1, 2, tzinfo=dt.UTC)
        last = dt.datetime(9999, 12, 31, 23, tzinfo=dt.UTC)
        assert in_utc(last) == dt.datetime(9999, 12, 30, tzinfo=dt.UTC)


@pytest.mark.django_db
class TestAdminForms:
    def post(self, client, url, **changes):
        return client.post(url, form_data(client.get(url), **changes))

    def errors(self, response):
        assert response.status_code == 200
        return response.context["adminform"].form.errors

    def event_url(self, event):
        return f"/admin/devices/launchevent/{event.pk}/change/"

    @pytest.mark.parametrize("day", ["9999-12-31", "1900-01-01", "2101-01-01"])
    def test_a_launch_date_beyond_the_years_names_them(self, admin_client, day):
        event = LaunchEventFactory(start_time=dt.time(19, 30))
        response = self.post(admin_client, self.event_url(event), start_date=day)
        assert self.errors(response)["start_date"] == [YEARS]
        event.refresh_from_db()
        assert event.start_date == dt.date(2022, 7, 4)

    @pytest.mark.parametrize("typed", ["999999999 00:00:00", "32 00:00:00"])
    def test_a_duration_beyond_a_month_names_the_limit(self, admin_client, typed):
        event = LaunchEventFactory(start_time=dt.time(19, 30))
        response = self.post(admin_client, self.event_url(event), duration=typed)
        assert self.errors(response)["duration"] == [LENGTH]

    def test_a_story_published_in_9999_names_the_years(self, admin_client):
        story = ArticleFactory()
        url = f"/admin/newsroom/article/{story.pk}/change/"
        data = form_data(admin_client.get(url))
        data["published_at_0"] = "9999-12-31"
        response = admin_client.post(url, data)
        assert self.errors(response)["published_at"] == [YEARS]

    def test_a_device_released_in_2101_names_the_years(self, admin_client):
        device = DeviceFactory()
        url = f"/admin/devices/device/{device.pk}/change/"
        response = self.post(admin_client, url, released_on="2101-01-01")
        assert self.errors(response)["released_on"] == [YEARS]


@pytest.fixture
def stored_beyond(clock):
    """Launch events whose stored dates no form would take."""
    timed = LaunchEventFactory(
        slug="far-timed",
        start_date=(NOW + dt.timedelta(days=3)).date(),
        start_time=dt.time(23, 0),
        time_zone="Pacific/Pago_Pago",
    )
    whole_day = LaunchEventFactory(
        brand=timed.brand,
        slug="far-whole-day",
        start_date=(NOW + dt.timedelta(days=3)).date(),
        time_zone="Pacific/Kiritimati",
    )
    LaunchEvent.objects.filter(pk=timed.pk).update(
        start_date=dt.date(9999, 12, 31), duration=dt.timedelta(days=100_000)
    )
    LaunchEvent.objects.filter(pk=whole_day.pk).update(start_date=dt.date(9999, 12, 31))
    ArticleFactory(body="Dates.\n\n[[event far-timed]]\n\n[[event far-whole-day]]\n")
    return timed, whole_day


@pytest.mark.django_db
@pytest.mark.usefixtures("public_site")
class TestStoredBeyondTheBounds:
    def test_pages_calendars_and_feeds_answer(self, client, stored_beyond):
        timed, _ = stored_beyond
        story = ArticleFactory._meta.model.objects.get(body__contains="far-timed")
        urls = [
            "/launches/",
            "/launches/far-timed/",
            "/launches/far-whole-day/",
            story.get_absolute_url(),
            "/feed/",
            "/sitemap-launches.xml",
        ]
        for url in urls:
            assert client.get(url).status_code == 200, url
        for url in [
            "/launches.ics",
            "/launches/far-timed.ics",
            "/launches/far-whole-day.ics",
            f"/brands/{timed.brand.slug}/launches.ics",
        ]:
            response = client.get(url)
            assert response.status_code == 200, url
            icalendar.Calendar.from_ical(response.content)

    def test_the_admin_shows_the_row_and_refuses_it_with_the_limit(
        self, admin_client, stored_beyond
    ):
        timed, _ = stored_beyond
        url = f"/admin/devices/launchevent/{timed.pk}/change/"
        page = admin_client.get(url)
        assert page.status_code == 200
        response = admin_client.post(url, form_data(page))
        errors = response.context["adminform"].form.errors
        assert errors["start_date"] == [YEARS]
        assert errors["duration"] == [LENGTH]

    def test_saving_it_from_code_does_not_overflow(self, stored_beyond):
        for event in LaunchEvent.objects.all():
            event.save()
            assert event.starts_at.year == 9999
