"""Editors confirm specs and camera values as newer claims, withdraw claims,
and two editors on one record cannot silently overwrite each other.

Everything is typed and clicked in the admin; the ORM only sets up the demo,
the accounts and the official source.
"""

import feedparser
import pytest

from devices.demo import load_devices
from devices.models import Device, Source, SpecClaim
from newsroom.demo.load import load_editorial
from newsroom.demo.stories import LAUNCH_STORY_SLUG
from newsroom.models import Article
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-test-password-for-e2e"


@pytest.fixture
def demo(live_server, settings):
    # The demo as it stood before the launch (act one): these journeys are
    # the editor's on launch day, confirming its rumours by hand.
    load_devices()
    load_editorial(
        editor_password=settings.DEMO_EDITOR_PASSWORD,
        contributor_password=settings.DEMO_CONTRIBUTOR_PASSWORD,
    )
    Source.objects.create(
        name="Xiaomi launch event", slug="xiaomi-launch-event", kind="official"
    )
    return live_server.url


def account(username, role):
    user = UserFactory(username=username, role=role)
    user.set_password(PASSWORD)
    user.save()
    return user


def sign_in(page, base, username):
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    submit(page, "input[type=submit]")
    assert page.url == f"{base}/admin/"


def submit(page, button):
    """Press a form's button and wait for the page it leads to."""
    with page.expect_navigation():
        page.click(button)


def device_admin(base, slug="xiaomi-12s-ultra"):
    return f"{base}/admin/devices/device/{Device.objects.get(slug=slug).pk}/change/"


def pick_autocomplete(page, select_id, text):
    """Choose in one of the admin's autocomplete boxes as a person does."""
    page.locator(f"#{select_id} + .select2").click()
    page.locator(".select2-container--open .select2-search__field").fill(text)
    option = page.locator(".select2-results__option", has_text=text).first
    option.wait_for()
    option.click()


def confirm_claim_of_newer(page):
    page.select_option("#id_confidence", "confirmed")
    pick_autocomplete(page, "id_source", "Xiaomi launch event")
    page.fill("#id_stated_on", "2022-07-04")
    submit(page, "input[name=_save]")


def test_editor_confirms_a_spec_and_a_camera_sensor(page, demo):
    base = demo
    account("chief", "Editors")
    sign_in(page, base, "chief")

    # The chipset, expected before the launch, is confirmed as a newer claim.
    page.goto(device_admin(base))
    chipset_row = page.locator("tr", has_text="Platform: Chipset").first
    chipset_row.locator("a.add-newer-claim").click()
    assert page.input_value("#id_value_text") == "Snapdragon 8+ Gen 1"
    confirm_claim_of_newer(page)
    page.wait_for_url(device_admin(base))
    assert "Claim added" in page.content()

    # The main camera's sensor, in the blank row of the device's claims.
    row = page.locator("#id_spec_claims-INITIAL_FORMS").input_value()
    prefix = f"id_spec_claims-{row}"
    pick_autocomplete(page, f"{prefix}-field", "Camera sensor")
    page.select_option(f"#{prefix}-camera", label="Xiaomi 12S Ultra: Main camera")
    page.type(f"[name='spec_claims-{row}-claimed_value_text']", "Sony IMX989")
    page.select_option(f"#{prefix}-confidence", "confirmed")
    pick_autocomplete(page, f"{prefix}-source", "Xiaomi launch event")
    page.fill(f"#{prefix}-stated_on", "2022-07-04")
    submit(page, "input[name=_continue]")
    assert "was changed successfully" in page.content()

    # The old claims are still there, read-only.
    claims = SpecClaim.objects.filter(device__slug="xiaomi-12s-ultra")
    assert claims.filter(value_text="Snapdragon 8+ Gen 1").count() == 2

    story = Article.objects.get(slug=LAUNCH_STORY_SLUG)
    page.goto(base + story.get_absolute_url())
    specs = page.locator(".embed--specs").inner_text()
    assert "Snapdragon 8+ Gen 1" in specs and "Confirmed" in specs
    cameras = page.locator(".embed--cameras").inner_text()
    assert "Sony IMX989" in cameras and "Confirmed" in cameras

    page.goto(f"{base}/devices/xiaomi-12s-ultra/")
    device_page = page.locator("main").inner_text()
    assert "Sony IMX989" in device_page
    assert "1 other claim" in device_page  # the expected chipset, beneath

    page.goto(f"{base}/devices/xiaomi-12s-ultra/history/")
    history = page.locator(".history-table").inner_text()
    assert "Confirmed (was expected)" in history
    assert "Main camera sensor" in history and "Sony IMX989" in history
    assert "28 Jun 2022" in history  # the pre-launch claims stay

    response = page.request.get(f"{base}/devices/xiaomi-12s-ultra/history/feed/")
    feed = feedparser.parse(response.body())
    titles = [entry.title for entry in feed.entries]
    assert "Xiaomi 12S Ultra · Chipset confirmed: Snapdragon 8+ Gen 1" in titles
    assert "Xiaomi 12S Ultra · Main camera sensor: Sony IMX989 (confirmed)" in titles
    assert "Xiaomi 12S Ultra · Chipset: Snapdragon 8+ Gen 1 (expected)" in titles


def test_an_editor_withdraws_a_claim_and_a_contributor_cannot(browser, demo):
    base = demo
    account("chief", "Editors")
    account("writer", "Contributors")

    editor = browser.new_context().new_page()
    sign_in(editor, base, "writer")
    editor.goto(device_admin(base))
    assert editor.locator("a.withdraw-claim").count() == 0
    claim = SpecClaim.objects.get(
        device__slug="xiaomi-12s-ultra", field__slug="screen-size"
    )
    response = editor.goto(f"{base}/admin/devices/specclaim/{claim.pk}/withdraw/")
    assert response.status == 403
    editor.context.close()

    page = browser.new_context().new_page()
    sign_in(page, base, "chief")
    page.goto(device_admin(base))
    row = page.locator("tr", has_text="Display: Screen size").first
    row.locator("a.withdraw-claim").click()
    submit(page, "input[type=submit][value='Withdraw the claim']")
    page.wait_for_url(device_admin(base))
    row = page.locator("tr", has_text="Display: Screen size").first
    assert "Withdrawn by chief" in row.inner_text()

    page.goto(f"{base}/devices/xiaomi-12s-ultra/")
    assert "Screen size" not in page.locator(".spec-table").inner_text()
    page.goto(f"{base}/devices/xiaomi-12s-ultra/history/")
    history = page.locator(".history-table").inner_text()
    assert "Withdrawn" in history and "6.6 in" in history
    page.context.close()


def open_twice(browser, base, url):
    pages = []
    for username in ("first", "second"):
        page = browser.new_context().new_page()
        sign_in(page, base, username)
        page.goto(url)
        pages.append(page)
    return pages


@pytest.mark.parametrize("record", ["story", "device"])
def test_second_save_is_refused_with_the_other_change_shown(browser, demo, record):
    base = demo
    account("first", "Editors")
    account("second", "Editors")
    if record == "story":
        # A story without embeds: how a browser's line breaks affect embeds
        # is tested on its own.
        story = Article.objects.get(slug="xiaomi-and-leica-announce-camera-partnership")
        url = f"{base}/admin/newsroom/article/{story.pk}/change/"
        theirs, mine = "#id_dek", "#id_title"
    else:
        url = device_admin(base)
        theirs, mine = "#id_summary", "#id_series"
    first, second = open_twice(browser, base, url)

    first.fill(theirs, "")
    first.type(theirs, "Their sharper standfirst")
    submit(first, "input[name=_continue]")
    assert "was changed successfully" in first.content()

    second.fill(mine, "")
    second.type(mine, "My own words")
    submit(second, "input[name=_continue]")
    page = second.content()
    assert "saved this" in page and "after you opened it" in page
    panel = second.locator(".stale-changes").inner_text()
    assert "Their sharper standfirst" in panel
    # What I typed is still in the form.
    assert second.input_value(mine) == "My own words"

    # Saving again as it is changes nothing: overwriting is a choice.
    submit(second, "input[name=_continue]")
    assert second.locator(".stale-changes").count() == 1
    second.check("#id_save_anyway")
    submit(second, "input[name=_continue]")
    assert "was changed successfully" in second.content()
    assert second.input_value(mine) == "My own words"
    for page in (first, second):
        page.context.close()
