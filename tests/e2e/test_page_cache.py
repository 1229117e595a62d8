"""Readers are served from the page cache, editors never are, and what an
editor saves in the admin is what the next reader sees, in Chromium."""

import pytest

from tests.e2e.admin import (
    messages,
    open_story,
    press,
    public_address,
    sign_in,
    type_into,
)

pytestmark = pytest.mark.django_db(transaction=True)

SEED_TITLE = "Xiaomi 12S series launching July 4 with Leica cameras"
NEW_TITLE = "Xiaomi 12S series launches July 4 with Leica cameras"


@pytest.fixture
def reader(browser):
    context = browser.new_context()
    yield context.new_page()
    context.close()


def test_staff_bits_stay_with_staff_and_an_edit_reaches_readers_at_once(
    page, reader, demo
):
    sign_in(page, demo, "editor")
    open_story(page, demo, SEED_TITLE)
    story_url = demo + public_address(page)

    # The editor browses the public story first: it has the staff-only link.
    page.goto(story_url)
    assert page.get_by_role("link", name="Edit this story").count() == 1

    # A reader then gets the reader's page (twice: the second from the cache).
    for _ in range(2):
        reader.goto(story_url)
        assert reader.get_by_role("heading", level=1).inner_text() == SEED_TITLE
        assert reader.get_by_role("link", name="Edit this story").count() == 0

    # The editor, back after the reader warmed the cache, still gets the
    # staff page, and edits the headline from it.
    page.goto(story_url)
    with page.expect_navigation():
        page.get_by_role("link", name="Edit this story").click()
    title = page.get_by_label("Title:")
    title.fill("")
    type_into(title, NEW_TITLE)
    press(page, "Save and continue editing")
    assert any("was changed successfully" in m for m in messages(page))

    # The reader's very next visit shows it, on the story and the front page.
    reader.goto(story_url)
    assert reader.get_by_role("heading", level=1).inner_text() == NEW_TITLE
    assert reader.get_by_role("link", name="Edit this story").count() == 0
    reader.goto(demo + "/")
    assert reader.get_by_role("link", name=NEW_TITLE).count() >= 1
    assert reader.get_by_role("link", name=SEED_TITLE, exact=True).count() == 0
