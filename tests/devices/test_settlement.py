"""The settlement rule: when a rumour is confirmed, contradicted or still open."""

import datetime as dt
from decimal import Decimal

import pytest

from devices import services
from devices.confidence import Confidence
from devices.models import SpecClaim, SpecField
from devices.settlement import Outcome, normalised_text, settle, values_agree
from tests.devices.factories import (
    CameraFactory,
    DeviceFactory,
    SourceFactory,
    SpecFieldFactory,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LEAK, LAUNCH = dt.date(2022, 6, 28), dt.date(2022, 7, 4)


@pytest.fixture
def phone():
    return DeviceFactory(name="Xiaomi 12S Ultra", slug="xiaomi-12s-ultra")


@pytest.fixture
def leaker():
    return SourceFactory(name="A leaker", slug="a-leaker")


@pytest.fixture
def maker():
    return SourceFactory(name="The maker", slug="the-maker", kind="official")


def claim(device, field, value, source, on=LEAK, confidence=Confidence.RUMOURED):
    return services.record_claim(
        device=device,
        field=field,
        value=value,
        confidence=confidence,
        source=source,
        stated_on=on,
    )


def outcome_of(rumour):
    candidates = list(SpecClaim.objects.for_sheets().filter(device=rumour.device))
    rumour = next(c for c in candidates if c.pk == rumour.pk)
    return settle(rumour, candidates)


def test_a_number_within_its_fields_tolerance_is_confirmed(phone, leaker, maker):
    screen = SpecFieldFactory(slug="screen-size", unit="in", tolerance="0.05")
    rumour = claim(phone, screen, 6.7, leaker)
    claim(phone, screen, 6.73, maker, on=LAUNCH, confidence=Confidence.CONFIRMED)

    settled = outcome_of(rumour)

    assert settled.outcome == Outcome.CONFIRMED
    assert settled.on == LAUNCH
    assert settled.lead_days == 6


def test_a_number_beyond_the_tolerance_is_contradicted(phone, leaker, maker):
    screen = SpecFieldFactory(slug="screen-size", unit="in", tolerance="0.05")
    rumour = claim(phone, screen, 6.6, leaker)
    official = claim(phone, screen, 6.73, maker, on=LAUNCH)

    settled = outcome_of(rumour)

    assert settled.outcome == Outcome.CONTRADICTED
    assert settled.by.pk == official.pk


def test_a_field_without_tolerance_wants_the_exact_number(phone, leaker, maker):
    battery = SpecFieldFactory(slug="battery", unit="mAh")
    rumour = claim(phone, battery, 4800, leaker)
    claim(phone, battery, 4860, maker, on=LAUNCH)

    assert outcome_of(rumour).outcome == Outcome.CONTRADICTED


def test_text_is_compared_by_its_normalised_value(phone, leaker, maker):
    panel = SpecFieldFactory(slug="panel", kind=SpecField.Kind.TEXT, unit="")
    rumour = claim(phone, panel, "LTPO  amoled", leaker)
    claim(phone, panel, "LTPO-AMOLED", maker, on=LAUNCH)

    assert outcome_of(rumour).outcome == Outcome.CONFIRMED
    assert normalised_text(" 3200 × 1440 ") == normalised_text("3200 x 1440")
    assert normalised_text("Snapdragon 8+ Gen 1") != normalised_text(
        "Snapdragon 8 Gen 1"
    )


def test_yes_or_no_must_match_exactly(phone, leaker, maker):
    wireless = SpecFieldFactory(slug="wireless", kind=SpecField.Kind.BOOLEAN, unit="")
    rumour = claim(phone, wireless, False, leaker)
    claim(phone, wireless, True, maker, on=LAUNCH)

    assert outcome_of(rumour).outcome == Outcome.CONTRADICTED
    assert values_agree(wireless, True, True) is True


def test_a_claim_stays_open_until_an_authoritative_value_arrives(phone, leaker, maker):
    battery = SpecFieldFactory(slug="battery", unit="mAh")
    rumour = claim(phone, battery, 4860, leaker)
    # Another leaker agreeing settles nothing; nor does an official "unknown".
    claim(phone, battery, 4860, SourceFactory(slug="other-leaker"), on=LAUNCH)
    claim(phone, battery, None, maker, on=LAUNCH)

    assert outcome_of(rumour).outcome == Outcome.OPEN


def test_an_editor_designated_source_settles_like_an_official_one(phone, leaker):
    battery = SpecFieldFactory(slug="battery", unit="mAh")
    lab = SourceFactory(slug="test-lab", kind="retailer", is_authoritative=True)
    rumour = claim(phone, battery, 4860, leaker)
    claim(phone, battery, 4860, lab, on=LAUNCH)

    assert outcome_of(rumour).outcome == Outcome.CONFIRMED


def test_a_withdrawn_claim_is_never_scored(phone, leaker, maker):
    battery = SpecFieldFactory(slug="battery", unit="mAh")
    rumour = claim(phone, battery, 5000, leaker)
    claim(phone, battery, 4860, maker, on=LAUNCH)
    services.withdraw_claim(claim=rumour, by=UserFactory(role="Editors"))

    assert outcome_of(rumour).outcome == Outcome.WITHDRAWN


def test_a_withdrawn_official_claim_settles_nothing(phone, leaker, maker):
    battery = SpecFieldFactory(slug="battery", unit="mAh")
    rumour = claim(phone, battery, 5000, leaker)
    official = claim(phone, battery, 4860, maker, on=LAUNCH)
    services.withdraw_claim(claim=official, by=UserFactory(role="Editors"))

    assert outcome_of(rumour).outcome == Outcome.OPEN


def test_an_unknown_value_claims_nothing_to_check(phone, leaker, maker):
    battery = SpecFieldFactory(slug="battery", unit="mAh")
    rumour = claim(phone, battery, None, leaker)
    claim(phone, battery, 4860, maker, on=LAUNCH)

    assert outcome_of(rumour).outcome == Outcome.NOT_SCORED
    assert values_agree(battery, None, Decimal(4860)) is None


def test_a_cameras_value_is_settled_by_the_same_cameras_claim(phone, leaker, maker):
    main = CameraFactory(device=phone, megapixels=50, source=leaker, stated_on=LEAK)
    wide = CameraFactory(
        device=phone, role="ultrawide", megapixels=48, source=leaker, stated_on=LEAK
    )
    services.record_camera_claim(
        camera=main, attribute="megapixels", value=50, source=maker, stated_on=LAUNCH
    )
    rumours = SpecClaim.objects.filter(source=leaker)

    assert outcome_of(rumours.get(camera=main)).outcome == Outcome.CONFIRMED
    assert outcome_of(rumours.get(camera=wide)).outcome == Outcome.OPEN
