"""The device finder: filters in the address, ranges over the
best-supported claim, confirmed-only values, malformed parameters noted."""

import datetime as dt

import pytest
from lxml import html as lxml_html

from devices.confidence import Confidence
from devices.services import withdraw_claim
from tests.devices.factories import (
    BrandFactory,
    CameraFactory,
    DeviceFactory,
    SpecClaimFactory,
    SpecFieldFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    xiaomi = BrandFactory(name="Xiaomi", slug="xiaomi")
    vivo = BrandFactory(name="Vivo", slug="vivo")
    leica = BrandFactory(name="Leica", slug="leica")
    zeiss = BrandFactory(name="Zeiss", slug="zeiss")
    ultra = DeviceFactory(
        brand=xiaomi,
        name="Xiaomi 12S Ultra",
        slug="xiaomi-12s-ultra",
        status="announced",
        announced_on=dt.date(2022, 7, 4),
    )
    pro = DeviceFactory(
        brand=xiaomi,
        name="Xiaomi 12S Pro",
        slug="xiaomi-12s-pro",
        status="announced",
        announced_on=dt.date(2022, 7, 4),
    )
    x80 = DeviceFactory(
        brand=vivo,
        name="Vivo X80 Pro",
        slug="vivo-x80-pro",
        status="released",
        announced_on=dt.date(2022, 4, 25),
    )
    # Rumoured, with no specs, cameras or dates.
    DeviceFactory(brand=xiaomi, name="Xiaomi 13 Ultra", slug="xiaomi-13-ultra")
    CameraFactory(device=ultra, role="main", megapixels=50, optics_partner=leica)
    CameraFactory(
        device=pro,
        role="main",
        megapixels=50,
        optics_partner=leica,
        confidence=Confidence.RUMOURED,
    )
    CameraFactory(device=x80, role="main", megapixels=50, optics_partner=zeiss)
    CameraFactory(device=x80, role="telephoto", megapixels=8, optics_partner=zeiss)
    battery = SpecFieldFactory(
        group="battery", name="Battery", slug="battery", unit="mAh"
    )
    screen = SpecFieldFactory(
        group="display", name="Screen", slug="screen-size", unit="in"
    )
    chipset = SpecFieldFactory(
        group="platform", name="Chipset", slug="chipset", kind="text", unit=""
    )
    SpecClaimFactory(
        device=ultra, field=battery, value_number=4860, confidence="confirmed"
    )
    # The newer rumour of a bigger battery is outranked by the confirmed value.
    SpecClaimFactory(
        device=ultra, field=battery, value_number=6000, stated_on=dt.date(2022, 8, 1)
    )
    SpecClaimFactory(
        device=pro, field=battery, value_number=4600, confidence="expected"
    )
    SpecClaimFactory(
        device=x80, field=battery, value_number=4700, confidence="confirmed"
    )
    SpecClaimFactory(device=ultra, field=screen, value_number="6.73")
    SpecClaimFactory(device=x80, field=screen, value_number="6.78")
    SpecClaimFactory(
        device=ultra, field=chipset, value_number=None, value_text="Snapdragon 8+ Gen 1"
    )
    SpecClaimFactory(
        device=x80, field=chipset, value_number=None, value_text="Snapdragon 8 Gen 1"
    )
    return {"ultra": ultra, "pro": pro, "x80": x80, "battery": battery}


def found(client, params):
    response = client.get("/devices/", params)
    assert response.status_code == 200
    return [device.name for device in response.context["devices"]]


@pytest.mark.parametrize(
    ("params", "names"),
    [
        (
            {"brand": "xiaomi"},
            ["Xiaomi 12S Pro", "Xiaomi 12S Ultra", "Xiaomi 13 Ultra"],
        ),
        ({"brand": ["xiaomi", "vivo"], "status": "released"}, ["Vivo X80 Pro"]),
        (
            {"partner": "leica", "min_main_mp": "50"},
            ["Xiaomi 12S Pro", "Xiaomi 12S Ultra"],
        ),
        ({"partner": "zeiss"}, ["Vivo X80 Pro"]),
        ({"min_battery_mah": "4700"}, ["Vivo X80 Pro", "Xiaomi 12S Ultra"]),
        # The rumoured 6,000 mAh does not count: the confirmed 4,860 does.
        ({"min_battery_mah": "5000"}, []),
        ({"min_display_in": "6.75"}, ["Vivo X80 Pro"]),
        ({"max_display_in": "6.75"}, ["Xiaomi 12S Ultra"]),
        ({"chipset": "8+ gen"}, ["Xiaomi 12S Ultra"]),
        (
            {"min_battery_mah": "4500", "confirmed": "1"},
            ["Vivo X80 Pro", "Xiaomi 12S Ultra"],
        ),
        ({"partner": "leica", "min_main_mp": "50", "confirmed": "1"}, []),
        ({"q": "12S", "brand": "xiaomi"}, ["Xiaomi 12S Pro", "Xiaomi 12S Ultra"]),
    ],
)
def test_filters(client, catalogue, params, names):
    assert found(client, params) == names


def test_the_main_camera_counts_not_the_telephoto(client, catalogue):
    assert found(client, {"min_main_mp": "10", "partner": "zeiss"}) == ["Vivo X80 Pro"]
    assert found(client, {"min_main_mp": "60"}) == []


def test_a_withdrawn_claim_no_longer_counts(client, catalogue, editor):
    claim = catalogue["x80"].spec_claims.get(field=catalogue["battery"])
    withdraw_claim(claim=claim, by=editor)
    assert found(client, {"min_battery_mah": "4700"}) == ["Xiaomi 12S Ultra"]


@pytest.mark.parametrize(
    ("sort", "names"),
    [
        ("name", ["Vivo X80 Pro", "Xiaomi 12S Pro", "Xiaomi 12S Ultra"]),
        ("announced", ["Vivo X80 Pro", "Xiaomi 12S Pro", "Xiaomi 12S Ultra"]),
        ("newest", ["Xiaomi 12S Pro", "Xiaomi 12S Ultra", "Vivo X80 Pro"]),
    ],
)
def test_sorts(client, catalogue, sort, names):
    result = found(client, {"sort": sort, "min_battery_mah": "1"})
    assert sorted(result[:2]) == sorted(names[:2]) and result[2:] == names[2:]


@pytest.mark.parametrize(
    ("params", "note"),
    [
        ({"colour": "red"}, "“colour” is not a filter here."),
        ({"min_main_mp": "fifty"}, "(min_main_mp) was ignored"),
        ({"min_main_mp": "NaN"}, "(min_main_mp) was ignored"),
        ({"min_battery_mah": "1e999"}, "(min_battery_mah) was ignored"),
        ({"min_display_in": "-3"}, "(min_display_in) was ignored"),
        ({"brand": "no-such-brand"}, "(brand) was ignored"),
        ({"status": "imaginary"}, "(status) was ignored"),
        ({"sort": "price"}, "(sort) was ignored"),
        ({"confirmed": "perhaps", "chipset": "x" * 500}, "(chipset) was ignored"),
    ],
)
def test_malformed_parameters_are_ignored_with_a_note(client, catalogue, params, note):
    response = client.get("/devices/", params)
    assert response.status_code == 200
    assert len(response.context["devices"]) == 4
    doc = lxml_html.fromstring(response.content)
    notes = " ".join(doc.xpath("//div[@class='notice']//li/text()"))
    assert note in notes


def test_the_whole_query_lives_in_the_address(client, catalogue):
    response = client.get(
        "/devices/", {"partner": "leica", "min_main_mp": "50", "sort": "name"}
    )
    doc = lxml_html.fromstring(response.content)
    assert doc.xpath("//input[@name='min_main_mp']/@value") == ["50"]
    assert doc.xpath("//input[@name='partner'][@value='leica']/@checked")


def test_results_link_to_their_pages_and_tick_for_comparison(client, catalogue):
    doc = lxml_html.fromstring(client.get("/devices/", {"brand": "vivo"}).content)
    (form,) = doc.xpath("//form[contains(@class, 'device-results')]")
    assert form.get("action") == "/compare/" and form.get("method") == "get"
    assert form.xpath(".//a/@href") == ["/devices/vivo-x80-pro/"]
    assert form.xpath(".//input[@type='checkbox'][@name='device']/@value") == [
        "vivo-x80-pro"
    ]
    response = client.get("/compare/", {"device": ["vivo-x80-pro", "xiaomi-12s-ultra"]})
    assert response["Location"] == "/compare/vivo-x80-pro-vs-xiaomi-12s-ultra/"


def test_finder_queries_are_fixed(client, catalogue, django_assert_max_num_queries):
    params = {
        "brand": ["xiaomi", "vivo"],
        "partner": "leica",
        "min_main_mp": "50",
        "min_battery_mah": "4000",
        "sort": "name",
    }
    # Brands and partners to choose from, the brands the address names
    # (twice: brand, partner), the count, the page, the header's sections.
    with django_assert_max_num_queries(8):
        assert client.get("/devices/", params).status_code == 200


HOSTILE_ADDRESSES = [
    "/devices/?min_main_mp=%00&brand=%FF%FE&sort=%27%3B--",
    "/devices/?" + "&".join(f"brand=b{n}" for n in range(200)),
    "/devices/?min_display_in=1e400&max_display_in=-inf&confirmed=%C3",
    "/compare/?device=%00&device=%FF&device=" + "x" * 3000,
    "/compare/?" + "&".join(f"device=d{n}" for n in range(50)),
]


@pytest.mark.parametrize("url", HOSTILE_ADDRESSES)
@pytest.mark.parametrize(
    ("method", "expected"),
    [("get", {200, 400}), ("head", {200, 400}), ("options", {200}), ("post", {405})],
)
def test_hostile_addresses_are_answered_calmly(
    client, catalogue, url, method, expected
):
    path, _, query = url.partition("?")
    response = getattr(client, method)(path, QUERY_STRING=query)
    assert response.status_code in expected
    if method == "get" and response.status_code == 400:
        assert "No device goes by" in response.content.decode()
