import datetime as dt

import pytest
from django.core.management import call_command

from devices.models import Device, LaunchEvent
from newsroom.models import Article, ArticleDevice
from tests.devices.factories import (
    BrandFactory,
    DeviceFactory,
    LaunchEventFactory,
    SpecFieldFactory,
)
from tests.newsroom.admin.test_site import article_form

pytestmark = pytest.mark.django_db


def inline(prefix, rows=()):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data |= {f"{prefix}-{index}-{name}": value for name, value in row.items()}
    return data


class TestArticleEmbeds:
    def test_unknown_slug_is_a_form_error_that_names_it(self, admin_client):
        DeviceFactory(slug="xiaomi-12s-ultra")
        body = "Intro.\n\n[[specs xiaomi-12s-ultra]]\n\n[[specs xiaomi-13-ultra]]\n"
        response = admin_client.post(
            "/admin/newsroom/article/add/", article_form(body=body)
        )
        assert response.status_code == 200
        assert (
            "No device has the slug “xiaomi-13-ultra”."
            in (response.context["adminform"].form.errors["body"])
        )
        assert not Article.objects.exists()
        # What the editor typed is kept in the form.
        assert "xiaomi-13-ultra" in response.content.decode()

    def test_hostile_embed_line_is_refused_with_a_message(self, admin_client):
        response = admin_client.post(
            "/admin/newsroom/article/add/",
            article_form(body="[[specs <script>alert(1)</script>]]"),
        )
        assert response.status_code == 200
        errors = response.context["adminform"].form.errors["body"]
        assert "is not a slug" in errors[0]
        assert "<script>alert" not in response.content.decode()

    def test_saving_links_embedded_devices_and_keeps_manual_ones(self, admin_client):
        ultra = DeviceFactory(slug="xiaomi-12s-ultra")
        by_hand = DeviceFactory(slug="xiaomi-12s")
        event = LaunchEventFactory(slug="xiaomi-12s-launch")
        data = article_form(
            body="[[specs xiaomi-12s-ultra]]\n\n[[event xiaomi-12s-launch]]\n"
        ) | inline("device_links", [{"device": by_hand.pk}])
        response = admin_client.post("/admin/newsroom/article/add/", data)
        assert response.status_code == 302
        story = Article.objects.get()
        assert set(story.devices.all()) == {ultra, by_hand}
        assert list(story.launch_events.all()) == [event]
        assert ArticleDevice.objects.get(device=ultra).from_embed
        assert not ArticleDevice.objects.get(device=by_hand).from_embed

    def test_article_form_offers_device_autocomplete(self, admin_client):
        html = admin_client.get("/admin/newsroom/article/add/").content.decode()
        assert "Devices in this story" in html or "devices in this story" in html
        response = admin_client.get(
            "/admin/autocomplete/",
            {
                "app_label": "newsroom",
                "model_name": "articledevice",
                "field_name": "device",
                "term": "12S",
            },
        )
        assert response.status_code == 200


class TestDeviceAdmin:
    def test_add_a_device_with_a_spec_claim_and_a_camera(self, admin_client):
        brand = BrandFactory(slug="xiaomi")
        field = SpecFieldFactory(slug="main-camera")
        data = {
            "brand": brand.pk,
            "name": "Xiaomi 12S Ultra",
            "slug": "xiaomi-12s-ultra",
            "series": "",
            "status": "rumoured",
            "summary": "",
            "announced_on": "",
            "released_on": "",
            "image_alt": "",
            **inline("aliases", [{"name": "12 Ultra", "kind": "leaked"}]),
            **inline(
                "spec_claims",
                [
                    {
                        "field": field.pk,
                        "claimed_value_number": "50",
                        "confidence": "expected",
                        "stated_on": "2022-06-28",
                    }
                ],
            ),
            **inline(
                "cameras",
                [{"role": "unknown", "confidence": "rumoured", "position": "3"}],
            ),
        }
        response = admin_client.post("/admin/devices/device/add/", data)
        assert response.status_code == 302, response.context["errors"]
        device = Device.objects.get(slug="xiaomi-12s-ultra")
        assert device.spec_claims.get().display_value == "50 MP"
        assert device.cameras.get().megapixels_display == "Unknown"
        assert device.aliases.get().name == "12 Ultra"

    def test_changelist_filters_by_brand_and_status(self, admin_client):
        DeviceFactory(name="Kept", status="released")
        DeviceFactory(name="Filtered out", status="rumoured")
        html = admin_client.get(
            "/admin/devices/device/", {"status__exact": "released"}
        ).content.decode()
        assert "Kept" in html and "Filtered out" not in html

    def test_changelist_shows_and_searches_slugs_for_embeds(self, admin_client):
        DeviceFactory(name="Xiaomi 12S Ultra", slug="xiaomi-12s-ultra")
        DeviceFactory(name="Xiaomi 11 Ultra", slug="xiaomi-11-ultra")
        html = admin_client.get(
            "/admin/devices/device/", {"q": "12s-ultra"}
        ).content.decode()
        assert '<td class="field-slug">xiaomi-12s-ultra</td>' in html
        assert "xiaomi-11-ultra" not in html
        event = LaunchEventFactory(slug="xiaomi-12s-launch")
        html = admin_client.get("/admin/devices/launchevent/").content.decode()
        assert f'<td class="field-slug">{event.slug}</td>' in html


class TestEventAdmin:
    def test_moving_an_event_bumps_its_sequence(self, admin_client):
        event = LaunchEventFactory(slug="xiaomi-12s-launch")
        device = DeviceFactory()
        data = {
            "brand": event.brand.pk,
            "title": event.title,
            "slug": event.slug,
            "description": "",
            "devices": [device.pk],
            "start_date": "2022-07-05",
            "start_time": "",
            "duration": "",
            "time_zone": "Asia/Shanghai",
            "venue": "",
            "status": "scheduled",
            "announcement_url": "",
            "livestream_url": "",
            "edited_version": event.version,
        }
        response = admin_client.post(
            f"/admin/devices/launchevent/{event.pk}/change/", data
        )
        assert response.status_code == 302
        event.refresh_from_db()
        assert event.sequence == 1
        assert event.previous_start_date == dt.date(2022, 7, 4)
        assert event.status == LaunchEvent.Status.POSTPONED
        assert list(event.devices.all()) == [device]

    def test_bad_time_zone_is_a_form_error(self, admin_client):
        event = LaunchEventFactory()
        response = admin_client.post(
            f"/admin/devices/launchevent/{event.pk}/change/",
            {
                "brand": event.brand.pk,
                "title": event.title,
                "slug": event.slug,
                "start_date": "2022-07-04",
                "time_zone": "Nowhere/Land",
                "status": "scheduled",
            },
        )
        assert response.status_code == 200
        assert "time_zone" in response.context["adminform"].form.errors


def test_demo_contributor_can_link_devices_to_a_story(client, settings):
    call_command("load_demo")
    assert client.login(
        username="contributor", password=settings.DEMO_CONTRIBUTOR_PASSWORD
    )
    page = client.get("/admin/newsroom/article/add/").content.decode()
    assert "devices in this story" in page.lower()
    response = client.get(
        "/admin/autocomplete/",
        {
            "app_label": "newsroom",
            "model_name": "articledevice",
            "field_name": "device",
            "term": "12S Ultra",
        },
    )
    assert [r["text"] for r in response.json()["results"]] == ["Xiaomi 12S Ultra"]
    # Contributors cannot edit the device records themselves.
    assert client.get("/admin/devices/device/add/").status_code == 403
