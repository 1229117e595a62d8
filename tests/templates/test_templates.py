"""Templates load their tag libraries once, at the top, and every page gets
each stylesheet and script it needs exactly once."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from tests.devices.factories import BrandFactory, DeviceFactory, LaunchEventFactory
from tests.factories import ArticleFactory

TEMPLATES = Path(settings.BASE_DIR) / "templates"
SITE_CSS = "/static/css/site.css"
DEVICES_CSS = "/static/css/devices.css"
LAUNCH_JS = "/static/js/launch-time.js"


def templates():
    return sorted(TEMPLATES.rglob("*.html"))


@pytest.mark.parametrize(
    "path", templates(), ids=lambda p: str(p.relative_to(TEMPLATES))
)
def test_tag_libraries_are_loaded_once_at_the_top(path):
    text = path.read_text()
    loads = re.findall(r"{%-?\s*load\s", text)
    assert len(loads) <= 1, "one {% load %} listing every library"
    if loads:
        before = text[: text.index(loads[0])]
        before = re.sub(r"{%\s*extends\s[^%]*%}", "", before)
        assert not before.strip(), "{% load %} comes first (after {% extends %})"


def assets(response):
    html = response.content.decode()
    return [
        html.count(f'href="{SITE_CSS}"'),
        html.count(f'href="{DEVICES_CSS}"'),
        html.count(f'src="{LAUNCH_JS}"'),
    ]


@pytest.mark.django_db
def test_device_brand_and_launch_pages_get_the_device_assets_once(client):
    device = DeviceFactory()
    event = LaunchEventFactory(brand=device.brand)
    for page in (device, device.brand, event, BrandFactory()):
        response = client.get(page.get_absolute_url())
        assert response.status_code == 200
        assert assets(response) == [1, 1, 1], page.get_absolute_url()


@pytest.mark.django_db
def test_a_story_gets_the_device_assets_once_and_the_home_page_none(client):
    story = ArticleFactory()
    assert assets(client.get(story.get_absolute_url())) == [1, 1, 1]
    assert assets(client.get("/")) == [1, 0, 0]
