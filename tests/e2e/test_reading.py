"""A reader's path through the demo site in a real browser."""

import pytest
from django.core.management import call_command

from newsroom.demo.stories import LAUNCH_STORY_SLUG
from newsroom.models import Article

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo_site(live_server):
    call_command("load_demo")
    story = Article.objects.get(slug=LAUNCH_STORY_SLUG)
    return live_server.url, story.get_absolute_url(), story.title


def test_reader_goes_from_home_to_the_lead_story(page, demo_site):
    base, story_url, title = demo_site
    page.goto(base + "/")
    page.get_by_role("link", name=title).first.click()
    page.wait_for_url(base + story_url)
    assert page.get_by_role("heading", level=1).inner_text() == title
    assert page.console_errors == []


def test_story_reads_without_javascript(page_without_js, demo_site):
    base, story_url, title = demo_site
    page_without_js.goto(base + story_url)
    assert page_without_js.get_by_role("heading", level=1).inner_text() == title
    assert "July 4" in page_without_js.locator(".story__body").inner_text()


def test_keyboard_reader_can_skip_to_content(page, demo_site):
    base, _, _ = demo_site
    page.goto(base + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "content"
