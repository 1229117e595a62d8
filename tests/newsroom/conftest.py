import pytest

from tests.newsroom.public import NOW, SITE


@pytest.fixture
def public_site(settings):
    """The site as subscribers and crawlers know it (see `public.py`)."""
    settings.SITE_URL = SITE
    settings.SITE_NAME = "Newsroom"


@pytest.fixture
def clock(time_machine):
    """Time stands still at NOW until a test moves it."""
    time_machine.move_to(NOW, tick=False)
    return time_machine
