"""Every URL pattern of the project, fed random and hostile requests.

The patterns are read from the resolver, so a page added by any app is fuzzed
with no change here. Each request must end in a normal answer or a styled
400/403/404/405 page: never a 500, never a traceback.

Example counts stay small so `make test` stays quick; for a long run:
HYPOTHESIS_PROFILE=thorough make test PYTEST_ARGS=tests/security
"""

import os
import re
from urllib.parse import quote

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
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

ACCEPTED = {200, 204, 301, 302, 400, 403, 404, 405}
METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "PROPFIND"]
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
    return draw(st.sampled_from(METHODS)), path, draw(st.booleans())


@pytest.fixture
def visitors(db):
    """A reader and a signed-in superuser, both with real CSRF checks."""
    ArticleFactory(slug="xiaomi-12s-ultra-leica")
    reader = Client(enforce_csrf_checks=True)
    editor = Client(enforce_csrf_checks=True)
    editor.force_login(
        get_user_model().objects.create_superuser("fuzz", "f@example.com", "pw")
    )
    return {False: reader, True: editor}


def assert_graceful(response, method, path):
    where = f"{method} {path!r}"
    assert response.status_code in ACCEPTED, f"{where}: {response.status_code}"
    content = b"".join(response) if response.streaming else response.content
    assert b"Traceback" not in content, where
    is_html = "text/html" in response.headers.get("Content-Type", "")
    if response.status_code >= 400 and method != "HEAD" and is_html:
        assert b'rel="stylesheet"' in content, f"{where}: unstyled error page"


@pytest.mark.parametrize(("regex", "name"), PATTERNS, ids=[n for _, n in PATTERNS])
def test_url_pattern_answers_hostile_requests_gracefully(regex, name, visitors):
    swept = []

    @given(hostile_requests(regex))
    def fuzz(request):
        method, path, signed_in = request
        # Every method once, on the first (simplest) address, whatever the
        # random draws; then the drawn method on each address.
        methods = [method] if swept else METHODS
        swept.append(path)
        for each in methods:
            response = visitors[signed_in].generic(each, path)
            assert_graceful(response, each, path)

    fuzz()


def test_every_project_page_is_fuzzed():
    """The list comes from the resolver: the public pages and the admin."""
    names = {name for _, name in PATTERNS}
    assert {"home", "article-detail", "healthz", "index", "login"} <= names
