"""An editor previews unpublished stories and shares one under embargo."""

import re

import pytest

from newsroom.models import Article, Section
from tests.e2e.admin import messages, open_story, press, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

DRAFT_TITLE = "Xiaomi 12S Ultra: first impressions"  # a draft in the demo
REVIEW_TITLE = "Leica's colour science, explained"


@pytest.fixture
def stories(demo, settings, live_server):
    # Share links are given with the site's public address.
    settings.SITE_URL = live_server.url
    Article.objects.create(
        title=REVIEW_TITLE,
        slug="leica-colour-science",
        body="Waiting for an editor.",
        section=Section.objects.get(slug="cameras"),
        status=Article.Status.REVIEW,
    )
    return demo


def preview_from_the_form(page):
    with page.context.expect_page() as opened:
        page.get_by_role("link", name="See it as readers will").click()
    preview = opened.value
    preview.wait_for_load_state()
    return preview


@pytest.mark.parametrize("title", [DRAFT_TITLE, REVIEW_TITLE])
def test_editor_previews_a_story_readers_cannot_see(page, stories, title):
    sign_in(page, stories, "editor")
    open_story(page, stories, title)
    preview = preview_from_the_form(page)
    assert preview.get_by_role("heading", level=1).inner_text() == title
    assert "Preview: not public." in preview.get_by_role("note").inner_text()
    assert "Not published yet" in preview.locator(".story__header").inner_text()


def test_editor_shares_a_draft_then_revokes_the_link(page, browser, stories):
    sign_in(page, stories, "editor")
    open_story(page, stories, DRAFT_TITLE)
    page.get_by_role("button", name=re.compile("Add another share link", re.I)).click()
    page.locator("input[name='share_links-0-note']").fill("Leica press office")
    press(page, "Save and continue editing")
    assert any("was changed successfully" in m for m in messages(page))
    address = page.locator("td.field-address a").first.get_attribute("href")

    # Someone without an account opens it.
    outsider = browser.new_context()
    reader = outsider.new_page()
    response = reader.goto(address)
    assert response.status == 200
    assert reader.get_by_role("heading", level=1).inner_text() == DRAFT_TITLE
    assert "under embargo" in reader.get_by_role("note").inner_text()

    page.locator("input[name='share_links-0-revoked']").check()
    press(page, "Save and continue editing")
    assert "(closed)" in page.locator("td.field-address").first.inner_text()

    response = reader.goto(address)
    assert response.status == 404
    assert DRAFT_TITLE not in reader.content()
    outsider.close()
