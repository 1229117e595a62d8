"""Input no page can mean is refused with a page, before it reaches a query."""

import io

import pytest

pytestmark = pytest.mark.django_db


def test_nul_byte_in_an_address_is_a_styled_400(client):
    for address in ["/section/x%00/", "/news/2022/07/04/a%00b/"]:
        response = client.get(address)
        assert response.status_code == 400, address
        assert "We could not understand that request" in response.content.decode()


def test_nul_bytes_are_dropped_from_query_parameters_before_any_view(rf):
    from django.http import HttpResponse

    from newsroom.core.hostile_input import HostileInputMiddleware

    seen = {}

    def view(request):
        seen.update(request.GET.lists())
        return HttpResponse("ok")

    HostileInputMiddleware(view)(rf.get("/", {"q": "lei\x00ca", "page\x00": "2"}))
    assert seen == {"q": ["leica"], "page": ["2"]}


def test_pages_answer_queries_with_nul_bytes_normally(client):
    assert client.get("/?page=%00").status_code == 200
    assert client.get("/?q=a%00b&o=%00").status_code == 200


def test_a_method_a_page_does_not_take_gets_a_styled_405(client):
    response = client.post("/")
    assert response.status_code == 405
    assert response.headers["Allow"]
    assert "This page cannot do that" in response.content.decode()


def test_an_expired_form_says_so_in_words(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/admin/login/", {"username": "a", "password": "b"})
    assert response.status_code == 403
    assert "That form could not be sent" in response.content.decode()


def test_admin_pages_with_an_empty_to_field_parameter_are_answered(admin_client):
    """Django's admin takes `?_to_field=` for a field named "" (a 500)."""
    user = admin_client.get("/admin/").wsgi_request.user
    for page in ["change", "delete"]:
        response = admin_client.get(f"/admin/auth/user/{user.pk}/{page}/?_to_field=")
        assert response.status_code == 200, page


# --- Charsets, bodies and headers ---------------------------------------------

CSRF_TOKEN = "abcdefghijklmnopqrstuvwxyzABCDEF"


def wsgi_answer(method, path, *, content_type="", body=b"", **headers):
    """Through the WSGI application gunicorn runs (newsroom/wsgi.py): the
    request object itself is built there, which the test client skips."""
    from django.test import RequestFactory

    from newsroom.wsgi import application

    headers.setdefault("CONTENT_LENGTH", str(len(body)))
    environ = RequestFactory()._base_environ(
        REQUEST_METHOD=method,
        PATH_INFO=path.split("?")[0],
        QUERY_STRING=path.partition("?")[2],
        CONTENT_TYPE=content_type,
        **{"wsgi.input": io.BytesIO(body)},
        **headers,
    )
    answer = {}

    def start_response(status, response_headers, exc_info=None):
        answer["status"] = int(status.split()[0])
        answer["headers"] = dict(response_headers)

    chunks = application(environ, start_response)
    answer["body"] = b"".join(chunks)
    getattr(chunks, "close", lambda: None)()
    return answer


def assert_styled(answer, status, words):
    assert answer["status"] == status, answer["body"][:300]
    assert words in answer["body"].decode()
    assert b'rel="stylesheet"' in answer["body"]
    assert int(answer["headers"]["Content-Length"]) == len(answer["body"])


BAD_REQUEST = "We could not understand that request"


@pytest.mark.parametrize("charset", ["iso-8859-1", "utf-7", "utf-16", "no-such-one"])
@pytest.mark.parametrize("path", ["/", "/admin/login/", "/no-such-page/", "/feed/"])
def test_a_form_in_another_charset_is_a_styled_400(charset, path):
    """Django refuses such a form and its own 400 and 500 pages read the
    form again: gunicorn's raw 500 before."""
    answer = wsgi_answer(
        "POST",
        path,
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
        body=b"username=a&password=b",
        HTTP_COOKIE=f"csrftoken={CSRF_TOKEN}",
        HTTP_X_CSRFTOKEN=CSRF_TOKEN,
    )
    assert_styled(answer, 400, BAD_REQUEST)


@pytest.mark.parametrize("charset", ["base64", "rot13", "idna", "punycode", "zlib"])
@pytest.mark.parametrize("method", ["GET", "POST", "HEAD"])
def test_a_charset_text_cannot_be_read_in_is_a_styled_400(charset, method):
    """Django decodes the query with it while it builds the request, before
    any middleware: a 500 from gunicorn before."""
    answer = wsgi_answer(
        method, "/search/?q=%FFleica", content_type=f"text/plain; charset={charset}"
    )
    assert answer["status"] == 400
    if method != "HEAD":
        assert_styled(answer, 400, BAD_REQUEST)


def test_a_multipart_form_without_a_boundary_is_a_styled_400(client):
    answer = wsgi_answer(
        "POST",
        "/admin/login/",
        content_type="multipart/form-data",
        body=b"a=b",
        HTTP_COOKIE=f"csrftoken={CSRF_TOKEN}",
        HTTP_X_CSRFTOKEN=CSRF_TOKEN,
    )
    assert_styled(answer, 400, BAD_REQUEST)


def test_readable_charsets_are_read_as_before(client):
    response = client.get("/search/?q=leica", CONTENT_TYPE="text/plain; charset=utf-8")
    assert response.status_code == 200
    form = "application/x-www-form-urlencoded; charset=UTF-8"
    assert client.post("/admin/login/", "a=b", content_type=form).status_code == 200


def test_a_body_larger_than_one_image_and_its_form_is_a_styled_413():
    """Refused from its Content-Length, before a byte of it is read."""
    answer = wsgi_answer(
        "POST",
        "/admin/newsroom/article/add/",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(23 * 1024 * 1024),
    )
    assert_styled(answer, 413, "That was too much to send")
    # 20 MB for the image and 2.5 MB for the fields: the documented limits.
    assert "at most 22 MB" in answer["body"].decode()


ODD_HEADERS = [
    {"HTTP_RANGE": "bytes=99999999-"},
    {"HTTP_RANGE": "bytes=5-2,zz"},
    {"HTTP_RANGE": "pages=1-2"},
    {"HTTP_IF_NONE_MATCH": "*"},
    {"HTTP_IF_NONE_MATCH": 'W/"", *, "x'},
    {"HTTP_IF_MODIFIED_SINCE": "not a date at all"},
    {"HTTP_IF_MODIFIED_SINCE": "Sat, 31 Dec 99999 23:59:59 GMT"},
    {"HTTP_IF_UNMODIFIED_SINCE": "-1", "HTTP_IF_MATCH": "zzz"},
    {"HTTP_ACCEPT_ENCODING": "gzip;q=NaN, *;q=-1"},
    {"HTTP_X_FORWARDED_PROTO": "https, http"},
    {"HTTP_HOST": "evil.example"},
    {"HTTP_COOKIE": "csrftoken=" + "x" * 4000 + "; sessionid=\x7f"},
]


@pytest.mark.parametrize("headers", ODD_HEADERS, ids=lambda h: ",".join(h))
@pytest.mark.parametrize("path", ["/", "/feed/", "/launches.ics", "/sitemap.xml"])
def test_odd_conditional_and_range_headers_are_answered(client, path, headers):
    response = client.get(path, **headers)
    assert response.status_code in {200, 304, 400}, response.status_code
    if response.status_code == 400:
        assert BAD_REQUEST in response.content.decode()
