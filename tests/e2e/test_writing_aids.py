"""An editor writes with the story form's aids, in Chromium: the embed
picker, [[ suggestions, embed checks as they type, the live preview, the
toolbar and the counters. Everything is typed and clicked."""

import re

import pytest
from playwright.sync_api import expect

from newsroom.models import Article
from tests.e2e.admin import (
    STORIES,
    body_field,
    messages,
    open_story,
    press,
    public_address,
    sign_in,
    type_into,
)

pytestmark = pytest.mark.django_db(transaction=True)

DRAFT_TITLE = "Xiaomi 12S Ultra: first impressions"  # a draft in the demo


@pytest.fixture(autouse=True)
def script_failures(page):
    """Uncaught errors and console errors (a CSP refusal is one), less the
    admin's missing favicon, which is not a script."""
    failures = []
    page.on("pageerror", lambda error: failures.append(str(error)))
    yield failures


def no_script_failures(page, failures):
    console = [m for m in page.console_errors if "Failed to load resource" not in m]
    assert failures + console == []


def checks(page):
    return page.locator(".embed-checks li")


def new_story(page, demo, title="Picked, not typed"):
    sign_in(page, demo, "editor")
    page.goto(f"{demo}{STORIES}add/")
    page.get_by_label("Title:").fill(title)


def test_editor_inserts_an_embed_found_by_its_alias(page, demo, script_failures):
    new_story(page, demo)
    body = body_field(page)
    type_into(body, "The launch is close.\n\nMore next week.")
    # The cursor goes back to the end of the first line.
    body.press("Control+Home")
    body.press("End")

    page.get_by_role("button", name="Insert embed…").click()
    search = page.get_by_label("Find a device or launch event")
    assert search.evaluate("box => document.activeElement === box")
    search.press_sequentially("12S ultra")
    specs = re.compile(r"\[\[specs xiaomi-12s-ultra\]\]")
    page.get_by_role("option", name=specs).click()

    assert body.input_value() == (
        "The launch is close.\n[[specs xiaomi-12s-ultra]]\n\nMore next week."
    )
    assert page.get_by_role("listbox", name="Embeds to insert").is_hidden()
    line = checks(page).filter(has_text="[[specs xiaomi-12s-ultra]]")
    line.wait_for()
    assert "Line 2" in line.inner_text() and "spec table" in line.inner_text()

    page.get_by_label("Section:").select_option(label="Phones")
    page.get_by_label("Status:").select_option(label="Published")
    press(page, "Save and continue editing")
    assert any("was added successfully" in m for m in messages(page))
    page.goto(demo + public_address(page))
    table = page.locator(".story__body .embed--specs")
    assert table.count() == 1
    assert "Xiaomi 12S Ultra specs" in table.inner_text()
    assert table.locator("table").count() >= 1
    no_script_failures(page, script_failures)


def test_typing_two_brackets_offers_the_same_embeds(page, demo, script_failures):
    new_story(page, demo)
    body = body_field(page)
    type_into(body, "Its cameras:\n\n[[cameras 12S Ul")
    offered = page.get_by_role("listbox", name=re.compile("after \\[\\["))
    # Choices come once typing pauses, for what was typed last.
    expect(offered.get_by_role("option").first).to_contain_text("Xiaomi 12S Ultra")
    assert "[[specs" not in offered.inner_text()
    body.press("Enter")
    assert body.input_value() == "Its cameras:\n\n[[cameras xiaomi-12s-ultra]]"
    assert offered.is_hidden()

    # Arrow keys pick another one; Escape leaves what was typed alone.
    type_into(body, "\n[[12S Pro")
    expect(offered.get_by_role("option").first).to_contain_text("Xiaomi 12S Pro")
    body.press("ArrowDown")
    body.press("Enter")
    assert body.input_value().endswith("\n[[cameras xiaomi-12s-pro]]")
    type_into(body, "\n[[event 12S")
    expect(offered.get_by_role("option").first).to_contain_text("launch")
    body.press("Escape")
    assert offered.is_hidden()
    assert body.input_value().endswith("\n[[event 12S")
    no_script_failures(page, script_failures)


def test_an_unknown_slug_is_flagged_as_it_is_typed(page, demo):
    new_story(page, demo)
    body = body_field(page)
    type_into(body, "Intro.\n\n[[specs xiaomi-12s-ultar]]")
    flagged = checks(page).filter(has_text="No device has the slug “xiaomi-12s-ultar”.")
    flagged.wait_for()
    assert "Line 3" in flagged.inner_text()
    # Mended, the mark goes.
    for _ in range(4):
        body.press("Backspace")
    type_into(body, "ra]]")
    checks(page).filter(has_text="shows the device's spec table").wait_for()
    assert flagged.count() == 0


def test_live_preview_shows_unsaved_text_with_a_live_spec_table(
    page, demo, script_failures
):
    # Wide enough for the preview beside the form.
    page.set_viewport_size({"width": 1440, "height": 900})
    sign_in(page, demo, "editor")
    open_story(page, demo, DRAFT_TITLE)
    # Only what the change form and its preview do counts here (the story
    # list has style attributes of its own).
    page.console_errors.clear()
    page.get_by_role("button", name="Live preview").click()
    frame = page.frame_locator("iframe[title='Live preview of the story']")
    assert frame.get_by_role("heading", level=1).inner_text() == DRAFT_TITLE

    body = body_field(page)
    body.press("Control+End")
    type_into(body, "\n\nA sentence nobody has saved.\n\n[[specs xiaomi-12s-ultra]]\n")
    frame.get_by_text("A sentence nobody has saved.").wait_for()
    table = frame.locator(".story__body .embed--specs").last
    table.wait_for()
    assert "Xiaomi 12S Ultra specs" in table.inner_text()
    assert "Preview: not public." in frame.get_by_role("note").inner_text()
    expect(page.locator(".live-preview-state")).to_contain_text("(not saved)")

    page.get_by_role("button", name="Phone (390 px)").click()
    iframe = page.locator("iframe[title='Live preview of the story']")
    assert iframe.bounding_box()["width"] == pytest.approx(390, abs=2)
    sideways = frame.locator("html").evaluate(
        "html => html.scrollWidth - html.clientWidth"
    )
    assert sideways <= 0
    page.get_by_role("button", name="Full width").click()
    assert iframe.bounding_box()["width"] > 390

    # Nothing was saved; closing the panel gives the form its room back.
    story = Article.objects.get(title=DRAFT_TITLE)
    assert "nobody has saved" not in story.body
    page.get_by_role("button", name="Close").click()
    assert iframe.is_hidden()
    no_script_failures(page, script_failures)


def test_live_preview_of_a_new_story_asks_for_a_first_save(page, demo):
    new_story(page, demo)
    page.get_by_role("button", name="Live preview").click()
    expect(page.locator(".live-preview-state")).to_contain_text("Save the story once")


def test_toolbar_makes_bold_text_and_a_link(page, demo, script_failures):
    new_story(page, demo)
    body = body_field(page)
    toolbar = page.get_by_role("toolbar", name="Formatting")
    type_into(body, "Leica tuned it")
    # Select "Leica" (the first five characters) and make it bold.
    body.press("Control+Home")
    for _ in range(5):
        body.press("Shift+ArrowRight")
    toolbar.get_by_role("button", name="Bold").click()
    assert body.input_value() == "**Leica** tuned it"

    body.press("End")
    body.press("Shift+Control+ArrowLeft")
    toolbar.get_by_role("button", name="Link").click()
    # The address is selected: typing replaces it.
    body.press_sequentially("https://leica-camera.com/")
    assert body.input_value() == "**Leica** tuned [it](https://leica-camera.com/)"

    body.press("Control+a")
    toolbar.get_by_role("button", name="Quote").click()
    assert body.input_value().startswith("> **Leica**")
    body.press("Control+z")
    no_script_failures(page, script_failures)


def test_word_count_title_length_address_and_alt_reminders(page, demo, script_failures):
    sign_in(page, demo, "editor")
    page.goto(f"{demo}{STORIES}add/")
    title = page.get_by_label("Title:")
    type_into(title, "Xiaomi 12S Ultra review")
    length = page.locator(".title-length")
    assert length.inner_text() == "23 of the 110 characters search results show."
    # The admin fills the slug in as the title is typed; the address follows.
    address = page.locator(".story-address")
    expect(address).to_contain_text(
        re.compile(r"/news/\d{4}/\d\d/\d\d/xiaomi-12s-ultra-review/")
    )
    assert "the day the story goes live" in address.inner_text()
    type_into(title, " and more" * 10)
    assert length.inner_text().startswith("113 characters: search results cut")

    body = body_field(page)
    type_into(body, "One two three four five.\n\n![](https://example.com/a.jpg)")
    count = page.locator(".writing-count")
    count.filter(has_text="5 words").wait_for()
    assert count.inner_text() == "5 words · about 1 minute to read"
    reminders = page.locator(".alt-reminders")
    reminders.filter(has_text="An image in the body has no alt text").wait_for()

    page.get_by_label("Hero image:", exact=True).set_input_files(
        {"name": "hero.png", "mimeType": "image/png", "buffer": b"not checked here"}
    )
    hero = reminders.filter(has_text="The hero image has no alt text")
    hero.wait_for()
    type_into(page.get_by_label("Hero image alt text:"), "A phone")
    assert hero.count() == 0
    no_script_failures(page, script_failures)


def test_without_javascript_the_stock_form_still_saves(page_without_js, demo):
    page = page_without_js
    sign_in(page, demo, "editor")
    page.goto(f"{demo}{STORIES}add/")
    assert page.get_by_role("toolbar", name="Formatting").count() == 0
    page.get_by_text("Markdown and embed help").click()
    assert page.get_by_role("cell", name="a section heading", exact=False).is_visible()
    page.get_by_label("Title:").fill("Written with scripts off")
    page.get_by_label("Slug:").fill("written-with-scripts-off")
    type_into(body_field(page), "Plain.\n\n[[specs xiaomi-12s-ultra]]")
    page.get_by_label("Section:").select_option(label="Phones")
    press(page, "Save")
    assert any("was added successfully" in m for m in messages(page))
    story = Article.objects.get(slug="written-with-scripts-off")
    assert story.body == "Plain.\n\n[[specs xiaomi-12s-ultra]]"
