"""Readers searching from the header, finding phones with the finder and
comparing them, with and without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.admin import press, type_into

pytestmark = pytest.mark.django_db(transaction=True)


def suggestion(picker, name):
    """The option the picker's boxes suggest for `name`, if any."""
    return picker.locator(f"datalist option[value='{name}']")


def pick_suggestion(box, option):
    """Choose a suggested name. Chromium draws a <datalist>'s popup outside
    the page, where no test can click; choosing puts the option's value in
    the box and sends `input`, which is what this does."""
    box.fill(option.get_attribute("value"))


def test_reader_searches_from_the_header_and_sees_marked_snippets(page, demo):
    page.goto(demo + "/devices/xiaomi-11-ultra/")
    box = page.locator("header.site-header").get_by_role("searchbox")
    box.click()
    box.type("Leica cameras")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=Leica\+cameras"))
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Results for “Leica cameras”"
    )
    marks = page.locator(".story-card .snippet mark")
    assert marks.count() >= 1
    # PostgreSQL's English stemming also marks "camera" for "cameras".
    marked = {text.lower() for text in marks.all_inner_texts()}
    assert marked <= {"leica", "cameras", "camera"}
    # The device the words name is listed too, and leads to its page.
    page.get_by_role("link", name="Leica", exact=True).click()
    page.wait_for_url(demo + "/brands/leica/")
    assert page.console_errors == []


def test_reader_finds_phones_with_the_finder_and_compares_two(page, demo):
    page.goto(demo + "/devices/")
    page.get_by_text("Filter by brand, optics partner and specs").click()
    page.get_by_role("group", name="Brand").get_by_label("Xiaomi").check()
    page.get_by_label("Main camera at least (MP)").type("50")
    page.get_by_role("button", name="Show devices").click()
    page.wait_for_url(re.compile(r"brand=xiaomi.*min_main_mp=50"))
    names = page.locator(".device-tile__name").all_inner_texts()
    # The launch confirmed a 50 MP main camera on all three 12S phones.
    assert names == [
        "Xiaomi 11 Ultra",
        "Xiaomi 12S",
        "Xiaomi 12S Pro",
        "Xiaomi 12S Ultra",
    ]
    page.get_by_label("Compare the Xiaomi 11 Ultra").check()
    page.get_by_label("Compare the Xiaomi 12S Ultra").check()
    page.get_by_role("button", name="Compare ticked devices").click()
    page.wait_for_url(demo + "/compare/xiaomi-11-ultra-vs-xiaomi-12s-ultra/")
    assert "Xiaomi 11 Ultra" in page.get_by_role("heading", level=1).inner_text()
    assert page.console_errors == []


def test_the_compare_picker_works_without_javascript(page_without_js, demo):
    page = page_without_js
    page.goto(demo + "/compare/xiaomi-11-ultra-vs-xiaomi-12s-ultra/")
    # Without the script every box is there, the two compared filled in.
    assert page.get_by_label("Device 4").is_visible()
    page.get_by_label("Device 3").type("Xiaomi 12S Pro")
    page.get_by_role("button", name="Compare", exact=True).click()
    page.wait_for_url(
        demo + "/compare/xiaomi-11-ultra-vs-xiaomi-12s-pro-vs-xiaomi-12s-ultra/"
    )
    headers = page.locator(".compare-table thead th").all_text_contents()
    assert headers[1:4] == ["Xiaomi 11 Ultra", "Xiaomi 12S Pro", "Xiaomi 12S Ultra"]


def test_the_compare_picker_with_javascript_adds_boxes_as_needed(page, demo):
    page.goto(demo + "/devices/xiaomi-12s/")
    picker = page.locator("form[data-compare-picker]")
    assert picker.get_by_label("Device 2").is_visible()
    assert not picker.get_by_label("Device 3").is_visible()
    picker.get_by_label("Device 2").type("Mi 11 Ultra")
    picker.get_by_role("button", name="Add another device").click()
    third = picker.get_by_label("Device 3")
    assert third.is_visible()
    third.type("Xiaomi 12S Ultra")
    picker.get_by_role("button", name="Compare", exact=True).click()
    page.wait_for_url(
        demo + "/compare/xiaomi-11-ultra-vs-xiaomi-12s-vs-xiaomi-12s-ultra/"
    )
    assert page.locator(".compare-table thead th").count() == 5
    assert page.console_errors == []


def another_brand():
    """A device sharing nothing with the demo's Xiaomi phones, so their pages
    do not offer it: only the search as one types finds it."""
    from tests.devices.factories import BrandFactory, DeviceFactory

    DeviceFactory(
        brand=BrandFactory(name="Vivo", slug="vivo"),
        name="Vivo X80 Pro",
        slug="vivo-x80-pro",
    )


def test_a_reader_types_part_of_a_name_and_picks_the_suggestion(page, demo):
    another_brand()
    page.goto(demo + "/devices/xiaomi-12s/")
    picker = page.locator("form[data-compare-picker]")
    # The page came with the devices worth comparing, not the whole catalogue.
    expect(suggestion(picker, "Xiaomi 12S Ultra")).to_have_count(1)
    expect(suggestion(picker, "Vivo X80 Pro")).to_have_count(0)
    box = picker.get_by_label("Device 2")
    type_into(box, "x80 p")
    found = suggestion(picker, "Vivo X80 Pro")
    expect(found).to_have_count(1)
    pick_suggestion(box, found)
    press(page, "Compare")
    assert page.url == demo + "/compare/vivo-x80-pro-vs-xiaomi-12s/"
    headers = page.locator(".compare-table thead th").all_text_contents()
    assert headers[1:3] == ["Vivo X80 Pro", "Xiaomi 12S"]
    assert page.console_errors == []


def test_a_leaked_name_typed_is_suggested_under_the_real_name(page, demo):
    page.goto(demo + "/compare/")
    picker = page.locator("form[data-compare-picker]")
    offered = picker.locator("datalist option").count()
    box = picker.get_by_label("Device 1")
    type_into(box, "12 ultr")
    # Labelled with the leaked name: the browser shows an option only when
    # each word typed is in its value or its label.
    found = picker.locator("datalist option[label*='12 Ultra']")
    expect(found).to_have_count(1)
    assert found.get_attribute("value") == "Xiaomi 12S Ultra"
    # Erased, the box suggests what the page came with again.
    box.fill("")
    expect(picker.locator("datalist option")).to_have_count(offered)
    expect(picker.locator("datalist option[label]")).to_have_count(0)
    assert page.console_errors == []


def test_without_javascript_a_name_typed_wrong_gets_did_you_mean(page_without_js, demo):
    page = page_without_js
    page.goto(demo + "/compare/xiaomi-11-ultra-vs-xiaomi-12s-ultra/")
    type_into(page.get_by_label("Device 3"), "12S Pr")
    press(page, "Compare")
    notice = page.get_by_role("alert")
    expect(notice).to_contain_text("No device goes by “12S Pr”. Did you mean:")
    # What was typed stays in the box, to correct by hand if none fits.
    assert page.get_by_label("Device 3").input_value() == "12S Pr"
    with page.expect_navigation():
        notice.get_by_role("link", name="Xiaomi 12S Pro").click()
    assert page.url == (
        demo + "/compare/xiaomi-11-ultra-vs-xiaomi-12s-pro-vs-xiaomi-12s-ultra/"
    )
