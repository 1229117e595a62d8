import datetime as dt

import pytest

from devices.confidence import Confidence
from devices.models import LaunchEvent, SpecClaim
from devices.services import confirm_spec, record_claim, reschedule_event
from devices.specsheet import spec_lines
from tests.devices.factories import (
    DeviceFactory,
    LaunchEventFactory,
    SourceFactory,
    SpecFieldFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def ultrawide():
    return SpecFieldFactory(name="Ultrawide", slug="ultrawide")


def best(device, field):
    return spec_lines(SpecClaim.objects.for_sheets().filter(device=device))[field.pk]


def test_confirming_keeps_the_rumour_with_its_date(ultrawide):
    device = DeviceFactory()
    leaker, maker = SourceFactory(name="A leaker"), SourceFactory(name="Xiaomi")
    rumour = record_claim(
        device=device,
        field=ultrawide,
        value=48,
        source=leaker,
        stated_on=dt.date(2022, 6, 1),
    )
    confirmed = confirm_spec(
        device=device,
        field=ultrawide,
        value=48,
        source=maker,
        stated_on=dt.date(2022, 7, 4),
    )
    line = best(device, ultrawide)
    assert line.best == confirmed
    assert confirmed.confidence == Confidence.CONFIRMED
    assert line.others == [rumour]
    assert [c.stated_on for c in line.history] == [
        dt.date(2022, 6, 1),
        dt.date(2022, 7, 4),
    ]


def test_several_claims_coexist_and_the_best_supported_wins(ultrawide):
    device = DeviceFactory()
    leak_48 = record_claim(
        device=device, field=ultrawide, value=48, stated_on=dt.date(2022, 6, 1)
    )
    leak_50 = record_claim(
        device=device, field=ultrawide, value=50, stated_on=dt.date(2022, 6, 10)
    )
    # Same confidence: the newer claim is shown first.
    assert best(device, ultrawide).best == leak_50
    expected_48 = record_claim(
        device=device,
        field=ultrawide,
        value=48,
        confidence=Confidence.EXPECTED,
        stated_on=dt.date(2022, 6, 5),
    )
    # Higher confidence beats a newer rumour.
    line = best(device, ultrawide)
    assert line.best == expected_48
    assert set(line.others) == {leak_48, leak_50}


def test_an_unknown_value_is_recorded_as_unknown(ultrawide):
    claim = record_claim(device=DeviceFactory(), field=ultrawide, value=None)
    assert claim.is_unknown
    assert claim.display_value == "Unknown"


class TestReschedule:
    def test_moving_later_postpones_and_bumps_the_sequence(self):
        event = LaunchEventFactory(start_date=dt.date(2022, 7, 4))
        before = event.updated_at
        reschedule_event(
            event=event, start_date=dt.date(2022, 7, 5), start_time=dt.time(19, 30)
        )
        event = LaunchEvent.objects.get(pk=event.pk)
        assert event.sequence == 1
        assert event.status == LaunchEvent.Status.POSTPONED
        assert event.previous_start_date == dt.date(2022, 7, 4)
        assert event.previous_start_time is None
        assert event.starts_at == dt.datetime(2022, 7, 5, 11, 30, tzinfo=dt.UTC)
        assert event.updated_at > before

    def test_cancelling_bumps_the_sequence_without_moving(self):
        event = LaunchEventFactory()
        reschedule_event(
            event=event,
            start_date=event.start_date,
            status=LaunchEvent.Status.CANCELLED,
        )
        event.refresh_from_db()
        assert (event.sequence, event.status) == (1, LaunchEvent.Status.CANCELLED)
        assert event.previous_start_date is None

    def test_nothing_changed_keeps_the_sequence(self):
        event = LaunchEventFactory()
        reschedule_event(event=event, start_date=event.start_date)
        event.refresh_from_db()
        assert event.sequence == 0
