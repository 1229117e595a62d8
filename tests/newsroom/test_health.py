"""/healthz tells a load balancer which dependency is failing."""

import pytest

pytestmark = pytest.mark.django_db


def test_healthy_site_reports_every_dependency_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "media_storage": "ok"},
    }
    assert "no-cache" in response.headers["Cache-Control"]


def test_healthz_is_reachable_over_plain_http_behind_the_proxy(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/").status_code == 301


def failing(response):
    body = response.json()
    return {name for name, result in body["checks"].items() if result != "ok"}


def test_database_down_is_named(client, database_down):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert failing(response) == {"database"}
    assert response.json()["checks"]["database"] == "failing: OperationalError"


def test_cache_down_is_named_though_pages_still_work(client, cache_down):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert failing(response) == {"cache"}
    assert client.get("/").status_code == 200


def test_unwritable_media_storage_is_named(client, settings, tmp_path):
    # A file where the media folder should be: no upload can be stored
    # (a read-only folder would not stop the root user tests may run as).
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    settings.MEDIA_ROOT = blocker / "media"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert failing(response) == {"media_storage"}


def test_only_safe_methods(client):
    assert client.post("/healthz").status_code == 405
