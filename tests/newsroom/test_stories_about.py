""" "Stories about X" is one rule: a brand's page, feed and sitemap entry agree.

A brand's stories include those about devices carrying its optics (Leica
cameras on a Xiaomi phone), not only those about its own devices.
"""

import datetime as dt
import xml.etree.ElementTree as ET

import feedparser
import pytest

from devices.models import Device
from newsroom.models import Article
from tests.devices.factories import (
    BrandFactory,
    CameraFactory,
    DeviceFactory,
    LaunchEventFactory,
)
from tests.factories import ArticleFactory
from tests.public import NOW, SITE

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("public_site")]

SITEMAP = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def leica(clock):
    leica = BrandFactory(name="Leica", slug="leica")
    xiaomi = BrandFactory(name="Xiaomi", slug="xiaomi")
    own = DeviceFactory(brand=leica, name="Leica Leitz Phone 2", slug="leitz-2")
    ultra = DeviceFactory(brand=xiaomi, name="Xiaomi 12S Ultra", slug="12s-ultra")
    CameraFactory(device=ultra, optics_partner=leica)
    # Device pages changed long ago: only the stories move the sitemap entry.
    Device.objects.update(updated_at=NOW - dt.timedelta(days=30))

    optics = ArticleFactory(
        title="Leica optics on the 12S Ultra", published_at=NOW - dt.timedelta(days=1)
    )
    optics.devices.add(ultra)
    phone = ArticleFactory(
        title="The Leitz Phone 2 reviewed", published_at=NOW - dt.timedelta(days=3)
    )
    phone.devices.add(own)
    event = ArticleFactory(
        title="Leica's spring launch", published_at=NOW - dt.timedelta(days=5)
    )
    event.launch_events.add(LaunchEventFactory(brand=leica))
    # Neither about Leica nor public: on none of the three.
    ArticleFactory(title="Xiaomi's own news", published_at=NOW).devices.add(
        DeviceFactory(brand=xiaomi, slug="12s")
    )
    ArticleFactory(title="Leica draft", status="draft").devices.add(ultra)
    return [optics, phone, event]


def test_brand_page_feed_and_sitemap_list_the_same_stories(client, leica):
    expected = [story.title for story in leica]

    page = client.get("/brands/leica/")
    assert [story.title for story in page.context["stories"]] == expected

    for feed_address in ("/brands/leica/feed/", "/brands/leica/feed/atom/"):
        feed = feedparser.parse(client.get(feed_address).content)
        assert not feed.bozo
        assert [entry.title for entry in feed.entries] == expected

    sitemap = ET.fromstring(client.get("/sitemap-brands.xml").content)
    entries = {
        url.findtext("sm:loc", namespaces=SITEMAP): url.findtext(
            "sm:lastmod", namespaces=SITEMAP
        )
        for url in sitemap.iterfind("sm:url", SITEMAP)
    }
    # The entry is as new as the newest of those stories (a day ago), not as
    # the newest story of the site (today) or the devices (a month ago).
    newest = leica[0].published_at
    assert entries[f"{SITE}/brands/leica/"] == f"{newest:%Y-%m-%d}"


def test_a_brand_with_no_stories_keeps_its_devices_date(client, clock):
    quiet = BrandFactory(name="Quiet", slug="quiet")
    DeviceFactory(brand=quiet, slug="q1")
    Device.objects.update(updated_at=NOW - dt.timedelta(days=2))

    assert client.get("/brands/quiet/").context["stories"].exists() is False
    assert feedparser.parse(client.get("/brands/quiet/feed/").content).entries == []
    sitemap = client.get("/sitemap-brands.xml").content.decode()
    assert f"<lastmod>{NOW - dt.timedelta(days=2):%Y-%m-%d}" in sitemap


def test_a_device_page_and_feed_list_its_newest_public_stories(client, clock):
    phone = DeviceFactory(name="Xiaomi 12S Ultra", slug="12s-ultra")
    ages = [3, 1, 2]  # written in this order, shown newest first
    for age in ages:
        ArticleFactory(
            title=f"{age} days old", published_at=NOW - dt.timedelta(days=age)
        )
    ArticleFactory(title="A draft", status="draft")
    ArticleFactory(title="Tomorrow's", published_at=NOW + dt.timedelta(days=1))
    for story in Article.objects.all():
        story.devices.add(phone)
    expected = ["1 days old", "2 days old", "3 days old"]

    page = client.get("/devices/12s-ultra/")
    assert [story.title for story in page.context["stories"]] == expected
    feed = feedparser.parse(client.get("/devices/12s-ultra/feed/").content)
    assert [entry.title for entry in feed.entries] == expected


def test_a_device_page_weighs_the_200_stories_last_written_about_it(client, clock):
    phone = DeviceFactory(name="Xiaomi 12S Ultra", slug="12s-ultra")
    # Written first, published only now: the newest to go live, but 200
    # stories written about the phone since then come before it.
    late = ArticleFactory(title="Held back", published_at=NOW)
    late.devices.add(phone)
    for n in range(200):
        ArticleFactory(
            title=f"Story {n}", published_at=NOW - dt.timedelta(hours=1, minutes=n)
        ).devices.add(phone)

    titles = [
        story.title for story in client.get("/devices/12s-ultra/").context["stories"]
    ]
    assert titles[0] == "Story 0"
    assert "Held back" not in titles
