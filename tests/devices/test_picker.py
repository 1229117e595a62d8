"""The compare picker at any catalogue size: a few names in each page."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import html as lxml_html

from devices import picker
from devices.models import Device, DeviceAlias
from tests.devices.factories import BrandFactory, DeviceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def phones():
    """One device with no alias, one with another name, one leaked under a
    code name, and two that share a name's words."""
    xiaomi = BrandFactory(name="Xiaomi", slug="xiaomi")
    vivo = BrandFactory(name="Vivo", slug="vivo")
    found = {
        "plain": DeviceFactory(brand=vivo, name="Vivo X80 Pro", slug="vivo-x80-pro"),
        "alias": DeviceFactory(
            brand=xiaomi,
            name="Xiaomi 11 Ultra",
            slug="xiaomi-11-ultra",
            series="Xiaomi 11 series",
        ),
        "leaked": DeviceFactory(
            brand=xiaomi,
            name="Xiaomi 12S Ultra",
            slug="xiaomi-12s-ultra",
            series="Xiaomi 12S series",
        ),
        "sibling": DeviceFactory(
            brand=xiaomi,
            name="Xiaomi 12S Pro",
            slug="xiaomi-12s-pro",
            series="Xiaomi 12S series",
        ),
    }
    DeviceAlias.objects.create(device=found["alias"], name="Mi 11 Ultra")
    DeviceAlias.objects.create(
        device=found["leaked"], name="Thor", kind=DeviceAlias.Kind.LEAKED
    )
    return found


def datalist(doc, box_id):
    (box,) = doc.xpath(f"//input[@id='{box_id}']")
    return doc.xpath(f"//datalist[@id='{box.get('list')}']/option/@value")


def catalogue(count, brand_slug="other-brand"):
    """`count` more devices with nothing in common with the fixtures' phones."""
    brand = BrandFactory(name="Other", slug=brand_slug)
    Device.objects.bulk_create(
        Device(brand=brand, name=f"Other phone {n}", slug=f"{brand_slug}-{n}")
        for n in range(count)
    )


# ---------------------------------------------------------------------------
# The names a page carries
# ---------------------------------------------------------------------------


def test_the_bound_is_pinned():
    # Changing it changes every device page's weight: say so in review.
    assert picker.OFFERED == 8


def test_a_device_page_offers_the_devices_worth_comparing(client, phones):
    doc = lxml_html.fromstring(client.get("/devices/xiaomi-12s-ultra/").content)
    offered = datalist(doc, "device-compare-picker-device-1")
    links = doc.xpath("//section[@aria-labelledby='compare-heading']//ul//a")
    assert offered == [a.text_content().split(" vs ")[1] for a in links]
    assert offered[0] == "Xiaomi 12S Pro"  # same series first
    assert "Vivo X80 Pro" not in offered


def fresh(client, url):
    """The page as rendered now: devices made in bulk send no signal that
    would retire the stored page."""
    cache.clear()
    response = client.get(url)
    assert response.status_code == 200
    return response.content


def test_a_device_page_does_not_grow_with_the_catalogue(client, phones):
    url = "/devices/xiaomi-12s-ultra/"
    before = fresh(client, url)
    catalogue(500)
    assert len(fresh(client, url)) == len(before)
    # Devices worth comparing with it fill the names up to the bound only.
    catalogue(500, brand_slug="xiaomi")
    assert fresh(client, url).count(b"<option") == picker.OFFERED


def test_a_device_page_costs_the_same_queries_with_more_devices(
    client, phones, django_assert_max_num_queries
):
    url = "/devices/xiaomi-12s-ultra/"
    with CaptureQueriesContext(connection) as small:
        fresh(client, url)
    catalogue(500)
    with django_assert_max_num_queries(len(small.captured_queries)):
        fresh(client, url)


def test_a_comparison_offers_devices_like_those_compared(client, phones):
    catalogue(20)
    doc = lxml_html.fromstring(
        client.get("/compare/vivo-x80-pro-vs-xiaomi-12s-ultra/").content
    )
    offered = datalist(doc, "compare-picker-heading-device-1")
    assert offered[0] == "Xiaomi 12S Pro"
    assert set(offered) == {"Xiaomi 12S Pro", "Xiaomi 11 Ultra"}


def test_the_picker_page_offers_the_newest_devices(client, phones):
    catalogue(picker.OFFERED * 2)
    for days, device in enumerate(phones.values()):
        device.announced_on = dt.date(2022, 7, 1) - dt.timedelta(days=days)
        device.save()
    doc = lxml_html.fromstring(client.get("/compare/").content)
    offered = datalist(doc, "compare-picker-heading-device-1")
    assert len(offered) == picker.OFFERED
    assert offered[:4] == [device.name for device in phones.values()]
