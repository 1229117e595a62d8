"""A Redis outage or a Redis that hangs costs speed, never a page."""

import logging
import shutil
import subprocess
import time

import pytest
from django.core.cache import cache

from newsroom import cache as resilient
from newsroom.core.page_cache import generation_key
from newsroom.navigation import CACHE_KEY
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def redis_socket(tmp_path_factory):
    """A private redis-server on a Unix socket, for this module only."""
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is not installed (.ci/run installs it)")
    folder = tmp_path_factory.mktemp("redis")
    path = folder / "redis.sock"
    process = subprocess.Popen(
        [server, "--port", "0", "--unixsocket", str(path), "--save", ""],
        cwd=folder,
        stdout=subprocess.DEVNULL,
    )
    for _ in range(100):
        if path.exists():
            break
        time.sleep(0.05)
    yield f"unix://{path}?db=0"
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def working_redis(settings, redis_socket):
    from tests.conftest import redis_cache_settings

    settings.CACHES = redis_cache_settings(redis_socket)
    yield
    cache.clear()


def test_section_nav_is_served_from_the_cache(client, working_redis):
    SectionFactory(name="Phones", slug="phones")
    client.get("/")
    assert [s.slug for s in cache.get(generation_key(CACHE_KEY))] == ["phones"]


def test_editing_a_section_refreshes_the_nav(client, working_redis):
    section = SectionFactory(name="Phones", slug="phones")
    client.get("/")
    section.name = "Handsets"
    section.save()
    assert "Handsets" in client.get("/").content.decode()


@pytest.mark.parametrize("fault", ["cache_down", "cache_slow"])
def test_pages_render_from_the_database_when_the_cache_fails(
    fault, request, client, caplog
):
    request.getfixturevalue(fault)
    story = ArticleFactory(title="Leica inside", section__name="Cameras")
    with caplog.at_level(logging.ERROR, logger="newsroom.cache"):
        home = client.get("/")
        page = client.get(story.get_absolute_url())
    assert home.status_code == page.status_code == 200
    assert "Cameras" in home.content.decode()  # the nav, built without the cache
    assert "Leica inside" in page.content.decode()
    assert any("Cache unavailable" in r.getMessage() for r in caplog.records)


def test_cache_errors_are_logged_once_per_interval(cache_down, caplog, monkeypatch):
    monkeypatch.setattr(resilient, "RETRY_AFTER", 0)
    with caplog.at_level(logging.ERROR, logger="newsroom.cache"):
        for _ in range(20):
            assert cache.get("anything", "fallback") == "fallback"
            cache.set("anything", 1)
    reports = [r for r in caplog.records if "Cache unavailable" in r.getMessage()]
    assert len(reports) == 1


def test_incr_on_a_failed_cache_behaves_like_a_missing_key(cache_down):
    with pytest.raises(ValueError):
        cache.incr("counter")
    assert cache.get_or_set("computed", lambda: 42) == 42
