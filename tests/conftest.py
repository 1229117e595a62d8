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
