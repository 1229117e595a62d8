import pytest


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


@pytest.fixture(autouse=True)
def empty_cache():
    """Nothing cached by one test (the section nav, say) leaks into the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
