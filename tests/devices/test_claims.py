"""Claims are never rewritten: newer claims, withdrawals, camera claims."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.html import escape

from devices import services
from devices.confidence import Confidence
from devices.models import CameraModule, ClaimIsFixed, SpecClaim
from devices.specsheet import camera_sheet, spec_lines, spec_timeline
from tests.devices.factories import (
    CameraFactory,
    DeviceFactory,
    SourceFactory,
    SpecFieldFactory,
)
from tests.factories import UserFactory
from tests.newsroom.admin.helpers import form_data, post_edited

pytestmark = pytest.mark.django_db

JUNE, JULY = dt.date(2022, 6, 28), dt.date(2022, 7, 4)


@pytest.fixture
def editor():
    return UserFactory(role="Editors", username="chief")


@pytest.fixture
def contributor():
    return UserFactory(role="Contributors", username="writer")


@pytest.fixture
def ultra():
    return DeviceFactory(name="Xiaomi 12S Ultra", slug="xiaomi-12s-ultra")


@pytest.fixture
def screen():
    return SpecFieldFactory(name="Screen size", slug="screen-size", unit="in")


def claims_of(device):
    return list(SpecClaim.objects.for_sheets().filter(device=device))


def test_a_newer_claim_keeps_the_old_one_and_becomes_the_value(ultra, screen):
    rumour = services.record_claim(
        device=ultra, field=screen, value=6.6, confidence="expected", stated_on=JUNE
    )
    official = services.record_claim(
        device=ultra,
        field=screen,
        value=6.73,
        confidence=Confidence.CONFIRMED,
        source=SourceFactory(name="Xiaomi launch event"),
        stated_on=JULY,
    )
    line = spec_lines(claims_of(ultra))[screen.pk]
    assert line.best == official and line.others == [rumour]
    rumour.refresh_from_db()
    assert rumour.value_number == Decimal("6.6") and rumour.stated_on == JUNE


def test_a_saved_claim_cannot_be_saved_again(ultra, screen):
    claim = services.record_claim(device=ultra, field=screen, value=6.6)
    claim.value_number = 7
    with pytest.raises(ClaimIsFixed):
        claim.save()
    with pytest.raises(ClaimIsFixed):
        services.add_claim(claim=claim)
    claim.refresh_from_db()
    assert claim.value_number == Decimal("6.6")


def test_adding_a_claim_moves_the_device_version(ultra, screen):
    before = ultra.version
    services.record_claim(device=ultra, field=screen, value=6.6)
    ultra.refresh_from_db()
    assert ultra.version == before + 1


def test_an_editor_withdraws_a_claim_which_stays_in_the_history(ultra, screen, editor):
    wrong = services.record_claim(
        device=ultra, field=screen, value=6.6, confidence="expected", stated_on=JUNE
    )
    services.withdraw_claim(claim=wrong, by=editor)
    wrong.refresh_from_db()
    assert wrong.withdrawn_by == editor and wrong.withdrawn_at is not None
    assert wrong.value_number == Decimal("6.6")  # the claim itself is untouched
    # No longer a value of the device...
    assert screen.pk not in spec_lines(claims_of(ultra))
    # ...but still in its history, with the withdrawal as an event.
    changes = [entry["change"] for entry in spec_timeline(claims_of(ultra))]
    assert changes == ["first", "withdrawn"]


def test_a_withdrawn_claim_gives_way_to_the_one_before(ultra, screen, editor):
    older = services.record_claim(
        device=ultra, field=screen, value=6.6, confidence="expected", stated_on=JUNE
    )
    newer = services.record_claim(
        device=ultra, field=screen, value=6.8, confidence="confirmed", stated_on=JULY
    )
    services.withdraw_claim(claim=newer, by=editor)
    line = spec_lines(claims_of(ultra))[screen.pk]
    assert line.best == older
    assert [claim.pk for claim in line.others] == [newer.pk]


def test_contributors_cannot_withdraw(ultra, screen, contributor):
    claim = services.record_claim(device=ultra, field=screen, value=6.6)
    with pytest.raises(PermissionDenied):
        services.withdraw_claim(claim=claim, by=contributor)
    claim.refresh_from_db()
    assert claim.withdrawn_at is None


class TestCameraClaims:
    def test_a_camera_shows_its_best_supported_values(self, ultra):
        main = CameraFactory(device=ultra, megapixels=50, confidence="expected")
        services.record_camera_claim(
            camera=main,
            attribute="sensor",
            value="Sony IMX707",
            confidence=Confidence.RUMOURED,
            stated_on=JUNE,
        )
        services.record_camera_claim(
            camera=main,
            attribute="sensor",
            value="Sony IMX989",
            confidence=Confidence.CONFIRMED,
            stated_on=JULY,
        )
        [camera] = camera_sheet(ultra.cameras.all(), claims_of(ultra))
        assert camera.sensor == "Sony IMX989"
        assert camera.megapixels == 50
        assert camera.best["sensor"].confidence == Confidence.CONFIRMED

    def test_withdrawn_camera_claims_do_not_count(self, ultra, editor):
        main = CameraFactory(device=ultra, megapixels=None)
        guess = services.record_camera_claim(
            camera=main, attribute="megapixels", value=200, confidence="rumoured"
        )
        services.withdraw_claim(claim=guess, by=editor)
        [camera] = camera_sheet(ultra.cameras.all(), claims_of(ultra))
        assert camera.megapixels is None
        assert camera.megapixels_display == "Unknown"

    def test_camera_claims_stay_out_of_the_spec_table_but_in_the_history(self, ultra):
        main = CameraFactory(device=ultra, megapixels=50)
        services.record_camera_claim(
            camera=main, attribute="sensor", value="Sony IMX989", stated_on=JULY
        )
        assert spec_lines(claims_of(ultra)) == {}
        subjects = [entry["claim"].subject for entry in spec_timeline(claims_of(ultra))]
        assert "Main camera sensor" in subjects
        assert "Main camera resolution" in subjects

    def test_a_camera_claim_must_name_a_camera_of_the_same_device(self, ultra):
        other = CameraFactory(role=CameraModule.Role.MAIN)
        with pytest.raises(ValidationError, match="camera of this device"):
            services.record_claim(
                device=ultra,
                camera=other,
                field=other.claims.first().field,
                value=12,
            )


# --- The admin ----------------------------------------------------------------


def device_url(device):
    return f"/admin/devices/device/{device.pk}/change/"


def test_saved_claims_are_read_only_and_a_forged_edit_is_ignored(
    client, editor, ultra, screen
):
    claim = services.record_claim(device=ultra, field=screen, value=6.6)
    client.force_login(editor)
    page = client.get(device_url(ultra))
    html = page.content.decode()
    assert 'name="spec_claims-0-value_number"' not in html  # shown, not editable
    assert "Add a newer claim" in html and "Withdraw" in html
    forged = form_data(page, **{"spec_claims-0-value_number": "9"})
    forged["spec_claims-0-id"] = claim.pk
    assert client.post(device_url(ultra), forged).status_code == 302
    claim.refresh_from_db()
    assert claim.value_number == Decimal("6.6")
    # The claims' own change page refuses a save too.
    url = reverse("admin:devices_specclaim_change", args=[claim.pk])
    assert client.post(url, {"value_number": "9"}).status_code == 403


def test_add_a_newer_claim_is_a_filled_in_form(client, editor, ultra, screen):
    services.record_claim(device=ultra, field=screen, value=6.6, confidence="expected")
    client.force_login(editor)
    html = client.get(device_url(ultra)).content.decode()
    add = reverse("admin:devices_specclaim_add")
    filled = (
        f"{add}?device={ultra.pk}&field={screen.pk}&camera=&confidence=expected"
        "&value_number=6.6"
    )
    assert f'href="{escape(filled)}"' in html
    form = client.get(filled).context["adminform"].form
    assert form.initial["value_number"] == "6.6"
    response = client.post(
        add + f"?device={ultra.pk}",
        {
            "device": ultra.pk,
            "field": screen.pk,
            "value_number": "6.73",
            "confidence": "confirmed",
            "stated_on": "2022-07-04",
        },
    )
    assert response.status_code == 302 and response.url == device_url(ultra)
    assert SpecClaim.objects.filter(device=ultra).count() == 2


def test_withdraw_page_is_for_editors_only(client, editor, contributor, ultra, screen):
    claim = services.record_claim(device=ultra, field=screen, value=6.6)
    url = reverse("admin:devices_specclaim_withdraw", args=[claim.pk])
    client.force_login(contributor)
    assert "Withdraw" not in client.get(device_url(ultra)).content.decode()
    assert client.post(url).status_code == 403
    client.force_login(editor)
    assert client.post(url).status_code == 302
    claim.refresh_from_db()
    assert claim.withdrawn_by == editor
    html = client.get(device_url(ultra)).content.decode()
    assert "Withdrawn by chief" in html


def test_a_claim_added_meanwhile_is_shown_when_a_device_save_is_refused(
    client, editor, ultra, screen
):
    client.force_login(editor)
    post_edited(client, device_url(ultra))
    opened = client.get(device_url(ultra))
    other = type(client)()
    other.force_login(UserFactory(role="Editors", first_name="Bo", last_name="Two"))
    other.post(
        reverse("admin:devices_specclaim_add"),
        {
            "device": ultra.pk,
            "field": screen.pk,
            "value_number": "6.73",
            "confidence": "confirmed",
            "stated_on": "2022-07-04",
        },
    )
    refused = client.post(device_url(ultra), form_data(opened, summary="Mine."))
    panel = refused.content.decode().split('class="stale-changes"')[1]
    assert "What Bo Two changed since you opened this page" in refused.content.decode()
    assert "Added:</strong> Xiaomi 12S Ultra: Screen size = 6.73 in" in panel
