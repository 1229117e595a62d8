import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from tests.devices.factories import BrandFactory, DeviceFactory, LaunchEventFactory
from tests.public import SITE

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("public_site")]

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def entries(client, url):
    response = client.get(url)
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {
        entry.findtext("sm:loc", namespaces=NS): entry.findtext(
            "sm:lastmod", namespaces=NS
        )
        for entry in root.iterfind("sm:url", NS)
    }


def test_devices_brands_and_launches_are_listed(client, clock):
    xiaomi = BrandFactory(slug="xiaomi")
    DeviceFactory(brand=xiaomi, slug="12s-ultra")
    LaunchEventFactory(brand=xiaomi, slug="launch")
    BrandFactory(slug="leica")
    today = "2026-03-10"
    assert entries(client, "/sitemap-devices.xml") == {
        f"{SITE}/devices/12s-ultra/": today
    }
    assert entries(client, "/sitemap-launches.xml") == {
        f"{SITE}/launches/launch/": today
    }
    # A brand without devices yet has a page, but nothing to date it by.
    assert entries(client, "/sitemap-brands.xml") == {
        f"{SITE}/brands/xiaomi/": today,
        f"{SITE}/brands/leica/": None,
    }


def test_a_changed_device_gets_a_new_lastmod(client, clock):
    device = DeviceFactory(slug="12s-ultra")
    clock.shift(dt.timedelta(days=2))
    device.summary = "Confirmed."
    device.save()
    assert entries(client, "/sitemap-devices.xml") == {
        f"{SITE}/devices/12s-ultra/": "2026-03-12"
    }
