"""An editor schedules a story; it goes live by itself, with no one saving it."""

import datetime as dt

import feedparser
import pytest
from django.utils import timezone

from tests.e2e.admin import STORIES, messages, press, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Xiaomi 12S Ultra: first impressions"  # a draft in the demo
LEAD = dt.timedelta(seconds=12)


def shows_story(page, url):
    page.goto(url)
    return page.get_by_role("link", name=TITLE).count() > 0


def test_a_scheduled_story_appears_on_its_own(page, demo):
    sign_in(page, demo, "editor")
    page.goto(f"{demo}{STORIES}")
    row = page.get_by_role("row").filter(has_text=TITLE)
    row.get_by_role("checkbox").check()
    page.get_by_label("Action:").select_option(label="Schedule…")
    press(page, "Go")

    at = timezone.localtime() + LEAD
    page.locator("input[name='published_at_0']").fill(at.strftime("%Y-%m-%d"))
    page.locator("input[name='published_at_1']").fill(at.strftime("%H:%M:%S"))
    press(page, "Schedule")
    assert any("1 story scheduled for" in m for m in messages(page))

    if timezone.localtime() < at - dt.timedelta(seconds=2):
        assert not shows_story(page, f"{demo}/")

    # Nothing more is done: the time comes, and the story is there.
    page.wait_for_timeout(max(0, (at - timezone.localtime()).total_seconds()) * 1000)
    page.wait_for_timeout(1000)
    assert shows_story(page, f"{demo}/")
    assert shows_story(page, f"{demo}/section/phones/")
    feed = feedparser.parse(page.request.get(f"{demo}/feed/").body())
    assert TITLE in [entry.title for entry in feed.entries]
