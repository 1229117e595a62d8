"""The compare picker at any catalogue size: a few names in each page,
suggestions as the reader types (/devices/suggest.json), and "Did you mean"
for a name typed wrong without JavaScript."""

import datetime as dt
import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import html as lxml_html

from devices import picker
from devices.models import Device, DeviceAlias
from tests.devices.factories import BrandFactory, DeviceFactory

pytestmark = pytest.mark.django_db

SUGGEST = "/devices/suggest.json"


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


def suggest(client, q, **extra):
    response = client.get(SUGGEST, {"q": q}, **extra)
    assert response.status_code == 200, q
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


def names(answer):
    return [result["name"] for result in answer["results"]]


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
    assert picker.SUGGESTED == 10


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


def test_the_form_says_where_suggestions_come_from(client, phones):
    doc = lxml_html.fromstring(client.get("/compare/").content)
    (form,) = doc.xpath("//form[@data-compare-picker]")
    assert form.get("data-suggest-url") == SUGGEST
    hint = " ".join(form.xpath("string(.//p[@class='meta'])").split())
    assert hint == "Type two to four device names; suggestions appear as you type."


# ---------------------------------------------------------------------------
# /devices/suggest.json
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        # A part of the name, in any case.
        ("x80", ["Vivo X80 Pro"]),
        # Word by word: brand and series count, order does not.
        ("ultra xiaomi", ["Xiaomi 11 Ultra", "Xiaomi 12S Ultra"]),
        ("12S", ["Xiaomi 12S Pro", "Xiaomi 12S Ultra"]),
        # Another name and a leaked name.
        ("mi 11 ultra", ["Xiaomi 11 Ultra"]),
        ("tho", ["Xiaomi 12S Ultra"]),
        ("Pixel", []),
    ],
)
def test_suggestions_by_name_alias_or_leaked_name(client, phones, typed, expected):
    answer = suggest(client, typed)
    assert answer["query"] == typed
    assert names(answer) == expected


def test_each_suggestion_says_what_else_it_goes_by(client, phones):
    (found,) = suggest(client, "thor")["results"]
    assert found == {
        "name": "Xiaomi 12S Ultra",
        "slug": "xiaomi-12s-ultra",
        # Browsers show an option only when every typed word is in its value
        # or its label: the leaked name must be in the label.
        "label": "Xiaomi 12S series · Thor",
        "url": "/devices/xiaomi-12s-ultra/",
    }
    (plain,) = suggest(client, "x80")["results"]
    assert plain["label"] == ""


def test_the_closest_names_come_first(client, phones):
    DeviceFactory(name="Ultra Gadget", slug="ultra-gadget")
    DeviceFactory(name="Ultra", slug="ultra")
    assert names(suggest(client, "ultra"))[:2] == ["Ultra", "Ultra Gadget"]


def test_at_most_the_bound_whatever_the_catalogue(client, phones):
    catalogue(300)
    answer = suggest(client, "other phone")
    assert len(answer["results"]) == picker.SUGGESTED
    assert names(answer)[:2] == ["Other phone 0", "Other phone 1"]


def test_suggestions_cost_the_same_queries_at_any_size(
    client, phones, django_assert_max_num_queries
):
    # The matching devices and their aliases; on a cold page cache, when the
    # next scheduled change is.
    with django_assert_max_num_queries(3):
        suggest(client, "xiaomi")
    catalogue(300)
    with django_assert_max_num_queries(3):
        suggest(client, "phone")


@pytest.mark.parametrize(
    "typed",
    [
        "",
        " ",
        "x" * 10_000,
        "xiaomi " * 2_000,
        "12S\x00Ultra",
        "\x00",
        "<script>alert(1)</script>",
        '"><img src=x onerror=alert(1)>',
        "%",
        "_",
        "\\",
        "'; DROP TABLE devices_device; --",
        "\u202e\u200b",
        "Ünïcödé 📱",
    ],
)
def test_hostile_text_gets_valid_json(client, phones, typed):
    answer = suggest(client, typed)
    assert len(answer["query"]) <= picker.MAX_TYPED
    assert len(answer["results"]) <= picker.SUGGESTED


@pytest.mark.parametrize(
    "query",
    ["q=%ED%A0%80", "q=%FF%FE", "q=%00", "q=a&q=b", "q", "q[]=x", "Q=x&q=%C0%AF"],
)
def test_hostile_bytes_get_valid_json(client, phones, query):
    response = client.get(f"{SUGGEST}?{query}")
    assert response.status_code == 200, query
    answer = json.loads(response.content)
    assert set(answer) == {"query", "results"}


def test_no_query_at_all_is_an_empty_answer(client, phones):
    response = client.get(SUGGEST)
    assert response.status_code == 200
    assert json.loads(response.content) == {"query": "", "results": []}


def test_a_percent_sign_is_no_wildcard(client, phones):
    assert names(suggest(client, "%")) == []
    assert names(suggest(client, "x_0")) == []


@pytest.mark.parametrize(
    ("method", "status"),
    [("HEAD", 200), ("OPTIONS", 200), ("POST", 405), ("PUT", 405), ("DELETE", 405)],
)
def test_it_only_reads(client, phones, method, status):
    response = client.generic(method, f"{SUGGEST}?q=xiaomi")
    assert response.status_code == status
    if method != "POST" and status == 200:
        assert response.content == b""
    if status == 405 or method == "OPTIONS":
        assert set(response["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}


def test_readers_get_it_from_the_page_cache(client, phones):
    first = client.get(SUGGEST, {"q": "xiaomi"})
    with CaptureQueriesContext(connection) as queries:
        again = client.get(SUGGEST, {"q": "xiaomi"})
    assert len(queries) == 0
    assert again.content == first.content
    assert again["Content-Type"] == "application/json"
    assert again["ETag"] == first["ETag"]
    assert (
        client.get(
            SUGGEST, {"q": "xiaomi"}, HTTP_IF_NONE_MATCH=first["ETag"]
        ).status_code
        == 304
    )


def test_it_is_compressed_for_readers(client, phones):
    catalogue(20)
    response = client.get(SUGGEST, {"q": "other"}, HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"


# ---------------------------------------------------------------------------
# Without JavaScript: "Did you mean"
# ---------------------------------------------------------------------------


def pick(client, *typed, status=400):
    response = client.get("/compare/", {"device": list(typed)})
    assert response.status_code == status
    return response


def alert(response):
    doc = lxml_html.fromstring(response.content)
    (notice,) = doc.xpath("//form[@data-compare-picker]//*[@role='alert']")
    return notice


def test_a_partial_name_is_answered_with_the_closest_devices(client, phones):
    notice = alert(pick(client, "Xiaomi 11 Ultra", "12S Ultra"))
    text = " ".join(notice.text_content().split())
    assert text.startswith("No device goes by “12S Ultra”. Did you mean:")
    choices = notice.xpath(".//a")
    assert [a.text_content() for a in choices] == ["Xiaomi 12S Ultra", "Xiaomi 12S Pro"]
    # Each choice is the same pick with that device in place of the words.
    follow = client.get(choices[0].get("href"))
    assert follow.status_code == 302
    assert follow["Location"] == "/compare/xiaomi-11-ultra-vs-xiaomi-12s-ultra/"


def test_a_name_with_a_typo_still_finds_what_was_meant(client, phones):
    notice = alert(pick(client, "vivo-x80-pro", "Xiaomi 12S Ulta"))
    choices = [a.text_content() for a in notice.xpath(".//a")]
    assert choices[:2] == ["Xiaomi 12S Ultra", "Xiaomi 12S Pro"]


def test_a_leaked_name_typed_in_part_is_found(client, phones):
    notice = alert(pick(client, "Thor 5G", "Vivo X80 Pro"))
    choices = [a.text_content() for a in notice.xpath(".//a")]
    assert choices[0] == "Xiaomi 12S Ultra"


def test_a_device_already_picked_is_not_offered_again(client, phones):
    notice = alert(pick(client, "Xiaomi 12S Ultra", "12S"))
    assert [a.text_content() for a in notice.xpath(".//a")] == ["Xiaomi 12S Pro"]


def test_a_name_several_devices_go_by_lists_them(client, phones):
    DeviceAlias.objects.create(device=phones["sibling"], name="Mi 12S")
    DeviceAlias.objects.create(device=phones["leaked"], name="Mi 12S")
    notice = alert(pick(client, "mi 12s", "Vivo X80 Pro"))
    assert "Several devices go by “mi 12s”." in notice.text_content()
    assert [a.text_content() for a in notice.xpath(".//a")] == [
        "Xiaomi 12S Pro",
        "Xiaomi 12S Ultra",
    ]


def test_nothing_close_says_only_that(client, phones):
    notice = alert(pick(client, "Pixel 99", "Vivo X80 Pro"))
    assert " ".join(notice.text_content().split()) == "No device goes by “Pixel 99”."
    assert notice.xpath(".//a") == []


def test_the_closest_devices_fill_the_boxes_suggestions(client, phones):
    doc = lxml_html.fromstring(pick(client, "Xiaomi 11 Ultra", "12S Ultra").content)
    offered = datalist(doc, "compare-picker-heading-device-1")
    assert offered == ["Xiaomi 12S Ultra", "Xiaomi 12S Pro"]


def test_did_you_mean_is_bounded_and_costs_the_same_queries(
    client, phones, django_assert_max_num_queries
):
    catalogue(300)
    with django_assert_max_num_queries(12):
        notice = alert(pick(client, "Xiaomi 11 Ultra", "phone"))
    assert len(notice.xpath(".//a")) == picker.CLOSEST


def test_markup_typed_is_shown_as_text(client, phones):
    response = pick(client, "<b>x80</b>", "Xiaomi 12S Ultra")
    assert b"<b>x80</b>" not in response.content
    assert "No device goes by “<b>x80</b>”." in alert(response).text_content()
