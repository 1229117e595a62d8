"""Comparisons of two to four devices: one address per set, the picker,
the refusal of a fifth device, and links across brands."""

import pytest
from lxml import html as lxml_html

from devices.models import DeviceAlias
from tests.devices.factories import (
    BrandFactory,
    CameraFactory,
    DeviceFactory,
    LaunchEventFactory,
    SpecClaimFactory,
    SpecFieldFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def phones():
    xiaomi = BrandFactory(name="Xiaomi", slug="xiaomi")
    vivo = BrandFactory(name="Vivo", slug="vivo")
    found = {
        "a": DeviceFactory(
            brand=xiaomi, name="Xiaomi 12S Ultra", slug="xiaomi-12s-ultra"
        ),
        "b": DeviceFactory(
            brand=xiaomi, name="Xiaomi 11 Ultra", slug="xiaomi-11-ultra"
        ),
        "c": DeviceFactory(brand=vivo, name="Vivo X80 Pro", slug="vivo-x80-pro"),
        # A device with no specs, cameras, aliases or dates at all.
        "d": DeviceFactory(brand=vivo, name="Vivo X Fold", slug="vivo-x-fold"),
        "e": DeviceFactory(brand=vivo, name="Vivo X80", slug="vivo-x80"),
    }
    battery = SpecFieldFactory(name="Battery", slug="battery", unit="mAh")
    SpecClaimFactory(device=found["a"], field=battery, value_number=4860)
    SpecClaimFactory(device=found["b"], field=battery, value_number=5000)
    SpecClaimFactory(device=found["c"], field=battery, value_number=4700)
    CameraFactory(device=found["a"], role="main", megapixels=50)
    CameraFactory(device=found["b"], role="main", megapixels=20)
    CameraFactory(device=found["c"], role="main", megapixels=50)
    return found


def get_page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return lxml_html.fromstring(response.content)


def test_three_devices_aligned_with_the_better_one_marked(client, phones):
    doc = get_page(
        client, "/compare/vivo-x80-pro-vs-xiaomi-11-ultra-vs-xiaomi-12s-ultra/"
    )
    headers = doc.xpath("//table[contains(@class, 'compare-table')]/thead//th/text()")
    assert headers == [
        "Spec",
        "Vivo X80 Pro",
        "Xiaomi 11 Ultra",
        "Xiaomi 12S Ultra",
        "Difference",
    ]
    (battery,) = doc.xpath("//tr[th[@scope='row']='Battery']")
    cells = [td.text_content().strip() for td in battery.xpath("td")]
    assert cells[1].endswith("(better)") and "(better)" not in cells[0] + cells[2]
    assert cells[3] == "Xiaomi 11 Ultra is better"
    (main,) = doc.xpath("//tr[th[@scope='row']='Main camera']")
    assert (
        main.xpath("td")[-1].text_content().strip()
        == "Vivo X80 Pro and Xiaomi 12S Ultra are better"
    )
    summary = doc.xpath("//ul[contains(@class, 'compare-summary')]")[0].text_content()
    assert " ".join(summary.split()).startswith(
        "1 better on the Vivo X80 Pro 1 better on the Xiaomi 11 Ultra"
    )


def test_a_value_known_on_one_side_only_is_said_so(client, phones):
    doc = get_page(client, "/compare/vivo-x-fold-vs-xiaomi-12s-ultra/")
    (battery,) = doc.xpath("//tr[th[@scope='row']='Battery']")
    assert (
        battery.xpath("td")[-1].text_content().strip()
        == "Known for the Xiaomi 12S Ultra only"
    )
    assert "Unknown" in battery.xpath("td")[0].text_content()


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        (
            "/compare/xiaomi-12s-ultra-vs-xiaomi-11-ultra/",
            "/compare/xiaomi-11-ultra-vs-xiaomi-12s-ultra/",
        ),
        (
            "/compare/xiaomi-12s-ultra-vs-vivo-x80-pro-vs-xiaomi-11-ultra/",
            "/compare/vivo-x80-pro-vs-xiaomi-11-ultra-vs-xiaomi-12s-ultra/",
        ),
        (
            "/compare/xiaomi-12s-ultra-vs-vivo-x80-vs-vivo-x-fold-vs-vivo-x80-pro/",
            "/compare/vivo-x-fold-vs-vivo-x80-vs-vivo-x80-pro-vs-xiaomi-12s-ultra/",
        ),
        # The same device twice counts once.
        (
            "/compare/xiaomi-11-ultra-vs-vivo-x80-vs-xiaomi-11-ultra/",
            "/compare/vivo-x80-vs-xiaomi-11-ultra/",
        ),
    ],
)
def test_each_set_has_one_address(client, phones, url, canonical):
    response = client.get(url)
    assert response.status_code == 301
    assert response["Location"] == canonical
    doc = get_page(client, canonical)
    assert doc.xpath("//link[@rel='canonical']/@href")[0].endswith(canonical)


def test_a_fifth_device_is_refused_with_a_message(client, phones):
    response = client.get(
        "/compare/vivo-x-fold-vs-vivo-x80-vs-vivo-x80-pro-vs-xiaomi-11-ultra-vs-xiaomi-12s-ultra/"
    )
    assert response.status_code == 400
    assert "A comparison takes 2 to 4 devices." in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/compare/xiaomi-12s-ultra-vs-xiaomi-12s-ultra/",
        "/compare/xiaomi-12s-ultra-vs-nothing-vs-vivo-x80/",
        "/compare/" + "a-vs-" * 300 + "b/",
    ],
)
def test_unknown_or_repeated_sets_are_404(client, phones, url):
    assert client.get(url).status_code == 404


def test_the_picker_leads_to_the_comparison_by_name_alias_or_slug(client, phones):
    DeviceAlias.objects.create(device=phones["b"], name="Mi 11 Ultra")
    response = client.get(
        "/compare/", {"device": ["mi 11 ultra", "Xiaomi 12S Ultra", "vivo-x80", ""]}
    )
    assert response.status_code == 302
    assert (
        response["Location"]
        == "/compare/vivo-x80-vs-xiaomi-11-ultra-vs-xiaomi-12s-ultra/"
    )


@pytest.mark.parametrize(
    ("devices", "message"),
    [
        (["Xiaomi 12S Ultra", "Pixel 99"], "No device goes by “Pixel 99”."),
        (["Xiaomi 12S Ultra"], "Pick 2 to 4 different devices (1 picked)."),
        (
            [
                "vivo-x80",
                "vivo-x80-pro",
                "vivo-x-fold",
                "xiaomi-11-ultra",
                "xiaomi-12s-ultra",
            ],
            "Pick 2 to 4 different devices (5 picked).",
        ),
    ],
)
def test_the_picker_says_what_is_wrong_and_keeps_the_names(
    client, phones, devices, message
):
    response = client.get("/compare/", {"device": devices})
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    doc = lxml_html.fromstring(response.content)
    assert (
        doc.xpath("//form[@data-compare-picker]//input[@name='device']/@value")[
            : len(devices[:4])
        ]
        == devices[:4]
    )


def test_device_pages_offer_comparisons_across_brands(client, phones):
    event = LaunchEventFactory(slug="summer-launch")
    event.devices.set([phones["a"], phones["c"]])
    doc = get_page(client, phones["a"].get_absolute_url())
    links = doc.xpath("//section[@aria-labelledby='compare-heading']//ul//a/@href")
    assert "/compare/vivo-x80-pro-vs-xiaomi-12s-ultra/" in links
    assert "/compare/xiaomi-11-ultra-vs-xiaomi-12s-ultra/" in links
    assert "/compare/vivo-x80-vs-xiaomi-12s-ultra/" not in links
    picker = doc.xpath("//form[@data-compare-picker]//input[@name='device']/@value")
    assert [value for value in picker if value] == ["Xiaomi 12S Ultra"]


def test_compare_page_queries_are_fixed(client, phones, django_assert_max_num_queries):
    url = "/compare/vivo-x-fold-vs-vivo-x80-pro-vs-xiaomi-11-ultra-vs-xiaomi-12s-ultra/"
    # Devices with brands, aliases, cameras, claims; the picker's devices
    # like those compared; the sections of the header; on a cold page cache,
    # when the next scheduled story goes live.
    with django_assert_max_num_queries(7):
        assert client.get(url).status_code == 200


def test_the_story_embed_still_compares_two(client, phones):
    from tests.factories import ArticleFactory

    story = ArticleFactory(body="[[compare xiaomi-12s-ultra vivo-x80-pro]]")
    doc = get_page(client, story.get_absolute_url())
    (battery,) = doc.xpath(
        "//div[contains(@class, 'embed--compare')]//tr[th='Battery']"
    )
    assert (
        battery.xpath("td")[-1].text_content().strip() == "Xiaomi 12S Ultra is better"
    )
    assert doc.xpath("//div[contains(@class, 'embed--compare')]//a/@href")[-1] == (
        "/compare/vivo-x80-pro-vs-xiaomi-12s-ultra/"
    )


def test_a_device_with_the_same_chipset_is_offered_whatever_its_brand(client, phones):
    chipset = SpecFieldFactory(
        name="Chipset", slug="chipset", kind="text", unit="", group="platform"
    )
    for device in (phones["a"], phones["e"]):
        SpecClaimFactory(
            device=device, field=chipset, value_number=None, value_text="8+ Gen 1"
        )
    SpecClaimFactory(
        device=phones["c"], field=chipset, value_number=None, value_text="8 Gen 1"
    )
    doc = get_page(client, phones["a"].get_absolute_url())
    (item,) = [
        li
        for li in doc.xpath("//section[@aria-labelledby='compare-heading']//ul/li")
        if "Vivo X80" in li.text_content() and "Pro" not in li.text_content()
    ]
    assert item.xpath("a/@href") == ["/compare/vivo-x80-vs-xiaomi-12s-ultra/"]
    assert "(same chipset)" in item.text_content()
    links = doc.xpath("//section[@aria-labelledby='compare-heading']//ul//a/@href")
    assert "/compare/vivo-x80-pro-vs-xiaomi-12s-ultra/" not in links


def test_the_story_embed_compares_up_to_four(client, phones):
    from tests.factories import ArticleFactory

    story = ArticleFactory(
        body="[[compare xiaomi-12s-ultra vivo-x80-pro xiaomi-11-ultra]]"
    )
    doc = get_page(client, story.get_absolute_url())
    embed = "//div[contains(@class, 'embed--compare')]"
    headers = doc.xpath(f"{embed}//thead//th/text()")
    assert headers[1:4] == ["Xiaomi 12S Ultra", "Vivo X80 Pro", "Xiaomi 11 Ultra"]
    assert doc.xpath(f"{embed}//a/@href")[-1] == (
        "/compare/vivo-x80-pro-vs-xiaomi-11-ultra-vs-xiaomi-12s-ultra/"
    )
