"""Who gets a stored page, what a stored page answers, and its validators."""

import gzip

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsroom.core.page_cache import PageCacheMiddleware
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

GZIP = {"accept-encoding": "gzip"}


@pytest.fixture
def story():
    return ArticleFactory(title="Leica inside the 12S Ultra")


def queries_for(client, url, **kwargs):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **kwargs)
    assert response.status_code == 200
    return response, len(queries)


def test_a_readers_second_visit_is_served_from_the_cache(client, story):
    url = story.get_absolute_url()
    first, rendered = queries_for(client, url)
    again, stored = queries_for(client, url)
    assert rendered > 0 and stored == 0
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_staff_never_get_a_stored_page_and_readers_never_get_staffs(
    client, story, editor
):
    url = story.get_absolute_url()
    client.force_login(editor)
    staff_page, _ = queries_for(client, url)
    assert b"Edit this story" in staff_page.content
    _, staff_again = queries_for(client, url)
    assert staff_again > 0  # rendered again: a signed-in editor is never served a copy
    client.logout()
    reader_page, reader_queries = queries_for(client, url)
    assert b"Edit this story" not in reader_page.content
    assert reader_queries > 0  # the editor's page was not stored for readers


def test_a_reader_page_is_not_handed_to_staff(client, story, editor):
    url = story.get_absolute_url()
    queries_for(client, url)
    client.force_login(editor)
    page, queries = queries_for(client, url)
    assert queries > 0
    assert b"Edit this story" in page.content


@pytest.mark.parametrize("method", ["post", "put", "delete", "options"])
def test_other_methods_on_a_cached_page_are_not_served_from_it(client, story, method):
    url = story.get_absolute_url()
    cached = client.get(url)
    response = getattr(client, method)(url)
    assert response.status_code != 200 or method == "options"
    assert response.content != cached.content
    if method == "options":
        assert response["Allow"]
        assert response.content == b""
    # And the cached copy is intact afterwards.
    assert client.get(url).content == cached.content


def test_head_from_the_cache_has_no_body_and_the_same_validators(client, story):
    url = story.get_absolute_url()
    page = client.get(url)
    head = client.head(url)
    assert head.status_code == 200
    assert head.content == b""
    assert head["ETag"] == page["ETag"]
    assert head["Content-Length"] == str(len(page.content))


def test_a_search_page_with_its_query_is_cached_per_address(client, story):
    one = client.get("/search/?q=Leica").content
    other = client.get("/search/?q=Nothing-matches").content
    assert one != other
    assert client.get("/search/?q=Leica").content == one


@pytest.mark.parametrize(
    "url",
    ["/", "/archive/", "/section/{section}/", "/devices/", "/feed/", "/feed/atom/"],
)
@pytest.mark.parametrize(
    "headers",
    [
        {},
        GZIP,
        {"accept-encoding": "gzip, deflate, br, zstd"},
        {"accept-encoding": "br"},
    ],
    ids=["plain", "gzip", "browser", "brotli-only"],
)
def test_conditional_get_keeps_one_validator_for_the_200_and_its_304(
    client, story, url, headers
):
    url = url.format(section=story.section.slug)
    for attempt in ("fresh render", "from the cache"):
        page = client.get(url, headers=headers)
        assert page.status_code == 200, attempt
        assert page["ETag"].startswith('W/"'), attempt
        assert page["Last-Modified"], attempt
        if "gzip" in headers.get("accept-encoding", ""):
            assert page["Content-Encoding"] == "gzip"
            gzip.decompress(page.content)
        else:
            assert "Content-Encoding" not in page
        by_tag = client.get(url, headers={**headers, "if-none-match": page["ETag"]})
        assert by_tag.status_code == 304, attempt
        assert by_tag["ETag"] == page["ETag"], attempt
        assert by_tag["Last-Modified"] == page["Last-Modified"], attempt
        assert by_tag.content == b""
        by_date = client.get(
            url, headers={**headers, "if-modified-since": page["Last-Modified"]}
        )
        assert by_date.status_code == 304, attempt
        client.get(url, headers=headers)  # leaves it stored for the next round


def test_a_change_gives_html_pages_a_new_validator(client, story):
    url = story.get_absolute_url()
    etag = client.get(url)["ETag"]
    story.title = "Leica inside, confirmed"
    story.save()
    response = client.get(url, headers={"if-none-match": etag})
    assert response.status_code == 200
    assert response["ETag"] != etag


def test_staff_pages_answer_conditionally_too(client, story, editor):
    client.force_login(editor)
    page = client.get("/")
    assert page["ETag"]
    assert client.get("/", headers={"if-none-match": page["ETag"]}).status_code == 304


def test_a_session_cookie_alone_skips_the_cache(client, story):
    url = story.get_absolute_url()
    queries_for(client, url)
    client.cookies["sessionid"] = "not-a-real-session"
    _, queries = queries_for(client, url)
    assert queries > 0


def test_private_addresses_are_never_stored(client, story, editor):
    client.force_login(editor)
    preview = f"/preview/{story.pk}/"
    client.get(preview)
    client.logout()
    assert client.get(preview).status_code in (302, 403, 404)


def test_the_page_cache_can_be_turned_off(client, story, settings):
    settings.PAGE_CACHE_SECONDS = 0
    url = story.get_absolute_url()
    queries_for(client, url)
    _, queries = queries_for(client, url)
    assert queries > 0


def test_with_the_cache_down_pages_are_rendered(client, story, cache_down):
    url = story.get_absolute_url()
    assert b"Leica inside" in client.get(url).content
    assert b"Leica inside" in client.get(url).content


def test_a_page_that_sets_a_cookie_is_not_stored(rf):
    from django.http import HttpResponse

    def view(request):
        response = HttpResponse("hello")
        response.set_cookie("seen", "1")
        return response

    middleware = PageCacheMiddleware(view)
    calls = []

    def counting(request):
        calls.append(1)
        return view(request)

    middleware.get_response = counting
    for _ in range(2):
        request = rf.get("/somewhere/")
        request.user = None
        middleware(request)
    assert len(calls) == 2
