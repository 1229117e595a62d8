"""The claims grid of a device fits a 1280 px window and asks for the value
in the spec's own kind."""

import pytest

from devices.models import Device, SpecClaim
from tests.e2e.admin import press, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def pick_spec(page, select_id, text):
    page.locator(f"#{select_id} + .select2").click()
    page.locator(".select2-container--open .select2-search__field").fill(text)
    option = page.locator(".select2-results__option", has_text=text).first
    option.wait_for()
    option.click()


def test_the_grid_fits_and_offers_the_input_of_the_specs_kind(page, demo):
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, demo, "editor")
    device = Device.objects.get(slug="xiaomi-12s-ultra")
    page.goto(f"{demo}/admin/devices/device/{device.pk}/change/")
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], widths

    row = page.locator("#id_spec_claims-INITIAL_FORMS").input_value()
    prefix = f"id_spec_claims-{row}"
    value = f"spec_claims-{row}-claimed_value"
    number = page.locator(f"[name='{value}_number']")
    text = page.locator(f"[name='{value}_text']")
    yes_no = page.locator(f"[name='{value}_boolean']")
    assert not number.is_visible() and not text.is_visible()

    pick_spec(page, f"{prefix}-field", "Battery capacity")
    assert number.is_visible() and not text.is_visible() and not yes_no.is_visible()
    assert (
        "mAh"
        in page.locator(f"#{prefix}-field").locator("xpath=ancestor::tr").inner_text()
    )

    pick_spec(page, f"{prefix}-field", "High refresh rate")
    assert yes_no.is_visible() and not number.is_visible()

    pick_spec(page, f"{prefix}-field", "Battery capacity")
    number.press_sequentially("4860")
    page.select_option(f"#{prefix}-confidence", "confirmed")
    page.fill(f"#{prefix}-stated_on", "2022-07-04")
    press(page, "Save and continue editing")
    assert "was changed successfully" in page.content()
    claim = SpecClaim.objects.filter(device=device, field__slug="battery").latest("pk")
    assert claim.display_value == "4860 mAh" and claim.confidence == "confirmed"
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], widths
