"""Home, a story and the admin sign-in page earn an A+ by the Observatory's
rules: the headers a browser needs to protect readers and editors."""

import pytest

from tests.factories import ArticleFactory
from tests.security import observatory

pytestmark = pytest.mark.django_db

HOST = "news.example.com"


@pytest.fixture
def production_host(settings):
    settings.ALLOWED_HOSTS = [HOST]
    settings.SECURE_SSL_REDIRECT = True


def page_paths():
    story = ArticleFactory()
    return {
        "home": "/",
        "article": story.get_absolute_url(),
        "admin login": "/admin/login/",
    }


def test_public_and_admin_pages_grade_a_plus(client, production_host):
    for name, path in page_paths().items():
        https = client.get(path, secure=True, HTTP_HOST=HOST)
        http = client.get(path, HTTP_HOST=HOST)
        assert https.status_code == 200, name
        score, letter, outcomes = observatory.grade(
            https_response=https, http_response=http, host=HOST
        )
        failed = {test: o.result for test, o in outcomes.items() if not o.passed}
        assert not failed, f"{name}: {failed}"
        assert (letter, score >= 100) == ("A+", True), f"{name}: {score}"


def test_admin_login_cookies_are_secure_httponly_and_samesite(client, production_host):
    response = client.get("/admin/login/", secure=True, HTTP_HOST=HOST)
    csrf = response.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"] and csrf["samesite"] == "Lax"
    outcome = observatory.cookies(response)
    assert outcome.result == "cookies-secure-with-httponly-sessions-and-samesite"


def test_a_weaker_policy_is_graded_down(client, production_host, settings):
    """The grader is not a rubber stamp: inline scripts and no HSTS cost the A+."""
    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {"default-src": ["'self'"], "script-src": ["'unsafe-inline'"]}
    }
    settings.SECURE_HSTS_SECONDS = 0
    https = client.get("/", secure=True, HTTP_HOST=HOST)
    score, letter, outcomes = observatory.grade(
        https_response=https, http_response=client.get("/", HTTP_HOST=HOST), host=HOST
    )
    assert outcomes["content-security-policy"].passed is False
    assert outcomes["strict-transport-security"].result == "hsts-not-implemented"
    assert letter != "A+"
    assert score < 100
