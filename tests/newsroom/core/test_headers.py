"""Every response carries the security headers, and the policy they set still
lets the public pages and the whole admin work."""

import json
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model

from tests.factories import ArticleFactory
from tests.security.observatory import parse_csp
from tests.tools.test_loadtest import every_demo_page

# Script elements browsers never run: data for scripts and search engines.
DATA_BLOCK_TYPES = {"application/json", "application/ld+json"}

pytestmark = pytest.mark.django_db


class InlineCode(HTMLParser):
    """Collects what a strict CSP would block: inline scripts without the
    nonce, <style> blocks and style="" attributes, on* handlers."""

    def __init__(self, nonce):
        super().__init__()
        self.nonce = nonce
        self.blocked = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            data_only = attributes.get("type") in DATA_BLOCK_TYPES
            inline = not (attributes.get("src") or data_only)
            if inline and attributes.get("nonce") != self.nonce:
                self.blocked.append(self.get_starttag_text())
        if tag == "style" and attributes.get("nonce") != self.nonce:
            self.blocked.append(self.get_starttag_text())
        for name, _ in attrs:
            if name == "style" or name.startswith("on"):
                self.blocked.append(self.get_starttag_text())


def blocked_by_policy(response):
    policy = parse_csp(response.headers["Content-Security-Policy"])
    nonce = next(
        (s[7:-1] for s in policy["script-src"] if s.startswith("'nonce-")), None
    )
    finder = InlineCode(nonce)
    body = response.content.decode()
    if "json" in response.headers.get("Content-Type", ""):
        # A JSON Feed is not HTML: only the HTML it carries can hold markup.
        items = json.loads(body).get("items", [])
        body = "".join(item.get("content_html", "") for item in items)
    finder.feed(body)
    return finder.blocked


def test_content_security_policy_forbids_inline_script_and_framing(client):
    response = client.get("/")
    policy = parse_csp(response.headers["Content-Security-Policy"])
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["default-src"] == ["'none'"]


def test_every_response_has_the_browser_hardening_headers(client):
    story = ArticleFactory()
    for path in ["/", story.get_absolute_url(), "/no-such-page/", "/admin/login/"]:
        response = client.get(path, secure=True)
        headers = response.headers
        assert headers["X-Content-Type-Options"] == "nosniff", path
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin", path
        assert headers["Cross-Origin-Opener-Policy"] == "same-origin", path
        assert headers["Cross-Origin-Resource-Policy"] == "same-origin", path
        assert "camera=()" in headers["Permissions-Policy"], path
        assert headers["X-Frame-Options"] == "DENY", path
        max_age = int(headers["Strict-Transport-Security"].split(";")[0][8:])
        assert max_age >= 365 * 24 * 3600, path


def test_uploads_and_static_files_may_be_shown_by_feed_readers(rf):
    from django.http import HttpResponse

    from newsroom.core.headers import SecurityHeadersMiddleware

    middleware = SecurityHeadersMiddleware(lambda request: HttpResponse("x"))
    for path in ["/media/heroes/leica.jpg", "/static/css/site.css"]:
        response = middleware(rf.get(path))
        assert response.headers["Cross-Origin-Resource-Policy"] == "cross-origin"
    page = middleware(rf.get("/news/"))
    assert page.headers["Cross-Origin-Resource-Policy"] == "same-origin"


def test_nonce_is_fresh_per_request_and_matches_the_header(rf, settings):
    from csp.middleware import CSPMiddleware
    from django.http import HttpResponse
    from django.template import engines

    template = engines["django"].from_string(
        '<script nonce="{{ CSP_NONCE }}">1</script>'
    )

    def view(request):
        return HttpResponse(template.render({}, request))

    seen = []
    for _ in range(2):
        request = rf.get("/")
        response = CSPMiddleware(view)(request)
        nonce = response.content.decode().split('nonce="')[1].split('"')[0]
        assert f"'nonce-{nonce}'" in response.headers["Content-Security-Policy"]
        seen.append(nonce)
    assert seen[0] != seen[1]


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_superuser("boss", "b@example.com", "pw")
    client.force_login(user)
    return client


def test_admin_pages_need_nothing_the_policy_blocks(editor_client):
    story = ArticleFactory()
    admin_pages = [
        "/admin/",
        "/admin/newsroom/article/",
        "/admin/newsroom/article/add/",
        f"/admin/newsroom/article/{story.pk}/change/",
        f"/admin/newsroom/article/{story.pk}/history/",
        f"/admin/newsroom/article/{story.pk}/delete/",
        "/admin/newsroom/author/add/",
        "/admin/auth/user/add/",
        "/admin/password_change/",
    ]
    for path in admin_pages:
        response = editor_client.get(path, secure=True)
        assert response.status_code == 200, path
        assert blocked_by_policy(response) == [], path


def test_every_kind_of_public_page_needs_nothing_the_policy_blocks(client):
    """Every page kind the load test knows, from the demo data: a page type
    added there is checked here too."""
    for kind, path in every_demo_page():
        response = client.get(path, secure=True)
        assert response.status_code == 200, (kind, path)
        assert "Content-Security-Policy" in response.headers, (kind, path)
        assert blocked_by_policy(response) == [], (kind, path)
