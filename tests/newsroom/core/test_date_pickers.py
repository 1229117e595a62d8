"""Every date an editor enters has the browser's picker and names its format."""

import pytest

from tests.devices.factories import LaunchEventFactory

pytestmark = pytest.mark.django_db


def test_the_story_form_has_date_and_time_pickers_with_the_format(client, editor):
    client.force_login(editor)
    page = client.get("/admin/newsroom/article/add/").content.decode()
    assert 'type="date" name="published_at_0"' in page
    assert 'type="time" name="published_at_1"' in page
    assert "Date YYYY-MM-DD, time HH:MM:SS, 24-hour." in page
    assert "Newsroom time (UTC)" in page


def test_a_launch_event_has_pickers_and_a_searchable_zone(client, editor):
    event = LaunchEventFactory()
    client.force_login(editor)
    page = client.get(f"/admin/devices/launchevent/{event.pk}/change/").content
    page = page.decode()
    assert 'type="date" name="start_date"' in page
    assert 'type="time" name="start_time"' in page
    assert 'aria-describedby="id_start_date-format"' in page
    assert '<option value="Asia/Shanghai">' in page


def test_a_date_typed_in_the_old_way_is_still_read(client, editor):
    from tests.newsroom.admin.helpers import form_data

    event = LaunchEventFactory()
    client.force_login(editor)
    url = f"/admin/devices/launchevent/{event.pk}/change/"
    data = form_data(client.get(url), start_date="2031-09-04", start_time="19:30")
    assert client.post(url, data).status_code == 302
    event.refresh_from_db()
    assert str(event.start_date) == "2031-09-04" and str(event.start_time) == "19:30:00"
