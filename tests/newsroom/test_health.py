"""/healthz tells a load balancer which dependency is failing, and a plain
probe writes nothing: the deeper storage check needs a token."""

import pytest

pytestmark = pytest.mark.django_db

TOKEN = "health-token-for-tests-0123456789"


@pytest.fixture(autouse=True)
def health_token(settings):
    settings.HEALTH_CHECK_TOKEN = TOKEN


def listing(root):
    return (
        sorted(str(p.relative_to(root)) for p in root.rglob("*"))
        if root.exists()
        else []
    )


def test_healthy_site_reports_database_and_cache_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok"},
    }
    assert "no-cache" in response.headers["Cache-Control"]


def test_a_plain_probe_writes_nothing_to_media(client, media_root):
    (media_root / "heroes").mkdir(parents=True)
    (media_root / "heroes" / "leica.jpg").write_bytes(b"\xff\xd8jpeg")
    before = listing(media_root)
    for _ in range(3):
        assert client.get("/healthz").status_code == 200
        assert client.head("/healthz").status_code == 200
    assert listing(media_root) == before


def test_deep_check_with_the_token_checks_media_storage(client, media_root):
    response = client.get("/healthz?deep=1", headers={"X-Health-Check-Token": TOKEN})
    assert response.status_code == 200
    assert response.json()["checks"] == {
        "database": "ok",
        "cache": "ok",
        "media_storage": "ok",
    }
    assert listing(media_root) == []  # the probe file is gone, no folder left
    by_parameter = client.get(f"/healthz?deep=1&token={TOKEN}")
    assert "media_storage" in by_parameter.json()["checks"]


@pytest.mark.parametrize(
    "headers", [{}, {"X-Health-Check-Token": "wrong"}], ids=["missing", "wrong"]
)
def test_deep_check_without_the_token_is_refused(client, media_root, headers):
    response = client.get("/healthz?deep=1", headers=headers)
    assert response.status_code == 403
    assert listing(media_root) == []


def test_deep_checks_are_off_when_no_token_is_set(client, settings):
    settings.HEALTH_CHECK_TOKEN = ""
    assert client.get("/healthz?deep=1&token=").status_code == 403
    assert client.get("/healthz").status_code == 200


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


def test_unwritable_media_storage_is_named_by_the_deep_check(
    client, settings, tmp_path
):
    # A file where the media folder should be: no upload can be stored
    # (a read-only folder would not stop the root user tests may run as).
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    settings.MEDIA_ROOT = blocker / "media"
    assert client.get("/healthz").status_code == 200  # the plain probe never looks
    response = client.get("/healthz?deep=1", headers={"X-Health-Check-Token": TOKEN})
    assert response.status_code == 503
    assert failing(response) == {"media_storage"}


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "trace"])
def test_only_get_and_head(client, method):
    response = getattr(client, method)("/healthz")
    assert response.status_code == 405
    allowed = set(response.headers["Allow"].replace(" ", "").split(","))
    # OPTIONS is answered on every address (newsroom/core/methods.py).
    assert allowed == {"GET", "HEAD", "OPTIONS"}


def test_options_says_what_it_answers(client):
    response = client.options("/healthz")
    assert response.status_code == 200
    assert set(response.headers["Allow"].replace(" ", "").split(",")) == {
        "GET",
        "HEAD",
        "OPTIONS",
    }
