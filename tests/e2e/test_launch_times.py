"""The launch card's script adds the reader's own time and a countdown."""

import datetime as dt
import zoneinfo

import pytest

from tests.devices.factories import LaunchEventFactory

pytestmark = pytest.mark.django_db(transaction=True)

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


@pytest.fixture
def timed_launch(live_server):
    # Three days ahead (in Shanghai) at 19:30 there, which is 11:30 UTC.
    day = (dt.datetime.now(SHANGHAI) + dt.timedelta(days=3)).date()
    event = LaunchEventFactory(
        title="Evening launch",
        slug="evening-launch",
        start_date=day,
        start_time=dt.time(19, 30),
        time_zone="Asia/Shanghai",
    )
    return live_server.url + event.get_absolute_url(), event.starts_at


def test_reader_sees_their_own_time_and_a_countdown(browser, timed_launch):
    url, starts_at = timed_launch
    new_york = starts_at.astimezone(zoneinfo.ZoneInfo("America/New_York"))
    context = browser.new_context(timezone_id="America/New_York", locale="en-GB")
    page = context.new_page()
    page.goto(url)
    enhanced = page.locator("[data-launch-start]").first.inner_text()
    context.close()
    assert f"Your time: {new_york:%A} {new_york.day} {new_york:%B}" in enhanced
    assert f"{new_york:%H:%M}" in enhanced
    days_left = (starts_at - dt.datetime.now(dt.UTC)).days
    assert f"Starts in {days_left} days" in enhanced


def test_without_javascript_venue_time_and_utc_are_there(page_without_js, timed_launch):
    url, _ = timed_launch
    page_without_js.goto(url)
    when = page_without_js.locator(".event-card__when").inner_text()
    assert "19:30" in when
    assert "11:30 UTC" in when
    assert "Your time" not in page_without_js.content()
