"""An editor finds a venue's time zone by typing part of its name."""

import datetime as dt

import pytest

from tests.devices.factories import LaunchEventFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a long enough password for the editor"


@pytest.fixture
def signed_in_editor(page, live_server):
    editor = UserFactory(role="Editors")
    editor.set_password(PASSWORD)
    editor.save()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", editor.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    return page


def test_editor_types_a_time_zone_and_the_event_page_uses_it(
    signed_in_editor, live_server
):
    page = signed_in_editor
    event = LaunchEventFactory(
        title="Berlin launch",
        slug="berlin-launch",
        start_date=dt.date(2031, 9, 4),
        start_time=dt.time(19, 30),
        time_zone="Asia/Shanghai",
    )
    page.goto(f"{live_server.url}/admin/devices/launchevent/{event.pk}/change/")
    zone = page.locator("#id_time_zone")
    suggestions = page.locator(f"datalist#{zone.get_attribute('list')} option")
    assert suggestions.count() > 400
    assert page.locator("datalist option[value='Europe/Berlin']").count() == 1

    zone.fill("")
    zone.press_sequentially("Europe/Berlin")
    page.click("input[name=_save]")
    page.wait_for_url(f"{live_server.url}/admin/devices/launchevent/")

    page.goto(live_server.url + event.get_absolute_url())
    when = page.locator(".event-card__when, .event-when").first.inner_text()
    assert "Europe/Berlin" in when
    assert "19:30" in when
    assert "17:30 UTC" in when  # Berlin is UTC+2 in September


def test_a_misspelt_time_zone_is_refused_with_a_message(signed_in_editor, live_server):
    page = signed_in_editor
    event = LaunchEventFactory(time_zone="Asia/Shanghai")
    page.goto(f"{live_server.url}/admin/devices/launchevent/{event.pk}/change/")
    zone = page.locator("#id_time_zone")
    zone.fill("")
    zone.press_sequentially("Europe/Berlinn")
    page.click("input[name=_save]")
    assert "Select a valid choice" in page.locator(".field-time_zone").inner_text()
    event.refresh_from_db()
    assert str(event.time_zone) == "Asia/Shanghai"
