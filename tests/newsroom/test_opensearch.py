"""The OpenSearch description and the search box every page carries."""

import pytest
from django.test import override_settings
from lxml import etree
from lxml import html as lxml_html

pytestmark = pytest.mark.django_db

OPENSEARCH = "{http://a9.com/-/spec/opensearch/1.1/}"


@override_settings(SITE_URL="https://news.example", SITE_NAME="Tech & <News>")
def test_the_description_is_valid_xml_pointing_at_search(client):
    response = client.get("/opensearch.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/opensearchdescription+xml")
    root = etree.fromstring(response.content)
    assert root.tag == f"{OPENSEARCH}OpenSearchDescription"
    assert root.findtext(f"{OPENSEARCH}ShortName") == "Tech & <News>"
    (html_url,) = root.findall(f"{OPENSEARCH}Url[@type='text/html']")
    assert html_url.get("template") == "https://news.example/search/?q={searchTerms}"


@pytest.mark.parametrize("url", ["/", "/search/?q=leica", "/devices/", "/compare/"])
def test_pages_advertise_it_and_carry_the_search_box(client, url):
    doc = lxml_html.fromstring(client.get(url).content)
    (link,) = doc.xpath("//link[@rel='search']")
    assert link.get("href") == "/opensearch.xml"
    assert link.get("type") == "application/opensearchdescription+xml"
    (box,) = doc.xpath(
        "//header[contains(@class, 'site-header')]//form[@role='search']"
    )
    assert box.get("action") == "/search/"
    assert box.xpath(".//input[@name='q']")


def test_error_pages_carry_the_same_search_box(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    doc = lxml_html.fromstring(response.content)
    (box,) = doc.xpath(
        "//header[contains(@class, 'site-header')]//form[@role='search']"
    )
    assert box.get("action") == "/search/"
    assert doc.xpath("//link[@rel='search']/@href") == ["/opensearch.xml"]


def test_the_header_box_keeps_the_query_on_the_results_page(client):
    doc = lxml_html.fromstring(client.get("/search/", {"q": "12S Ultra"}).content)
    assert doc.xpath(
        "//header[contains(@class, 'site-header')]//input[@name='q']/@value"
    ) == ["12S Ultra"]
