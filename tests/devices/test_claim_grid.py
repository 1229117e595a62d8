"""The claims grid's value column: one input per kind, each claim's value
in the field of its spec's kind, a wrong kind refused."""

import pytest

from devices.claim_grid import ClaimRowForm
from tests.devices.factories import DeviceFactory, SpecFieldFactory

pytestmark = pytest.mark.django_db


def row(field, **value):
    data = {"field": field.pk, "confidence": "expected", "stated_on": "2022-07-04"}
    data |= {f"claimed_value_{part}": typed for part, typed in value.items()}
    form = ClaimRowForm(data, instance=None)
    form.instance.device = DeviceFactory()
    return form


def test_a_number_is_stored_as_a_number():
    battery = SpecFieldFactory(kind="number", unit="mAh")
    form = row(battery, number="4860")
    assert form.is_valid(), form.errors
    assert form.save().display_value == "4860 mAh"


def test_yes_no_and_unknown_for_a_yes_or_no_spec():
    refresh = SpecFieldFactory(kind="boolean")
    assert row(refresh, boolean="yes").save().display_value == "Yes"
    assert row(refresh, boolean="no").save().display_value == "No"
    assert row(refresh, boolean="unknown").save().display_value == "Unknown"


def test_unknown_text_is_unknown():
    chipset = SpecFieldFactory(kind="text")
    claim = row(chipset, unknown="on").save()
    assert claim.is_unknown and claim.display_value == "Unknown"


def test_a_value_of_the_wrong_kind_is_refused_with_a_message():
    chipset = SpecFieldFactory(name="Chipset", kind="text")
    form = row(chipset, number="8")
    assert not form.is_valid()
    assert "“Chipset” takes a text value only." in str(form.errors)


def test_no_value_at_all_asks_for_one():
    chipset = SpecFieldFactory(kind="text")
    form = row(chipset)
    assert not form.is_valid()
    assert "Give a value, or tick “unknown”" in str(form.errors)


@pytest.mark.parametrize("typed", ["12e999", "abc", "1" * 40, "\x00"])
def test_hostile_numbers_are_form_errors(typed):
    battery = SpecFieldFactory(kind="number")
    assert not row(battery, number=typed).is_valid()


def test_the_grid_renders_one_labelled_input_per_kind(client, editor):
    device = DeviceFactory()
    SpecFieldFactory(kind="number", unit="mAh")
    client.force_login(editor)
    page = client.get(f"/admin/devices/device/{device.pk}/change/").content.decode()
    assert 'aria-label="Value (number)"' in page
    assert 'aria-label="Value (yes, no or unknown)"' in page
    assert "data-spec-kinds=" in page and "mAh" in page
    assert 'type="date" name="spec_claims-0-stated_on"' in page
