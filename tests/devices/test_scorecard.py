"""A source's scorecard: the counts, the accuracy and how it is worded."""

import datetime as dt

import pytest

from devices import services
from devices.scorecard import SMALLEST_SAMPLE, scorecard, scorecards
from tests.devices.factories import DeviceFactory, SourceFactory, SpecFieldFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LEAK, LAUNCH = dt.date(2022, 6, 20), dt.date(2022, 7, 4)


@pytest.fixture
def leaker():
    return SourceFactory(name="Tipster", slug="tipster")


@pytest.fixture
def maker():
    return SourceFactory(name="Maker", slug="maker", kind="official")


def rumour_and_answer(leaker, maker, *, rumour, answer, device=None, on=LEAK):
    device = device or DeviceFactory()
    field = SpecFieldFactory(unit="mAh")
    claim = services.record_claim(
        device=device, field=field, value=rumour, source=leaker, stated_on=on
    )
    if answer is not None:
        services.record_claim(
            device=device, field=field, value=answer, source=maker, stated_on=LAUNCH
        )
    return claim


def test_counts_accuracy_and_lead_time(leaker, maker):
    for _ in range(4):
        rumour_and_answer(leaker, maker, rumour=10, answer=10)
    rumour_and_answer(leaker, maker, rumour=10, answer=10, on=dt.date(2022, 6, 30))
    rumour_and_answer(leaker, maker, rumour=10, answer=12)
    rumour_and_answer(leaker, maker, rumour=10, answer=None)

    card = scorecard(leaker)

    assert (card.confirmed, card.contradicted, card.open) == (5, 1, 1)
    assert card.mark == "5 of 6 confirmed"
    assert card.accuracy_text == "5 of 6 confirmed (83% of 6 settled claims)."
    # Four claims 14 days ahead and one 4 days ahead: 12 on average.
    assert card.lead_days == 12


def test_no_percentage_below_the_smallest_sample(leaker, maker):
    assert SMALLEST_SAMPLE == 5
    for _ in range(3):
        rumour_and_answer(leaker, maker, rumour=10, answer=10)
    rumour_and_answer(leaker, maker, rumour=10, answer=11)

    card = scorecard(leaker)

    assert card.accuracy is None
    assert card.accuracy_text == (
        "3 of 4 confirmed: too few settled claims (under 5) for a percentage."
    )
    assert "%" not in card.accuracy_text


def test_a_source_with_nothing_settled_says_so(leaker, maker):
    rumour_and_answer(leaker, maker, rumour=10, answer=None)

    card = scorecard(leaker)

    assert card.mark == "nothing settled yet"
    assert card.lead_days is None
    assert "No claim settled yet" in card.accuracy_text


def test_withdrawn_and_unknown_claims_count_for_nothing(leaker, maker):
    withdrawn = rumour_and_answer(leaker, maker, rumour=10, answer=12)
    services.withdraw_claim(claim=withdrawn, by=UserFactory(role="Editors"))
    rumour_and_answer(leaker, maker, rumour=None, answer=12)

    card = scorecard(leaker)

    assert (card.settled, card.open, card.withdrawn) == (0, 0, 1)


def test_claims_are_grouped_by_device_open_ones_first(leaker, maker):
    phone = DeviceFactory(name="Phone A")
    settled = rumour_and_answer(leaker, maker, rumour=1, answer=1, device=phone)
    still_open = rumour_and_answer(leaker, maker, rumour=1, answer=None, device=phone)

    [(device, claims)] = scorecard(leaker).by_device

    assert device == phone
    assert [s.claim.pk for s in claims] == [still_open.pk, settled.pk]


def test_many_sources_are_scored_in_one_query(leaker, maker, django_assert_num_queries):
    other = SourceFactory(slug="other")
    rumour_and_answer(leaker, maker, rumour=1, answer=1)
    rumour_and_answer(other, maker, rumour=1, answer=2)

    with django_assert_num_queries(1):
        cards = scorecards([leaker, other, maker])
        marks = [cards[s.pk].mark for s in (leaker, other, maker)]

    assert marks == ["1 of 1 confirmed", "0 of 1 confirmed", "nothing settled yet"]
