"""What keeps an editor's work safe: autosave that survives a closed tab,
the question before leaving a changed form, and a refused save that keeps
its image. Everything is typed and clicked."""

import pytest

from tests.e2e.admin import (
    STORIES,
    body_field,
    errors,
    messages,
    open_story,
    pick,
    png_file,
    press,
    sign_in,
    type_into,
)

pytestmark = pytest.mark.django_db(transaction=True)

DRAFT = "Xiaomi 12S Ultra: first impressions"  # an editor's draft in the demo


def test_autosave_survives_a_closed_tab_and_is_restored(browser, demo):
    context = browser.new_context()
    page = context.new_page()
    sign_in(page, demo, "editor")
    open_story(page, demo, DRAFT)
    standfirst = page.get_by_label("Standfirst:")
    standfirst.fill("")
    type_into(standfirst, "Typed, never saved")
    status = page.locator(".autosave-status")
    status.get_by_text("Draft kept for you").wait_for()
    page.close(run_before_unload=False)

    page = context.new_page()
    open_story(page, demo, DRAFT)
    assert page.get_by_text("You have unsaved changes from").is_visible()
    assert page.get_by_label("Standfirst:").input_value() != "Typed, never saved"
    with page.expect_navigation():
        page.get_by_role("link", name="Restore them").click()
    assert page.get_by_label("Standfirst:").input_value() == "Typed, never saved"
    press(page, "Save and continue editing")
    assert any("was changed successfully" in m for m in messages(page))
    assert page.get_by_label("Standfirst:").input_value() == "Typed, never saved"
    # Saved: the draft is gone, and so is the offer.
    assert page.get_by_text("You have unsaved changes from").count() == 0
    context.close()


def test_leaving_a_changed_form_asks_first_and_saving_does_not(page, demo):
    sign_in(page, demo, "editor")
    open_story(page, demo, DRAFT)
    asked = []

    def answer(dialog):
        asked.append(dialog.type)
        dialog.accept()

    page.on("dialog", answer)
    # Unchanged: leaving asks nothing.
    open_story(page, demo, DRAFT)
    assert asked == []
    type_into(page.get_by_label("Title:"), " (updated)")
    page.goto(f"{demo}/admin/")
    assert asked == ["beforeunload"]

    open_story(page, demo, DRAFT)
    type_into(page.get_by_label("Title:"), " again")
    press(page, "Save and continue editing")
    assert asked == ["beforeunload"]
    assert any("was changed successfully" in m for m in messages(page))


def test_a_refused_save_keeps_the_chosen_image(page, demo):
    sign_in(page, demo, "editor")
    page.goto(f"{demo}{STORIES}add/")
    page.get_by_label("Title:").fill("A picture without words")
    type_into(body_field(page), "A first paragraph.")
    page.get_by_label("Section:").select_option(label="Cameras")
    pick(page, "id_bylines-0-author", "Dana", "Dana Okafor")
    page.get_by_label("Hero image:").set_input_files(png_file("leica-card.png"))
    press(page, "Save and continue editing")
    assert any("Describe the hero image" in e for e in errors(page))
    assert page.get_by_text("Your upload is kept: leica-card.png").is_visible()

    # Only the missing words are added; the file is not picked again.
    page.get_by_label("Hero image alt text:").fill("A teal card")
    press(page, "Save and continue editing")
    assert any("was added successfully" in m for m in messages(page))
    current = page.locator(".field-hero_image a").first
    assert "leica-card" in current.inner_text()
    href = current.get_attribute("href")
    assert page.request.get(href if "://" in href else demo + href).ok
