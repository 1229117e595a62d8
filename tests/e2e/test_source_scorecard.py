"""A reader follows a spec's source mark to the source's scorecard."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_reader_goes_from_a_specs_source_mark_to_the_source_page(page, demo):
    page.goto(demo + "/devices/xiaomi-12s-ultra/")
    specs = page.locator(".spec-table")
    # The screen size line: the official 6.73 in, the leaks' 6.6 beneath it.
    screen = specs.get_by_role("row", name="Screen size")
    assert "6.73 in" in screen.inner_text()
    screen.get_by_text("other claim").click()
    mark = screen.get_by_role("link", name="7 of 8 confirmed")
    assert mark.is_visible()

    mark.click()

    page.wait_for_url(demo + "/sources/pre-launch-reports/")
    assert page.get_by_role("heading", level=1).inner_text() == "Pre-launch reports"
    summary = page.locator(".scorecard__summary").inner_text()
    assert "7 of 8 confirmed (88% of 8 settled claims)." in summary
    ultra = page.get_by_role(
        "table", name="What Pre-launch reports said about the Xiaomi 12S Ultra"
    )
    screen_claim = ultra.get_by_role("row", name="Screen size")
    assert "Contradicted" in screen_claim.inner_text()
    assert "6.73 in" in screen_claim.inner_text()
    assert page.console_errors == []


def test_the_source_page_reads_without_javascript(page_without_js, demo):
    page_without_js.goto(demo + "/sources/")
    page_without_js.get_by_role("link", name="Pre-launch reports").click()
    assert "7 of 8 confirmed" in page_without_js.locator(".scorecard").inner_text()
