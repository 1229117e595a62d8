"""The desk, the admin's home: each role's queues, the send-back note the
writer reads, and a story scheduled through the date and time pickers."""

import datetime as dt

import pytest
from django.utils import timezone

from devices import services as device_services
from devices.models import Device, Source, SpecField
from tests.e2e.admin import (
    STORIES,
    body_field,
    messages,
    pick,
    press,
    sign_in,
    type_into,
)

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Leica colours, measured"
EDITORS_DRAFT = "Xiaomi 12S Ultra: first impressions"  # a draft in the demo
NOTE = "Say which lab measured the colours, please."


def desk_panel(page, heading):
    return page.locator("section.desk__panel").filter(
        has=page.get_by_role("heading", name=heading)
    )


def select_and_act(page, base, title, action):
    page.goto(f"{base}{STORIES}")
    page.get_by_role("row").filter(has_text=title).get_by_role("checkbox").check()
    page.get_by_label("Action:").select_option(label=action)
    press(page, "Go")


def test_review_queues_and_the_send_back_note(browser, demo):
    # The demo's launch settled every rumour it had; a new one is open.
    device_services.record_claim(
        device=Device.objects.get(slug="xiaomi-12s-ultra"),
        field=SpecField.objects.create(
            name="Weight", slug="weight", kind="number", unit="g"
        ),
        value=225,
        source=Source.objects.create(
            name="A tipster", slug="a-tipster", kind=Source.Kind.LEAKER
        ),
    )
    writer = browser.new_context().new_page()
    sign_in(writer, demo, "contributor")
    writer.goto(f"{demo}{STORIES}add/")
    writer.get_by_label("Title:").fill(TITLE)
    type_into(body_field(writer), "Warm, they say.")
    writer.get_by_label("Section:").select_option(label="Cameras")
    pick(writer, "id_bylines-0-author", "Dana", "Dana Okafor")
    writer.get_by_label("Status:").select_option(label="In review")
    press(writer, "Save")
    writer.goto(f"{demo}/admin/")
    assert TITLE in desk_panel(writer, "My stories in review").inner_text()
    assert EDITORS_DRAFT not in writer.locator("#desk").inner_text()

    editor = browser.new_context().new_page()
    sign_in(editor, demo, "editor")
    queue = desk_panel(editor, "Review queue").inner_text()
    assert TITLE in queue and "submitted by contributor" in queue
    assert TITLE not in desk_panel(editor, "My drafts").inner_text()
    assert (
        "Xiaomi 12S Ultra"
        in desk_panel(editor, "Devices with open claims").inner_text()
    )

    select_and_act(editor, demo, TITLE, "Send back to the writer…")
    type_into(editor.get_by_label("Note to the writer:"), NOTE)
    press(editor, "Send back")
    assert "1 story sent back to the writer." in messages(editor)

    writer.reload()
    drafts = desk_panel(writer, "My drafts").inner_text()
    assert TITLE in drafts and NOTE in drafts
    with writer.expect_navigation():
        desk_panel(writer, "My drafts").get_by_role("link", name=TITLE).click()
    assert NOTE in writer.locator(".desk-note--sent-back").inner_text()
    for page in (writer, editor):
        page.context.close()


def test_a_story_scheduled_through_the_pickers_is_on_the_calendar(page, demo):
    sign_in(page, demo, "editor")
    select_and_act(page, demo, EDITORS_DRAFT, "Schedule…")
    day = page.locator("input[name='published_at_0']")
    time = page.locator("input[name='published_at_1']")
    assert day.get_attribute("type") == "date"
    assert time.get_attribute("type") == "time"
    assert "YYYY-MM-DD" in page.locator("#content").inner_text()
    assert "24-hour" in page.locator("#content").inner_text()

    at = timezone.localtime() + dt.timedelta(days=2)
    day.fill(at.strftime("%Y-%m-%d"))
    time.fill("09:30:00")
    press(page, "Schedule")
    assert any("1 story scheduled for" in m for m in messages(page))

    page.goto(f"{demo}/admin/")
    calendar = page.locator(".desk__calendar")
    cell = calendar.locator("li").filter(
        has=page.locator(f"time[datetime='{at:%Y-%m-%d}']")
    )
    assert "09:30" in cell.inner_text() and EDITORS_DRAFT in cell.inner_text()
