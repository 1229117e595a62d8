"""The stale-form check on every record with revisions, in the admin."""

import pytest

from tests.devices.factories import (
    BrandFactory,
    DeviceFactory,
    LaunchEventFactory,
    PartnershipFactory,
    SourceFactory,
)
from tests.factories import AuthorFactory, SectionFactory, TagFactory, UserFactory
from tests.newsroom.admin.helpers import form_data, post_edited

pytestmark = pytest.mark.django_db

# admin address, factory, a text field both editors change
RECORDS = {
    "device": ("devices/device", DeviceFactory, "summary"),
    "brand": ("devices/brand", BrandFactory, "name"),
    "partnership": ("devices/partnership", PartnershipFactory, "announced_on"),
    "source": ("devices/source", SourceFactory, "name"),
    "launch event": ("devices/launchevent", LaunchEventFactory, "description"),
    "author": ("newsroom/author", AuthorFactory, "bio"),
    "section": ("newsroom/section", SectionFactory, "name"),
    "tag": ("newsroom/tag", TagFactory, "name"),
}
VALUES = {"announced_on": ("2022-05-24", "2022-05-25")}


@pytest.fixture
def editors():
    first = UserFactory(role="Editors", first_name="Ada", last_name="First")
    second = UserFactory(role="Editors", first_name="Bo", last_name="Second")
    return first, second


@pytest.mark.parametrize("kind", RECORDS)
def test_a_stale_save_is_refused_shows_their_change_and_can_be_forced(
    client, editors, kind
):
    path, factory, field = RECORDS[kind]
    theirs, mine = VALUES.get(field, ("Their careful words", "My own words"))
    record = factory()
    url = f"/admin/{path}/{record.pk}/change/"
    first, second = editors
    client.force_login(first)
    # A first revision, then both open the form.
    assert post_edited(client, url).status_code == 302
    opened = client.get(url)

    other = type(client)()
    other.force_login(second)
    assert post_edited(other, url, **{field: theirs}).status_code == 302

    refused = client.post(url, form_data(opened, **{field: mine}))
    assert refused.status_code == 200
    page = refused.content.decode()
    assert f"Bo Second saved this {kind}" in page
    assert "What Bo Second changed since you opened this page" in page
    assert theirs.split("-")[-1] in page.split('class="stale-changes"')[1]
    assert refused.context["adminform"].form[field].value() == mine
    record.refresh_from_db()
    assert str(getattr(record, field)) == theirs

    # The same form sent again is refused again; ticking the box replaces.
    again = client.post(url, form_data(refused))
    assert again.status_code == 200
    forced = client.post(url, form_data(again, save_anyway="on"))
    assert forced.status_code == 302
    record.refresh_from_db()
    assert str(getattr(record, field)) == mine


def test_the_box_only_appears_with_a_refusal(client, editors):
    client.force_login(editors[0])
    device = DeviceFactory()
    html = client.get(f"/admin/devices/device/{device.pk}/change/").content.decode()
    assert 'name="edited_version"' in html
    assert 'name="save_anyway"' not in html


def test_forcing_counts_only_for_the_version_that_was_shown(client, editors):
    first, second = editors
    device = DeviceFactory()
    url = f"/admin/devices/device/{device.pk}/change/"
    client.force_login(first)
    opened = client.get(url)
    other = type(client)()
    other.force_login(second)
    post_edited(other, url, summary="Theirs.")
    refused = client.post(url, form_data(opened, summary="Mine."))
    # They save once more while the refusal is on screen.
    post_edited(other, url, summary="Theirs, again.")
    late = client.post(url, form_data(refused, save_anyway="on"))
    assert late.status_code == 200
    device.refresh_from_db()
    assert device.summary == "Theirs, again."
