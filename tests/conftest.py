import pytest

from tests.public import NOW, SITE


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads made by a test land in a folder of its own, never in var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def plain_static_storage(settings, tmp_path):
    """Templates resolve {% static %} without a collectstatic manifest."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATIC_ROOT.mkdir()
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }


@pytest.fixture
def editor():
    """A staff account in the Editors role (not a superuser)."""
    from tests.factories import UserFactory

    return UserFactory(role="Editors")


@pytest.fixture
def contributor():
    """A staff account in the Contributors role."""
    from tests.factories import UserFactory

    return UserFactory(role="Contributors")


@pytest.fixture
def public_site(settings):
    """The site as subscribers and crawlers know it (see `tests/public.py`)."""
    settings.SITE_URL = SITE
    settings.SITE_NAME = "Newsroom"


@pytest.fixture
def clock(time_machine):
    """Time stands still at NOW until a test moves it."""
    time_machine.move_to(NOW, tick=False)
    return time_machine


@pytest.fixture(scope="session")
def file_cache_folder(tmp_path_factory):
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def shared_cache(settings, file_cache_folder):
    """The embedded default (a file cache under var/) is kept in a folder of
    the test run's own; CACHE_URL=redis://... is used as it is."""
    default = settings.CACHES["default"]
    if default["BACKEND"].endswith("FileBasedCache"):
        settings.CACHES = {"default": {**default, "LOCATION": str(file_cache_folder)}}


@pytest.fixture(autouse=True)
def empty_cache(shared_cache):
    """Nothing cached by one test (a page, the section nav) leaks into the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


UNREACHABLE_PORT = 8129  # nothing listens here (this project's reserved range)


@pytest.fixture
def database_down(django_db_blocker, tmp_path):
    """The default database alias points at a server that is not there: a
    closed PostgreSQL port, or an SQLite file in a folder that does not exist.
    The test database itself is left untouched and comes back afterwards."""
    from django.db import connections

    original = connections["default"]
    settings_dict = dict(original.settings_dict)
    if original.vendor == "sqlite":
        settings_dict["NAME"] = str(tmp_path / "missing-folder" / "db.sqlite3")
    else:
        settings_dict.update(HOST="127.0.0.1", PORT=str(UNREACHABLE_PORT))
        settings_dict.setdefault("OPTIONS", {})["connect_timeout"] = 2
    broken = original.__class__(settings_dict, alias="default")
    connections["default"] = broken
    try:
        with django_db_blocker.unblock():
            yield broken
    finally:
        broken.close()
        connections["default"] = original


def redis_cache_settings(url):
    return {
        "default": {
            "BACKEND": "newsroom.cache.ResilientRedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_timeout": 0.2},
        }
    }


@pytest.fixture
def cache_down(settings):
    """The cache is Redis on a port where nothing listens."""
    settings.CACHES = redis_cache_settings(f"redis://127.0.0.1:{UNREACHABLE_PORT}/2")


@pytest.fixture
def cache_slow(settings):
    """The cache is a server that accepts connections and never answers."""
    import socket

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    port = listener.getsockname()[1]
    settings.CACHES = redis_cache_settings(f"redis://127.0.0.1:{port}/2")
    yield
    listener.close()


def pytest_generate_tests(metafunc):
    """A module that defines XSS_SURFACES runs the XSS corpus through each of
    them (see tests/security/xss.py)."""
    if "xss_surface" in metafunc.fixturenames:
        surfaces = metafunc.module.XSS_SURFACES
        metafunc.parametrize(
            "xss_surface", list(surfaces.values()), ids=list(surfaces.keys())
        )
