"""Every URL pattern of the project, fed random and hostile requests.

The patterns are read from the resolver, so a page added by any app is fuzzed
with no change here; the static prefix (whitenoise, not the resolver) and the
media prefix with a real file are added. Each request, with any method, an
odd charset or body, Range and conditional headers, must end in a normal
answer or a styled 400/403/404/405/413 page: never a 500, never a traceback;
only GET and HEAD read a document, OPTIONS answers Allow and no body.

Example counts stay small so `make test` stays quick; for a long run:
HYPOTHESIS_PROFILE=thorough make test PYTEST_ARGS=tests/security
"""

import os
import re
from urllib.parse import quote

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.test.client import ClientHandler
from django.urls import get_resolver
from django.urls.resolvers import URLResolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import ArticleFactory

settings.register_profile(
    "quick",
    max_examples=8,
    deadline=None,
    derandomize=False,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.register_profile(
    "thorough",
    parent=settings.get_profile("quick"),
    max_examples=300,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))

# 206 and 416: whitenoise honours Range on static files, as HTTP says.
# 429: the sign-in lockout page, should a drawn form sign in wrongly.
ACCEPTED = {200, 204, 206, 301, 302, 304, 400, 403, 404, 405, 413, 416, 429}
METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"]
METHODS += ["PROPFIND"]
CONTENT_TYPES = [
    "",
    "application/x-www-form-urlencoded",
    "application/x-www-form-urlencoded; charset=iso-8859-1",
    "application/x-www-form-urlencoded; charset=utf-7",
    "application/x-www-form-urlencoded; charset=no-such-charset",
    "multipart/form-data",
    "multipart/form-data; boundary=xx",
    "multipart/form-data; boundary=xx; charset=punycode",
    "text/plain; charset=base64",
    "text/plain; charset=idna",
    "application/json; charset=rot13",
    "application/json; charset=utf-16",
]
ODD_HEADERS = {
    "HTTP_RANGE": ["bytes=0-10", "bytes=99999999-", "bytes=5-2,zz", "pages=1-2"],
    "HTTP_IF_NONE_MATCH": ["*", 'W/"x", *', '"'],
    "HTTP_IF_MODIFIED_SINCE": [
        "not a date",
        "Sat, 31 Dec 99999 23:59:59 GMT",
        "-1",
        "Mon, 32 Foo 2020 25:61:61 GMT",
    ],
    "HTTP_IF_UNMODIFIED_SINCE": ["garbage", "Thu, 01 Jan 1970 00:00:00 GMT"],
    "HTTP_IF_MATCH": ["*", "nope"],
}
CSRF_TOKEN = "abcdefghijklmnopqrstuvwxyzABCDEF"
STATIC_FILE = "css/fuzz.css"
MEDIA_FILE = "heroes/fuzz.png"
# Parameters the project's pages and the admin read, plus whatever else.
QUERY_KEYS = ["page", "q", "o", "p", "e", "_to_field", "_popup", "next", "all"]
QUERY_KEYS += ["_changelist_filters", "year", "month", "status__exact", "term"]


def _strip_anchors(regex):
    return re.sub(r"(\\Z|\$)$", "", regex.lstrip("^"))


def leaf_patterns(patterns=None, prefix=""):
    """(full regex, name) of every endpoint, following includes."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for entry in patterns:
        regex = prefix + _strip_anchors(entry.pattern.regex.pattern)
        if isinstance(entry, URLResolver):
            yield from leaf_patterns(entry.url_patterns, regex)
        else:
            yield f"^{regex}\\Z", entry.name or entry.lookup_str


PATTERNS = sorted(set(leaf_patterns()))
# Served by whitenoise before any URL pattern; a real file and its folder.
PATTERNS += [(r"^static/(css/(fuzz\.css)?)?\Z", "static files")]

hostile_text = st.one_of(
    st.text(max_size=40),
    st.just("%FF%FE%C0%AF"),  # not UTF-8 once decoded
    st.just("..%2F..%2F..%2Fetc%2Fpasswd"),
    st.just("<script>alert(1)</script>"),
    st.just("%00"),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.integers(min_value=1, max_value=5000).map(lambda n: "x" * n),
)


def encode(text):
    # Pre-made escapes (the non-UTF-8 ones) go through as they are.
    return quote(text, safe="/%")


@st.composite
def hostile_requests(draw, regex):
    path = "/" + encode(draw(st.from_regex(regex, fullmatch=True)))
    mutation = draw(
        st.sampled_from(["none", "append", "replace-segment", "double-slash"])
    )
    if mutation == "append":
        path += encode(draw(hostile_text)) + "/"
    elif mutation == "replace-segment":
        segments = path.split("/")
        index = draw(st.integers(min_value=1, max_value=max(1, len(segments) - 1)))
        segments[min(index, len(segments) - 1)] = encode(draw(hostile_text))
        path = "/".join(segments)
    elif mutation == "double-slash":
        path = path.replace("/", "//", 1)
    query = draw(
        st.lists(
            st.tuples(
                st.one_of(st.sampled_from(QUERY_KEYS), st.text(max_size=8)),
                hostile_text,
            ),
            max_size=4,
        )
    )
    if query:
        path += "?" + "&".join(f"{encode(k)}={encode(v)}" for k, v in query)
    headers = draw(
        st.fixed_dictionaries(
            {},
            optional={k: st.sampled_from(v) for k, v in ODD_HEADERS.items()},
        )
    )
    content_type = draw(st.sampled_from(CONTENT_TYPES))
    body = draw(
        st.one_of(st.just(b""), st.just(b"a=b&c=%FF%FE"), st.binary(max_size=64))
    )
    with_csrf = draw(st.booleans())
    request = (draw(st.sampled_from(METHODS)), path, content_type, body, headers)
    return request, draw(st.booleans()), with_csrf


class GuardedHandler(ClientHandler):
    """The test client's handler behind the same charset guard gunicorn's
    application has (newsroom/wsgi.py): the client builds the request
    object itself, which the guard protects in production."""

    def __call__(self, environ):
        from newsroom.core.hostile_input import readable_environ

        return super().__call__(readable_environ(environ))


def guarded_client():
    client = Client(enforce_csrf_checks=True)
    client.handler = GuardedHandler(enforce_csrf_checks=True)
    return client


@pytest.fixture
def real_files(settings, media_root):
    """A static file whitenoise serves and an upload the media view serves."""
    static = settings.STATIC_ROOT / STATIC_FILE
    static.parent.mkdir(parents=True)
    static.write_text("/* fuzz */\n")
    upload = media_root / MEDIA_FILE
    upload.parent.mkdir(parents=True)
    upload.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 32)


@pytest.fixture
def visitors(db, real_files):
    """A reader and a signed-in superuser, both with real CSRF checks."""
    ArticleFactory(slug="xiaomi-12s-ultra-leica")
    reader = guarded_client()
    editor = guarded_client()
    editor.force_login(
        get_user_model().objects.create_superuser("fuzz", "f@example.com", "pw")
    )
    return {False: reader, True: editor}


def assert_graceful(response, method, path, extra=""):
    where = f"{method} {path!r} {extra}"
    status = response.status_code
    assert status in ACCEPTED, f"{where}: {status}"
    content = b"".join(response) if response.streaming else response.content
    assert b"Traceback" not in content, where
    is_html = "text/html" in response.headers.get("Content-Type", "")
    if status >= 400 and method != "HEAD" and is_html:
        assert b'rel="stylesheet"' in content, f"{where}: unstyled error page"
    if status == 405:
        assert response["Allow"], where
        if method == "HEAD":
            # The length of the page a GET would get, without the page
            # (RFC 9110, 9.3.2); the test client drops the body as servers do.
            assert int(response["Content-Length"]) > 0 and content == b"", where
        else:
            assert int(response["Content-Length"]) == len(content), where
    if method == "OPTIONS" and status == 200:
        assert response["Allow"] and content == b"", where
    in_admin = path.lstrip("/").startswith("admin")
    reads = method in {"GET", "HEAD", "OPTIONS"} or (method == "POST" and in_admin)
    # Only a read gets a document; the admin's forms also answer POST.
    assert reads or status != 200, f"{where}: {status}"


def send(client, request, with_csrf):
    method, path, content_type, body, headers = request
    headers = dict(headers)
    if with_csrf:
        # What a raw client can send: the cookie and the matching header.
        cookies = "; ".join(f"{k}={m.coded_value}" for k, m in client.cookies.items())
        headers["HTTP_COOKIE"] = f"{cookies}; csrftoken={CSRF_TOKEN}".lstrip("; ")
        headers["HTTP_X_CSRFTOKEN"] = CSRF_TOKEN
    return client.generic(method, path, body, content_type=content_type, **headers)


@pytest.mark.parametrize(("regex", "name"), PATTERNS, ids=[n for _, n in PATTERNS])
def test_url_pattern_answers_hostile_requests_gracefully(regex, name, visitors):
    swept = []

    @given(hostile_requests(regex))
    def fuzz(drawn):
        request, signed_in, with_csrf = drawn
        method, path, *rest = request
        # Every method once, on the first (simplest) address, whatever the
        # random draws; then the drawn method on each address.
        methods = [method] if swept else METHODS
        swept.append(path)
        for each in methods:
            response = send(visitors[signed_in], (each, path, *rest), with_csrf)
            assert_graceful(response, each, path, f"{rest[0]!r} {rest[2]}")

    fuzz()


def test_every_project_page_is_fuzzed():
    """The list comes from the resolver: the public pages and the admin."""
    names = {name for _, name in PATTERNS}
    assert {"home", "article-detail", "healthz", "index", "login"} <= names
    assert {"static files", "media"} <= names
