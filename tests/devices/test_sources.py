"""Source pages, the score beside each claim, and the source's feed."""

import datetime as dt
import json
import re

import feedparser
import pytest
from django.urls import reverse

from devices import services
from tests.devices.factories import (
    CameraFactory,
    DeviceFactory,
    SourceFactory,
    SpecFieldFactory,
)
from tests.pages import PageHead

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("public_site")]

LEAK, LAUNCH = dt.date(2022, 6, 28), dt.date(2022, 7, 4)
HOSTILE = '<script>alert("x")</script> & ]]> \u202e'


@pytest.fixture
def story(clock):
    """A leaker right about the battery, wrong about the screen, open on the
    chipset; the maker's word on the first two."""
    phone = DeviceFactory(name="Xiaomi 12S Ultra", slug="xiaomi-12s-ultra")
    leaker = SourceFactory(name="Pre-launch reports", slug="pre-launch-reports")
    maker = SourceFactory(name="Xiaomi launch event", slug="launch", kind="official")
    battery = SpecFieldFactory(name="Battery", slug="battery", unit="mAh")
    screen = SpecFieldFactory(
        name="Screen size", slug="screen-size", unit="in", tolerance="0.05"
    )
    chipset = SpecFieldFactory(name="Chipset", slug="chipset", kind="text", unit="")
    for field, rumour, official in (
        (battery, 4860, 4860),
        (screen, 6.6, 6.73),
        (chipset, "Snapdragon 8+ Gen 1", None),
    ):
        services.record_claim(
            device=phone, field=field, value=rumour, source=leaker, stated_on=LEAK
        )
        if official is not None:
            services.record_claim(
                device=phone,
                field=field,
                value=official,
                source=maker,
                stated_on=LAUNCH,
            )
    return phone, leaker, maker


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_source_list_gives_each_score(client, story):
    html = page(client, reverse("devices:source-list"))

    assert "Pre-launch reports" in html
    assert "1 of 2 confirmed: too few settled claims" in html
    assert "Official: its claims settle the others" in html


def test_the_source_page_shows_every_claim_and_how_it_was_settled(client, story):
    phone, leaker, _ = story

    html = page(client, leaker.get_absolute_url())

    assert phone.name in html
    claims = html.split('class="data-table source-claims"')[1]
    # The open claim comes first, then the settled ones with the official word.
    assert claims.index("Still open") < claims.index("Confirmed")
    assert "6.73 in · Xiaomi launch event" in claims
    assert "Contradicted" in claims
    assert "6 days on average" in html


def test_the_source_page_tells_machines_its_score(client, story):
    _, leaker, _ = story
    head = PageHead(client.get(leaker.get_absolute_url()).content.decode())

    [data] = [d for d in head.json_ld if d.get("@id", "").endswith("#source")]

    assert data["name"] == "Pre-launch reports"
    assert "1 of 2 confirmed" in data["description"]
    counts = {
        c["name"]: c["userInteractionCount"] for c in data["interactionStatistic"]
    }
    assert counts == {
        "Claims confirmed": 1,
        "Claims contradicted": 1,
        "Claims still open": 1,
    }


def test_an_unknown_source_is_404(client):
    assert client.get("/sources/nobody/").status_code == 404
    assert client.get("/sources/nobody/feed/").status_code == 404


def test_the_device_page_marks_each_sources_score_and_links_it(client, story):
    phone, leaker, _ = story
    CameraFactory(device=phone, megapixels=50, source=leaker, stated_on=LEAK)

    html = page(client, phone.get_absolute_url())

    mark = rf'<a class="source-mark"\s+href="{leaker.get_absolute_url()}"'
    assert re.search(mark, html)
    assert html.count("1 of 2 confirmed") >= 2  # spec table and camera table


def test_the_feed_gives_each_claim_and_its_settlement(client, story):
    _, leaker, _ = story
    url = reverse("devices:source-feed", kwargs={"slug": leaker.slug})

    parsed = feedparser.parse(client.get(url).content)

    assert not parsed.bozo
    titles = [entry.title for entry in parsed.entries]
    assert "Xiaomi 12S Ultra · Screen size: 6.6 in (contradicted)" in titles
    assert "Xiaomi 12S Ultra · Chipset: Snapdragon 8+ Gen 1 (still open)" in titles
    screen = parsed.entries[
        titles.index("Xiaomi 12S Ultra · Screen size: 6.6 in (contradicted)")
    ]
    assert "Xiaomi launch event gave 6.73 in on 4 July 2022" in screen.summary


def test_a_settlement_is_a_new_item_for_readers(client, story, clock):
    phone, leaker, maker = story
    url = reverse("devices:source-feed", kwargs={"slug": leaker.slug})
    before = {e.id for e in feedparser.parse(client.get(url).content).entries}

    clock.shift(dt.timedelta(days=1))
    services.record_claim(
        device=phone,
        field=SpecFieldFactory(slug="chipset"),
        value="Snapdragon 8+ Gen 1",
        source=maker,
        stated_on=LAUNCH,
    )
    after = feedparser.parse(client.get(url).content)

    assert after.entries[0].title.endswith("(confirmed)")
    assert after.entries[0].id not in before


def test_hostile_text_stays_text_in_every_format(client, story):
    phone, _, _ = story
    hostile = SourceFactory(name=f"Leaker {HOSTILE}", slug="hostile")
    services.record_claim(
        device=phone,
        field=SpecFieldFactory(slug="chipset"),
        value=f"Chip {HOSTILE}",
        source=hostile,
        stated_on=LEAK,
    )
    base = reverse("devices:source-feed", kwargs={"slug": "hostile"})

    for url in (base, base + "atom/"):
        parsed = feedparser.parse(client.get(url).content)
        assert not parsed.bozo, url
        assert "<script>" not in parsed.entries[0].summary
        assert HOSTILE.split(" ")[0][1:7] in parsed.entries[0].title
    data = json.loads(client.get(base.replace("feed/", "feed.json")).content)
    assert data["items"][0]["title"].startswith("Xiaomi 12S Ultra · Chipset: Chip")
    html = page(client, "/sources/hostile/")
    assert "<script>alert" not in html


def test_a_prolific_sources_page_lists_its_devices_a_page_at_a_time(client):
    leaker = SourceFactory(name="Busy tipster", slug="busy-tipster")
    battery = SpecFieldFactory(name="Battery", slug="battery", unit="mAh")
    for number in range(30):
        services.record_claim(
            device=DeviceFactory(name=f"Phone {number:02}", slug=f"phone-{number:02}"),
            field=battery,
            value=5000,
            source=leaker,
            stated_on=LEAK,
        )
    url = leaker.get_absolute_url()

    first = client.get(url).text
    second = client.get(url, {"page": 2}).text
    beyond = client.get(url, {"page": "999"})

    assert "Phone 00" in first and "Phone 24" in first and "Phone 25" not in first
    assert "Phone 25" in second and "Phone 29" in second and "Phone 00" not in second
    assert "More devices" in first and "Previous devices" in second
    # The score counts every claim, not only the page's.
    assert re.search(r"Still open</dt>\s*<dd>\s*30\s*</dd>", first)
    assert beyond.status_code == 200 and "Phone 29" in beyond.text
