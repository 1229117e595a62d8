"""An editor's typing and pasting in the admin, in Chromium: the browser's
CR LF line breaks and a pasted control character are cleaned, the embed on a
middle line survives, the feed stays readable, and a date beyond the limits
is a form error that names them."""

import datetime as dt

import feedparser
import pytest

from tests.devices.factories import DeviceFactory, LaunchEventFactory, SpecClaimFactory
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-test-password-1"


@pytest.fixture
def newsroom(live_server, settings):
    settings.SITE_URL = live_server.url
    editor = UserFactory(username="desk", role="Editors")
    editor.set_password(PASSWORD)
    editor.save()
    device = DeviceFactory(name="Xiaomi 12S Ultra", slug="xiaomi-12s-ultra")
    SpecClaimFactory(device=device, field__name="Main camera")
    story = ArticleFactory(title="Xiaomi sets a date", body="Intro.")
    event = LaunchEventFactory(slug="xiaomi-12s-launch")
    return live_server.url, story, event


def sign_in(page, base):
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", "desk")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{base}/admin/")


def test_typed_lines_and_a_pasted_control_character_are_cleaned(page, newsroom):
    base, story, _ = newsroom
    sign_in(page, base)
    page.goto(f"{base}/admin/newsroom/article/{story.pk}/change/")
    # A headline pasted from a word processor, with its line break (U+000B).
    page.fill("#id_title", "Xiaomi 12S\x0blaunch on July 4")
    body = page.locator("#id_body")
    body.click()
    body.press("Control+A")
    body.press("Delete")
    page.keyboard.type("The launch is on Monday.")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.keyboard.type("[[specs xiaomi-12s-ultra]]")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.keyboard.type("More after the table.")
    page.click("input[name=_continue]")

    page.wait_for_selector(".messagelist")
    assert page.input_value("#id_title") == "Xiaomi 12S launch on July 4"
    assert page.input_value("#id_body") == (
        "The launch is on Monday.\n\n[[specs xiaomi-12s-ultra]]\n\n"
        "More after the table."
    )

    page.goto(base + "/")
    page.click("text=Xiaomi 12S launch on July 4")
    table = page.locator(".embed--specs")
    assert "Main camera" in table.inner_text()
    assert "[[specs" not in page.locator("main").inner_text()

    feed = page.request.get(f"{base}/feed/")
    parsed = feedparser.parse(feed.body())
    assert parsed.bozo == 0
    assert parsed.entries[0].title == "Xiaomi 12S launch on July 4"


def test_a_launch_date_in_9999_is_refused_with_the_limits(page, newsroom):
    base, _, event = newsroom
    sign_in(page, base)
    page.goto(f"{base}/admin/devices/launchevent/{event.pk}/change/")
    page.fill("#id_start_date", "9999-12-31")
    page.fill("#id_duration", "999999999 00:00:00")
    with page.expect_navigation():
        page.click("input[name=_save]")

    errors = page.locator(".errorlist").all_inner_texts()
    assert "Pick a year between 1970 and 2100." in errors
    assert "A launch event lasts at most 31 days." in errors
    page.goto(f"{base}/launches/{event.slug}/")
    assert dt.date(2022, 7, 4).strftime("%-d %B %Y") in page.content()
