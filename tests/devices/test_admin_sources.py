"""Editors see the scores too: sources with their score, open claims first."""

import datetime as dt

import pytest
from django.urls import reverse

from devices import services
from devices.models import SpecClaim
from devices.settlement import Outcome, settle
from tests.devices.factories import DeviceFactory, SourceFactory, SpecFieldFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LEAK, LAUNCH = dt.date(2022, 6, 28), dt.date(2022, 7, 4)


@pytest.fixture
def claims():
    phone = DeviceFactory(name="Xiaomi 12S Ultra", slug="xiaomi-12s-ultra")
    leaker = SourceFactory(name="Tipster", slug="tipster")
    maker = SourceFactory(name="Maker", slug="maker", kind="official")
    battery = SpecFieldFactory(name="Battery", slug="battery", unit="mAh")
    screen = SpecFieldFactory(name="Screen", slug="screen", unit="in")
    settled = services.record_claim(
        device=phone, field=battery, value=4860, source=leaker, stated_on=LEAK
    )
    services.record_claim(
        device=phone, field=battery, value=4860, source=maker, stated_on=LAUNCH
    )
    still_open = services.record_claim(
        device=phone, field=screen, value=6.6, source=leaker, stated_on=LEAK
    )
    return phone, settled, still_open


@pytest.fixture
def editor_client(client):
    client.force_login(UserFactory(role="Editors", username="chief"))
    return client


def test_the_source_list_shows_each_score(editor_client, claims):
    html = editor_client.get(reverse("admin:devices_source_changelist")).content
    html = html.decode()

    assert "1 of 1 confirmed · 1 open" in html
    assert "Official: settles the others" in html


def test_a_devices_open_claims_come_first(editor_client, claims):
    phone, _, _ = claims

    html = editor_client.get(
        reverse("admin:devices_device_change", args=[phone.pk])
    ).content.decode()

    assert html.index("Still open") < html.index("Settled: see the source")
    assert html.index("6.6") < html.index("4860")


def test_the_query_and_the_rule_agree(claims):
    phone, _, still_open = claims
    flagged = {c.pk: c.is_open for c in SpecClaim.objects.with_open_flag()}
    loaded = list(SpecClaim.objects.for_sheets().filter(device=phone))

    for claim in loaded:
        is_open = settle(claim, loaded).outcome == Outcome.OPEN
        assert flagged[claim.pk] is is_open, claim
    assert list(SpecClaim.objects.open()) == [still_open]


def test_an_editor_names_a_devices_predecessor(editor_client, claims):
    phone, _, _ = claims
    older = DeviceFactory(name="Xiaomi 11 Ultra", slug="xiaomi-11-ultra")
    url = reverse("admin:devices_device_change", args=[phone.pk])

    page = editor_client.get(url).content.decode()

    assert 'name="predecessor"' in page
    assert (
        older.name
        in editor_client.get(
            reverse("admin:autocomplete"),
            {
                "term": "11 Ultra",
                "app_label": "devices",
                "model_name": "device",
                "field_name": "predecessor",
            },
        ).content.decode()
    )
