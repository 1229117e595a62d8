"""The stored settlements and scores follow every change that moves them, and a
page showing a score reads it without loading the source's other claims."""

import datetime as dt

import pytest
from django.db.models.signals import post_init
from django.urls import reverse

from devices import scoring, services
from devices.models import Source, SpecClaim
from devices.scorecard import scorecards
from devices.settlement import Outcome, settle
from tests.devices.factories import DeviceFactory, SourceFactory, SpecFieldFactory
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


@pytest.fixture
def screen():
    return SpecFieldFactory(slug="screen-size", unit="in", tolerance="0.05")


def say(device, field, value, source, on=LEAK):
    return services.record_claim(
        device=device, field=field, value=value, source=source, stated_on=on
    )


def outcome(claim):
    return SpecClaim.objects.get(pk=claim.pk).outcome


def mark(source):
    return scorecards([source])[source.pk].mark


def assert_stored_as_the_rule_says():
    claims = list(SpecClaim.objects.for_sheets())
    for claim in claims:
        ruled = settle(claim, [c for c in claims if c.device_id == claim.device_id])
        assert claim.outcome == ruled.outcome, claim
        assert claim.settled_by_id == (ruled.by.pk if ruled.by else None), claim
        assert claim.lead_days == ruled.lead_days, claim


def test_a_rumour_is_open_then_confirmed_when_the_maker_agrees(
    phone, leaker, maker, screen
):
    rumour = say(phone, screen, "6.73", leaker)
    assert outcome(rumour) == Outcome.OPEN
    assert mark(leaker) == "nothing settled yet"

    official = say(phone, screen, "6.7", maker, on=LAUNCH)

    stored = SpecClaim.objects.get(pk=rumour.pk)
    assert stored.outcome == Outcome.CONFIRMED
    assert stored.settled_by == official
    assert stored.lead_days == 6
    assert mark(leaker) == "1 of 1 confirmed"
    assert Source.objects.get(pk=leaker.pk).lead_days == 6
    assert_stored_as_the_rule_says()


def test_withdrawing_the_official_word_reopens_the_rumour(phone, leaker, maker, screen):
    rumour = say(phone, screen, "6.6", leaker)
    official = say(phone, screen, "6.73", maker, on=LAUNCH)
    assert outcome(rumour) == Outcome.CONTRADICTED
    editor = UserFactory(role="Editors", username="chief")

    services.withdraw_claim(claim=official, by=editor)

    assert outcome(rumour) == Outcome.OPEN
    assert outcome(official) == Outcome.WITHDRAWN
    assert mark(leaker) == "nothing settled yet"
    assert_stored_as_the_rule_says()


def test_withdrawing_a_rumour_takes_it_out_of_the_score(phone, leaker, maker, screen):
    rumour = say(phone, screen, "6.6", leaker)
    say(phone, screen, "6.73", maker, on=LAUNCH)
    assert mark(leaker) == "0 of 1 confirmed"

    services.withdraw_claim(claim=rumour, by=UserFactory(role="Editors"))

    assert mark(leaker) == "nothing settled yet"
    assert scorecards([leaker])[leaker.pk].withdrawn == 1


def test_deleting_the_official_claim_reopens_the_rumour(phone, leaker, maker, screen):
    rumour = say(phone, screen, "6.73", leaker)
    official = say(phone, screen, "6.73", maker, on=LAUNCH)

    SpecClaim.objects.get(pk=official.pk).delete()

    assert outcome(rumour) == Outcome.OPEN
    assert mark(leaker) == "nothing settled yet"


def test_deleting_a_sources_last_claim_clears_its_score(phone, leaker, maker, screen):
    rumour = say(phone, screen, "6.73", leaker)
    say(phone, screen, "6.73", maker, on=LAUNCH)

    SpecClaim.objects.get(pk=rumour.pk).delete()

    assert scorecards([leaker])[leaker.pk].confirmed == 0


def test_making_a_source_authoritative_settles_what_it_answered(phone, leaker, screen):
    lab = SourceFactory(slug="test-lab", kind="retailer")
    rumour = say(phone, screen, "6.73", leaker)
    say(phone, screen, "6.73", lab, on=LAUNCH)
    assert outcome(rumour) == Outcome.OPEN

    lab.is_authoritative = True
    lab.save()

    assert outcome(rumour) == Outcome.CONFIRMED
    assert mark(leaker) == "1 of 1 confirmed"
    assert_stored_as_the_rule_says()


def test_widening_a_fields_tolerance_settles_again(phone, leaker, maker, screen):
    rumour = say(phone, screen, "6.6", leaker)
    say(phone, screen, "6.73", maker, on=LAUNCH)
    assert outcome(rumour) == Outcome.CONTRADICTED

    screen.tolerance = "0.2"
    screen.save()

    assert outcome(rumour) == Outcome.CONFIRMED
    assert mark(leaker) == "1 of 1 confirmed"


def test_claims_added_in_bulk_are_settled_by_settle_unsettled(
    phone, leaker, maker, screen
):
    rumour = say(phone, screen, "6.73", leaker)
    say(phone, screen, "6.73", maker, on=LAUNCH)
    # As bulk_create leaves them, and as the migration added the columns.
    SpecClaim.objects.update(outcome="", settled_by=None, lead_days=None)
    Source.objects.update(claims_confirmed=0)

    scoring.settle_unsettled()

    assert outcome(rumour) == Outcome.CONFIRMED
    assert mark(leaker) == "1 of 1 confirmed"


def test_a_score_moving_does_not_refuse_an_editors_open_form(
    phone, leaker, maker, screen
):
    version = Source.objects.get(pk=leaker.pk).version

    say(phone, screen, "6.73", leaker)
    say(phone, screen, "6.73", maker, on=LAUNCH)

    assert Source.objects.get(pk=leaker.pk).version == version


def _records_built_for(client, url):
    built = []

    def count(sender, **kwargs):
        built.append(sender)

    post_init.connect(count)
    try:
        assert client.get(url).status_code == 200
    finally:
        post_init.disconnect(count)
    return len(built)


def test_a_device_page_costs_the_same_however_much_its_source_said_elsewhere(
    client, phone, leaker, maker, screen
):
    say(phone, screen, "6.73", leaker)
    say(phone, screen, "6.73", maker, on=LAUNCH)
    url = phone.get_absolute_url()
    before = _records_built_for(client, url)

    for number in range(25):
        other = DeviceFactory(slug=f"other-{number}")
        say(other, screen, "6.5", leaker)
        say(other, screen, "6.5", maker, on=LAUNCH)

    assert _records_built_for(client, url) == before
    page = client.get(url).content.decode()
    assert "26 of 26 confirmed" in page


def test_the_source_list_reads_scores_without_the_claims(
    client, phone, leaker, maker, screen, django_assert_max_num_queries
):
    for number in range(10):
        device = DeviceFactory(slug=f"device-{number}")
        say(device, screen, "6.5", leaker)
        say(device, screen, "6.6", maker, on=LAUNCH)
    before = _records_built_for(client, reverse("devices:source-list"))

    say(phone, screen, "6.73", leaker)

    assert _records_built_for(client, reverse("devices:source-list")) == before
    assert "0 of 10 confirmed" in client.get(reverse("devices:source-list")).text
