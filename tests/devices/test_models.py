import datetime as dt
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from devices.models import LaunchEvent, Partnership, SpecClaim
from tests.devices.factories import (
    BrandFactory,
    LaunchEventFactory,
    PartnershipFactory,
    SpecClaimFactory,
    SpecFieldFactory,
)

pytestmark = pytest.mark.django_db

UTC = dt.UTC


class TestPartnerships:
    def test_current_until_it_ends_then_ended(self, time_machine):
        huawei, leica = BrandFactory(slug="huawei"), BrandFactory(slug="leica")
        partnership = PartnershipFactory(
            brand=huawei,
            partner=leica,
            started_on=dt.date(2016, 1, 1),
            ended_on=dt.date(2022, 6, 1),
        )
        time_machine.move_to(dt.datetime(2022, 5, 31, 12, tzinfo=UTC))
        assert list(Partnership.objects.current()) == [partnership]
        assert not Partnership.objects.ended().exists()
        time_machine.move_to(dt.datetime(2022, 6, 1, 12, tzinfo=UTC))
        assert not Partnership.objects.current().exists()
        assert list(Partnership.objects.ended()) == [partnership]

    def test_not_current_before_it_starts(self, time_machine):
        partnership = PartnershipFactory(started_on=dt.date(2022, 5, 24))
        time_machine.move_to(dt.datetime(2022, 5, 23, 12, tzinfo=UTC))
        assert not Partnership.objects.current().exists()
        time_machine.move_to(dt.datetime(2022, 5, 24, 12, tzinfo=UTC))
        assert list(Partnership.objects.current()) == [partnership]

    def test_needs_two_different_brands(self):
        brand = BrandFactory()
        with pytest.raises(ValidationError, match="two brands"):
            Partnership(brand=brand, partner=brand).full_clean()


class TestWholeDayEvents:
    def test_spans_the_venue_day_without_inventing_a_time(self):
        event = LaunchEventFactory(start_date=dt.date(2022, 7, 4), start_time=None)
        assert event.is_whole_day
        assert event.local_start == dt.date(2022, 7, 4)
        # Midnight to midnight in Shanghai (UTC+8), stored in UTC.
        assert event.starts_at == dt.datetime(2022, 7, 3, 16, tzinfo=UTC)
        assert event.ends_at == dt.datetime(2022, 7, 4, 16, tzinfo=UTC)

    def test_stays_upcoming_all_day_then_is_past(self, time_machine):
        event = LaunchEventFactory()
        time_machine.move_to(dt.datetime(2022, 7, 4, 15, 59, tzinfo=UTC))
        assert list(LaunchEvent.objects.upcoming()) == [event]
        assert event.is_upcoming
        time_machine.move_to(dt.datetime(2022, 7, 4, 16, 1, tzinfo=UTC))
        assert list(LaunchEvent.objects.past()) == [event]
        assert not LaunchEvent.objects.upcoming().exists()
        assert not event.is_upcoming


class TestTimedEvents:
    def test_venue_time_is_converted_to_utc(self):
        event = LaunchEventFactory(
            start_time=dt.time(19, 0), duration=dt.timedelta(hours=2)
        )
        assert not event.is_whole_day
        assert event.starts_at == dt.datetime(2022, 7, 4, 11, tzinfo=UTC)
        assert event.ends_at == dt.datetime(2022, 7, 4, 13, tzinfo=UTC)

    def test_without_duration_upcoming_until_it_starts(self, time_machine):
        event = LaunchEventFactory(start_time=dt.time(19, 0))
        time_machine.move_to(dt.datetime(2022, 7, 4, 10, 59, tzinfo=UTC))
        assert list(LaunchEvent.objects.upcoming()) == [event]
        time_machine.move_to(dt.datetime(2022, 7, 4, 11, 1, tzinfo=UTC))
        assert list(LaunchEvent.objects.past()) == [event]

    def test_upcoming_soonest_first_past_newest_first(self, time_machine):
        time_machine.move_to(dt.datetime(2022, 7, 10, tzinfo=UTC))
        later = LaunchEventFactory(start_date=dt.date(2022, 9, 1))
        sooner = LaunchEventFactory(start_date=dt.date(2022, 8, 1))
        old = LaunchEventFactory(start_date=dt.date(2022, 1, 1))
        recent = LaunchEventFactory(start_date=dt.date(2022, 7, 4))
        assert list(LaunchEvent.objects.upcoming()) == [sooner, later]
        assert list(LaunchEvent.objects.past()) == [recent, old]

    def test_unknown_time_zone_is_refused(self):
        # TimeZoneField refuses the name as soon as it is set, naming it.
        with pytest.raises(ValidationError, match="Mars/Olympus"):
            LaunchEventFactory.build(brand=BrandFactory(), time_zone="Mars/Olympus")

    def test_the_time_zone_is_a_zone_and_is_stored_by_name(self):
        event = LaunchEventFactory(time_zone="Asia/Shanghai")
        event.refresh_from_db()
        assert event.time_zone == zoneinfo.ZoneInfo("Asia/Shanghai")
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT time_zone FROM {LaunchEvent._meta.db_table} WHERE id = %s",
                [event.pk],
            )
            assert cursor.fetchone() == ("Asia/Shanghai",)


class TestSpecClaims:
    def test_unknown_is_stored_and_shown_as_unknown(self):
        claim = SpecClaimFactory(value_number=None, is_unknown=True)
        claim.full_clean()
        assert claim.value is None
        assert claim.display_value == "Unknown"

    def test_number_is_shown_with_its_unit(self):
        claim = SpecClaimFactory(value_number=48)
        assert claim.display_value == "48 MP"

    @pytest.mark.parametrize(
        ("fields", "message"),
        [
            ({"value_number": None}, "tick “unknown”"),
            ({"value_number": 48, "is_unknown": True}, "cannot also have a value"),
            ({"value_number": None, "value_text": "big"}, "number value only"),
        ],
    )
    def test_value_must_fit_the_field(self, fields, message):
        claim = SpecClaim(device=SpecClaimFactory().device, field=SpecFieldFactory())
        for name, value in fields.items():
            setattr(claim, name, value)
        with pytest.raises(ValidationError, match=message):
            claim.full_clean()
