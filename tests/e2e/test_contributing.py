"""A contributor writes and submits a story, and stays within their role."""

import re

import pytest

from newsroom.models import Article
from tests.e2e.admin import (
    STORIES,
    body_field,
    errors,
    messages,
    open_story,
    pick,
    press,
    sign_in,
    type_into,
)

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Leica colours on the 12S Ultra"
EDITORS_DRAFT = "Xiaomi 12S Ultra: first impressions"  # a draft in the demo


def test_contributor_drafts_submits_and_cannot_publish(page, demo):
    sign_in(page, demo, "contributor")
    page.goto(f"{demo}{STORIES}add/")
    page.get_by_label("Title:").fill(TITLE)
    type_into(
        body_field(page),
        "The colours are warm.\n\n[[specs xiaomi-12s-ultra]]\n\nMore soon.",
    )
    page.get_by_label("Section:").select_option(label="Cameras")
    pick(page, "id_bylines-0-author", "Dana", "Dana Okafor")
    status = page.get_by_label("Status:")
    # No control to publish.
    assert status.locator("option").all_inner_texts() == ["Draft", "In review"]
    press(page, "Save")
    assert any("was added successfully" in m for m in messages(page))

    row = page.get_by_role("row").filter(has_text=TITLE)
    row.get_by_role("checkbox").check()
    actions = page.get_by_label("Action:").locator("option").all_inner_texts()
    assert not {"Publish now", "Schedule…", "Unpublish (back to draft)"} & set(actions)
    page.get_by_label("Action:").select_option(label="Submit for review")
    press(page, "Go")
    assert "1 story submitted for review." in messages(page)
    assert "In review" in page.get_by_role("row").filter(has_text=TITLE).inner_text()

    # The editor's draft is not listed, and its address is a 404.
    assert page.get_by_role("link", name=EDITORS_DRAFT).count() == 0
    hidden = Article.objects.get(title=EDITORS_DRAFT).pk
    for path in (f"{STORIES}{hidden}/change/", f"/preview/{hidden}/"):
        assert page.goto(demo + path).status == 404

    # A forged request: "Published" put back into the form by hand.
    open_story(page, demo, TITLE)
    page.get_by_label("Status:").evaluate(
        "select => { select.add(new Option('Published', 'published'));"
        " select.value = 'published'; }"
    )
    press(page, "Save")
    assert any(re.search("Only editors can publish", e) for e in errors(page))
    page.goto(f"{demo}{STORIES}")
    assert "In review" in page.get_by_role("row").filter(has_text=TITLE).inner_text()
    page.goto(f"{demo}/")
    assert page.get_by_role("link", name=TITLE).count() == 0
