"""Editing devices, brands and events: roles, revisions and checked images."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from reversion.models import Version

from devices.models import Device
from tests.devices.factories import (
    BrandFactory,
    CameraFactory,
    DeviceFactory,
    LaunchEventFactory,
    SpecClaimFactory,
    SpecFieldFactory,
)
from tests.factories import ArticleFactory, UserFactory
from tests.newsroom.admin.helpers import ADD, change_url, form_data, post_edited
from tests.pages import squeezed

pytestmark = pytest.mark.django_db


def png(size=(900, 600)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "silver").save(buffer, "PNG")
    return SimpleUploadedFile("phone.png", buffer.getvalue(), "image/png")


def device_url(device):
    return f"/admin/devices/device/{device.pk}/change/"


@pytest.mark.parametrize(
    "url",
    [
        "/admin/devices/device/add/",
        "/admin/devices/brand/add/",
        "/admin/devices/launchevent/add/",
        "/admin/devices/partnership/add/",
        "/admin/devices/source/add/",
    ],
)
def test_contributors_cannot_add_device_records(client, contributor, url):
    client.force_login(contributor)
    assert client.get(url).status_code == 403


def test_contributors_cannot_change_or_delete_devices(client, contributor):
    device = DeviceFactory(name="Xiaomi 12S Ultra")
    client.force_login(contributor)
    response = client.post(device_url(device), {"name": "Renamed"})
    assert response.status_code == 403
    url = f"/admin/devices/device/{device.pk}/delete/"
    assert client.post(url, {"post": "yes"}).status_code == 403
    device.refresh_from_db()
    assert device.name == "Xiaomi 12S Ultra"


def test_contributors_can_read_brands_and_sources_but_not_change_them(
    client, contributor
):
    brand = BrandFactory(name="Leica")
    client.force_login(contributor)
    change = client.get(f"/admin/devices/brand/{brand.pk}/change/")
    assert change.status_code == 200
    assert "Leica" in change.content.decode()
    assert 'name="_save"' not in change.content.decode()  # read-only view
    assert client.get("/admin/devices/source/").status_code == 200
    response = client.post(f"/admin/devices/brand/{brand.pk}/change/", {"name": "X"})
    assert response.status_code == 403
    brand.refresh_from_db()
    assert brand.name == "Leica"


def test_editor_saves_a_device_and_its_revision_keeps_specs_and_cameras(client, editor):
    device = DeviceFactory(name="Xiaomi 12S Ultra")
    SpecClaimFactory(device=device)
    CameraFactory(device=device)
    client.force_login(editor)
    response = post_edited(client, device_url(device), series="12S")
    assert response.status_code == 302
    version = Version.objects.get_for_object(device).get()
    assert version.revision.user == editor
    kept = {v.content_type.model for v in version.revision.version_set.all()}
    assert {"device", "specclaim", "cameramodule"} <= kept


def test_device_revert_brings_back_the_old_name(client, editor):
    device = DeviceFactory(name="Xiaomi 12S Ultra")
    client.force_login(editor)
    post_edited(client, device_url(device))
    post_edited(client, device_url(device), name="Xiaomi 12S Ultra (typo)")
    oldest = Version.objects.get_for_object(device).last()
    url = f"/admin/devices/device/{device.pk}/history/{oldest.pk}/"
    assert client.post(url, form_data(client.get(url))).status_code == 302
    device.refresh_from_db()
    assert device.name == "Xiaomi 12S Ultra"


def test_launch_event_keeps_revisions(client, editor):
    event = LaunchEventFactory(devices=[DeviceFactory()])
    client.force_login(editor)
    url = f"/admin/devices/launchevent/{event.pk}/change/"
    assert post_edited(client, url, venue="Beijing").status_code == 302
    version = Version.objects.get_for_object(event).get()
    assert version.field_dict["venue"] == "Beijing"
    assert (
        client.get(f"/admin/devices/launchevent/{event.pk}/history/").status_code == 200
    )


def test_device_image_is_checked_and_served_as_renditions(client, editor):
    device = DeviceFactory(name="Xiaomi 12S Ultra")
    client.force_login(editor)
    svg = SimpleUploadedFile("phone.jpg", b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    refused = post_edited(client, device_url(device), image=svg, image_alt="The phone")
    assert refused.status_code == 200
    assert "SVG and other formats are not accepted" in refused.content.decode()

    accepted = post_edited(
        client, device_url(device), image=png(), image_alt="The phone"
    )
    assert accepted.status_code == 302
    device = Device.objects.get(pk=device.pk)
    page = squeezed(client.get(device.get_absolute_url()).content.decode())
    assert 'type="image/webp"' in page and "480w" in page
    assert 'width="900" height="600"' in page


def test_brand_logo_is_checked(client, editor):
    brand = BrandFactory(name="Leica")
    client.force_login(editor)
    url = f"/admin/devices/brand/{brand.pk}/change/"
    truncated = SimpleUploadedFile("logo.png", png().read()[:100], "image/png")
    response = post_edited(client, url, logo=truncated)
    assert response.status_code == 200
    assert "truncated or damaged" in response.content.decode()


def test_story_form_explains_every_embed_kind(client, editor):
    client.force_login(editor)
    page = client.get(ADD).content.decode()
    for line in (
        "[[specs DEVICE-SLUG]]",
        "[[cameras DEVICE-SLUG]]",
        "[[event EVENT-SLUG]]",
        "[[compare DEVICE-SLUG DEVICE-SLUG]]",
    ):
        assert line in page


def test_story_revision_keeps_the_devices_it_covers(client, editor):
    device = DeviceFactory(slug="xiaomi-12s-ultra")
    story = ArticleFactory(body="Intro.\n\n[[specs xiaomi-12s-ultra]]\n")
    client.force_login(editor)
    assert post_edited(client, change_url(story)).status_code == 302
    assert list(story.devices.all()) == [device]
    version = Version.objects.get_for_object(story).get()
    kept = {v.content_type.model for v in version.revision.version_set.all()}
    assert "articledevice" in kept


def test_compare_lists_spec_claims_added_never_changed(client, editor):
    device = DeviceFactory(name="Xiaomi 12S Ultra")
    battery = SpecFieldFactory(name="Battery", unit="mAh", kind="number")
    claim = SpecClaimFactory(device=device, field=battery, value_number=4500)
    client.force_login(editor)
    assert post_edited(client, device_url(device)).status_code == 302

    # A forged edit of the saved claim, and the official figure added as a
    # new claim: only the new claim is saved.
    page = client.get(device_url(device))
    data = form_data(page, **{"spec_claims-0-value_number": "4600"})
    data.update(
        {
            "spec_claims-TOTAL_FORMS": 2,
            "spec_claims-1-field": battery.pk,
            "spec_claims-1-claimed_value_number": "4860",
            "spec_claims-1-confidence": "confirmed",
            "spec_claims-1-stated_on": "2022-07-04",
        }
    )
    assert client.post(device_url(device), data).status_code == 302
    newer, older = Version.objects.get_for_object(device)[:2]

    url = f"/admin/devices/device/{device.pk}/history/compare/"
    response = client.get(url, {"from": older.pk, "to": newer.pk})
    assert response.status_code == 200
    claims = response.content.decode().split("<h3>Spec claims</h3>")[1]
    claims = claims.split("</section>")[0]
    assert "Added:</strong> Xiaomi 12S Ultra: Battery = 4860 mAh" in claims
    assert "Changed:" not in claims and "4600" not in claims
    claim.refresh_from_db()
    assert claim.value_number == 4500


def test_device_revisions_need_the_right_to_see_devices(client, editor):
    device = DeviceFactory()
    client.force_login(editor)
    post_edited(client, device_url(device))
    post_edited(client, device_url(device), series="12S")
    newer, older = Version.objects.get_for_object(device)[:2]
    url = f"/admin/devices/device/{device.pk}/history/compare/"
    params = {"from": older.pk, "to": newer.pk}
    assert client.get(url, params).status_code == 200
    client.force_login(UserFactory())  # staff, in no role
    assert client.get(url, params).status_code == 403
