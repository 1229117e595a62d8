"""An editor adds a correction to the seed story through the admin, in
Chromium: saving the form (CR LF line breaks and all) keeps its embeds."""

import re

import pytest

from tests.e2e.admin import messages, open_story, press, public_address, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

SEED_TITLE = "Xiaomi 12S series launching July 4 with Leica cameras"
NOTE = "An earlier version gave the wrong launch hour."


def test_a_correction_keeps_the_seed_storys_embeds_and_links(page, demo):
    sign_in(page, demo, "editor")
    open_story(page, demo, SEED_TITLE)
    page.get_by_role("button", name=re.compile("Add another correction", re.I)).click()
    page.locator("#id_corrections-0-text").press_sequentially(NOTE)
    press(page, "Save and continue editing")
    assert any("was changed successfully" in m for m in messages(page))

    page.goto(demo + public_address(page))
    story = page.locator(".story__body")
    for kind in ("specs", "cameras", "event", "compare"):
        assert story.locator(f".embed--{kind}").count() == 1, kind
    assert "[[" not in story.inner_text()
    assert NOTE in page.locator(".corrections").inner_text()

    # The device and launch pages still list the story.
    with page.expect_navigation():
        page.get_by_role(
            "link", name="All specs, sources and history of the Xiaomi 12S Ultra"
        ).click()
    assert page.get_by_role("link", name=SEED_TITLE).count() >= 1
    page.go_back()
    with page.expect_navigation():
        story.locator(".event-card__title a").click()
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Xiaomi 12S series launch"
    )
    assert page.get_by_role("link", name=SEED_TITLE).count() >= 1
