"""A device's predecessor and successors: on its page, in comparisons and
in its structured data."""

import pytest
from django.core.exceptions import ValidationError

from tests.devices.factories import BrandFactory, DeviceFactory
from tests.pages import PageHead

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("public_site")]


@pytest.fixture
def family():
    xiaomi = BrandFactory(name="Xiaomi", slug="xiaomi")
    old = DeviceFactory(brand=xiaomi, name="Xiaomi 11 Ultra", slug="xiaomi-11-ultra")
    # Alphabetically before the predecessor: the lineage still comes first.
    DeviceFactory(brand=xiaomi, name="Xiaomi 10", slug="xiaomi-10")
    new = DeviceFactory(
        brand=xiaomi, name="Xiaomi 12S Ultra", slug="xiaomi-12s-ultra", predecessor=old
    )
    return old, new


def html(client, device):
    response = client.get(device.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_names_the_predecessor_and_links_the_comparison(client, family):
    old, new = family

    page = html(client, new)

    assert "The successor of the" in page
    assert f'href="{old.get_absolute_url()}" rel="prev">Xiaomi 11 Ultra' in page
    compare = "/compare/xiaomi-11-ultra-vs-xiaomi-12s-ultra/"
    assert f'<a href="{compare}">compare with its predecessor</a>' in page
    assert client.get(compare).status_code == 200


def test_the_predecessor_names_its_successor(client, family):
    old, new = family

    page = html(client, old)

    assert "Followed by" in page
    assert f'href="{new.get_absolute_url()}" rel="next">Xiaomi 12S Ultra' in page


def test_the_predecessor_is_the_first_comparison_offered(client, family):
    _, new = family

    response = client.get(new.get_absolute_url())

    offered = [device.slug for device in response.context["compare_with"]]
    assert offered == ["xiaomi-11-ultra", "xiaomi-10"]


def test_structured_data_relates_the_two(client, family):
    old, new = family

    [product] = PageHead(html(client, new)).of_type("Product")
    assert [p["name"] for p in product["isRelatedTo"]] == ["Xiaomi 11 Ultra"]
    [product] = PageHead(html(client, old)).of_type("Product")
    assert [p["name"] for p in product["isRelatedTo"]] == ["Xiaomi 12S Ultra"]


def test_a_device_without_lineage_says_nothing_of_it(client):
    alone = DeviceFactory(name="Lonely phone", slug="lonely")

    page = html(client, alone)

    assert "successor" not in page and "Followed by" not in page
    [product] = PageHead(page).of_type("Product")
    assert "isRelatedTo" not in product


def test_a_device_cannot_follow_itself(family):
    _, new = family
    new.predecessor = new
    with pytest.raises(ValidationError, match="cannot follow itself"):
        new.full_clean()
