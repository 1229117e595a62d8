"""An editor writes a story with every kind of embed, in Chromium.

The body is typed into the textarea, so it reaches the server with the CR LF
line breaks browsers send.
"""

import re

import feedparser
import pytest

from tests.e2e.admin import (
    STORIES,
    body_field,
    errors,
    messages,
    pick,
    png_file,
    press,
    public_address,
    sign_in,
    type_into,
)

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Xiaomi 12S Ultra against its predecessor"


def body_with(slug):
    return (
        "The launch is close.\n\n"
        f"[[specs {slug}]]\n\n"
        "Here are its cameras.\n\n"
        "[[cameras xiaomi-12s-ultra]]\n\n"
        "The event itself:\n\n"
        "[[event xiaomi-12s-launch]]\n\n"
        "And against the phone it replaces.\n\n"
        "[[compare xiaomi-12s-ultra xiaomi-11-ultra]]\n\n"
        "More next week."
    )


def test_editor_writes_and_publishes_a_story_with_four_embeds(page, demo):
    sign_in(page, demo, "editor")
    page.goto(f"{demo}{STORIES}add/")
    page.get_by_label("Title:").fill(TITLE)
    page.get_by_label("Standfirst:").fill("Four live tables in one story.")
    type_into(body_field(page), body_with("xiaomi-12s-ultar"))
    page.get_by_label("Hero image:", exact=True).set_input_files(png_file())
    page.get_by_label("Hero image alt text:").fill("A teal test card")
    page.get_by_label("Section:").select_option(label="Phones")
    pick(page, "id_tags", "Leica", "Leica")
    pick(page, "id_tags", "Xiao", "Xiaomi")
    pick(page, "id_bylines-0-author", "Michael", "Michael Allison")
    page.get_by_role("button", name=re.compile("Add another byline", re.I)).click()
    pick(page, "id_bylines-1-author", "Dana", "Dana Okafor")
    page.get_by_label("Status:").select_option(label="Published")
    press(page, "Save")

    # Refused, with the misspelt slug named and everything typed still there.
    assert "No device has the slug “xiaomi-12s-ultar”." in errors(page)
    typed = body_field(page).input_value()
    assert "[[specs xiaomi-12s-ultar]]" in typed
    assert "And against the phone it replaces." in typed
    assert page.get_by_label("Title:").input_value() == TITLE

    body = body_field(page)
    body.fill(typed.replace("xiaomi-12s-ultar", "xiaomi-12s-ultra"))
    # Browsers cannot keep a chosen file across a refused form: choose it again.
    page.get_by_label("Hero image:", exact=True).set_input_files(png_file())
    press(page, "Save and continue editing")
    assert any("was added successfully" in m for m in messages(page))

    page.goto(demo + public_address(page))
    assert page.get_by_role("heading", level=1).inner_text() == TITLE
    story = page.locator(".story__body")
    for kind in ("specs", "cameras", "event", "compare"):
        assert story.locator(f".embed--{kind}").count() == 1, kind
    assert story.locator("table").count() >= 3
    text = story.inner_text()
    assert "[[" not in text
    assert "Xiaomi 12S Ultra specs" in text
    assert "Xiaomi 12S Ultra cameras" in text
    assert "Xiaomi 12S series launch" in text
    assert "Full comparison of the Xiaomi 12S Ultra and Xiaomi 11 Ultra" in text
    assert page.get_by_role("img", name="A teal test card").count() == 1
    byline = page.locator(".story__header .meta").inner_text()
    assert "Michael Allison" in byline and "Dana Okafor" in byline

    feed = feedparser.parse(page.request.get(f"{demo}/feed/").body())
    (item,) = [entry for entry in feed.entries if entry.title == TITLE]
    html = item.content[0].value if "content" in item else item.summary
    # Spec, camera and comparison tables, and the launch card, as plain HTML.
    assert html.count("<table") >= 3
    assert "Xiaomi 12S Ultra specs" in html
    assert "Xiaomi 12S Ultra cameras" in html
    assert "Xiaomi 12S series launch" in html
    assert "[[" not in html
