"""Every kind of address answers every method: 200 for GET and HEAD, 200
with Allow for OPTIONS, and a styled 405 with Allow for the rest; feeds,
sitemaps, calendars, static files and uploads never send their document
for a method that does not read it."""

import json
from io import BytesIO
from xml.etree import ElementTree

import feedparser
import icalendar
import pytest
from django.core.signals import request_finished
from django.test import Client
from PIL import Image

from tests.devices.factories import BrandFactory, DeviceFactory, LaunchEventFactory
from tests.factories import ArticleFactory, TagFactory

pytestmark = pytest.mark.django_db

METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"]
READ = ["GET", "HEAD"]


def parses_as_feed(body):
    return not feedparser.parse(body).bozo


def parses_as_json_feed(body):
    return json.loads(body)["version"].startswith("https://jsonfeed.org/")


def parses_as_calendar(body):
    return icalendar.Calendar.from_ical(body).name == "VCALENDAR"


def parses_as_xml(body):
    # expat, a strict XML parser: a malformed sitemap raises here.
    return ElementTree.fromstring(body) is not None


def parses_as_suggestions(body):
    return json.loads(body)["results"][0]["slug"] == "xiaomi-12s-ultra"


def is_css(body):
    return body.startswith(b"/* fuzz */")


def is_png(body):
    return Image.open(BytesIO(body)).format == "PNG"


@pytest.fixture
def site(settings, media_root):
    """One of every record, a static file and an upload; addresses by kind."""
    story = ArticleFactory(tags=[TagFactory(slug="leica")])
    brand = BrandFactory(slug="xiaomi")
    device = DeviceFactory(slug="xiaomi-12s-ultra", brand=brand)
    event = LaunchEventFactory(slug="xiaomi-12s-launch", brand=brand)
    (settings.STATIC_ROOT / "css").mkdir()
    (settings.STATIC_ROOT / "css" / "fuzz.css").write_bytes(b"/* fuzz */ p {}\n")
    (media_root / "heroes").mkdir(parents=True)
    Image.new("RGB", (8, 8)).save(media_root / "heroes" / "tiny.png")
    return {
        "home page": ("/", None),
        "story page": (story.get_absolute_url(), None),
        "device page": (device.get_absolute_url(), None),
        "device suggestions": (
            f"/devices/suggest.json?q={device.name.replace(' ', '+')}",
            parses_as_suggestions,
        ),
        "RSS feed": ("/feed/", parses_as_feed),
        "Atom feed": ("/feed/atom/", parses_as_feed),
        "JSON Feed": ("/feed.json", parses_as_json_feed),
        "tag feed": ("/tag/leica/feed/", parses_as_feed),
        "spec changes feed": (
            f"{device.get_absolute_url()}history/feed/",
            parses_as_feed,
        ),
        "sitemap index": ("/sitemap.xml", parses_as_xml),
        "news sitemap": ("/sitemap-news.xml", parses_as_xml),
        "stories sitemap": ("/sitemap-stories.xml", parses_as_xml),
        "robots.txt": ("/robots.txt", None),
        "all launches calendar": ("/launches.ics", parses_as_calendar),
        "one launch calendar": (f"/launches/{event.slug}.ics", parses_as_calendar),
        "brand calendar": ("/brands/xiaomi/launches.ics", parses_as_calendar),
        "static file": ("/static/css/fuzz.css", is_css),
        "upload": ("/media/heroes/tiny.png", is_png),
    }


def assert_styled_405(response, where, allowed=("GET", "HEAD", "OPTIONS")):
    assert response.status_code == 405, where
    assert set(allowed) <= set(response["Allow"].split(", ")), where
    body = response.content
    assert b"This page cannot do that" in body, where
    assert b'rel="stylesheet"' in body, where
    assert int(response["Content-Length"]) == len(body), where


def assert_options_answer(response, where):
    assert response.status_code == 200, where
    assert {"GET", "HEAD", "OPTIONS"} <= set(response["Allow"].split(", ")), where
    assert response.content == b"", where
    assert response["Content-Length"] == "0", where


def test_sitemap_section_exists(site):
    assert Client().get(site["stories sitemap"][0]).status_code == 200


@pytest.mark.parametrize("method", METHODS)
def test_every_kind_of_address_answers_every_method(site, method):
    # No CSRF check: the methods must be refused for what they are, not for
    # a missing token (tests/security covers the token).
    client = Client()
    for kind, (address, parses) in site.items():
        where = f"{method} {kind} {address}"
        response = client.generic(method, address)
        body = b"".join(response) if response.streaming else response.content
        if method == "GET":
            assert response.status_code == 200, where
            assert parses is None or parses(body), where
        elif method == "HEAD":
            assert response.status_code == 200, where
            assert body == b"", where
        elif method == "OPTIONS":
            assert_options_answer(response, where)
        else:
            assert_styled_405(response, where)
            assert parses is None or b"This page cannot do that" in body, where


# LIBS: /healthz is being replaced by django-health-check; adjust this
# expectation (not the rule) if its view answers another way: 200 or 503
# for GET and HEAD, OPTIONS like any address, a styled 405 otherwise.
HEALTHZ_READS = {200, 503}


@pytest.mark.parametrize("method", METHODS)
def test_healthz_answers_every_method(method):
    response = Client().generic(method, "/healthz")
    where = f"{method} /healthz"
    if method in READ:
        assert response.status_code in HEALTHZ_READS, where
    elif method == "OPTIONS":
        assert_options_answer(response, where)
    else:
        assert_styled_405(response, where)


@pytest.mark.parametrize("method", ["PUT", "PATCH", "DELETE", "TRACE", "PROPFIND"])
def test_the_admin_takes_get_head_and_post_only(admin_client, method):
    for address in ["/admin/", "/admin/login/", "/admin/newsroom/article/"]:
        response = admin_client.generic(method, address)
        where = f"{method} {address}"
        assert_styled_405(response, where)
        assert set(response["Allow"].split(", ")) == {"GET", "HEAD", "POST", "OPTIONS"}


def test_the_admin_answers_options_without_a_page(admin_client):
    response = admin_client.options("/admin/newsroom/article/")
    assert_options_answer(response, "OPTIONS admin")
    assert "POST" in response["Allow"]


def test_a_post_only_page_refuses_get_with_the_styled_page(admin_client):
    # Django's LogoutView takes POST only.
    response = admin_client.get("/admin/logout/")
    assert_styled_405(response, "GET /admin/logout/", allowed=["POST", "OPTIONS"])


def test_options_on_an_address_nothing_answers_is_404():
    assert Client().options("/no-such-page/").status_code == 404
    assert Client().options("/static/no-such-file.css").status_code == 404


def test_a_refusal_is_never_marked_cacheable(site):
    response = Client().post("/sitemap.xml")
    assert response.status_code == 405
    assert "public" not in response.get("Cache-Control", "")


@pytest.mark.parametrize("path", ["/sitemap.xml", "/static/css/site.css", "/"])
def test_a_refusal_ends_the_request_once(site, path):
    # request_finished closes the request's database connection; sent while
    # the refusal was being replaced, it closed it under outer middleware
    # (every later query of the request failed, and on PostgreSQL the 503s
    # carried on into the next requests of a test).
    ends = []

    def count(**kwargs):
        ends.append(kwargs)

    request_finished.connect(count)
    try:
        Client().generic("PROPFIND", path)
    finally:
        request_finished.disconnect(count)
    assert len(ends) == 1


@pytest.mark.parametrize("method", ["get", "head"])
def test_an_upload_name_the_file_system_refuses_is_a_404(method):
    # Longer than any file name may be: the file system's error, not a 500.
    response = getattr(Client(), method)("/media/" + "x" * 5000)
    assert response.status_code == 404
