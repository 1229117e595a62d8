"""Reader pages are sent compressed; pages that may hold a secret are not;
a story weighs less than 100 KB compressed; static files get brotli too."""

import gzip
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from whitenoise.compress import Compressor

from newsroom.demo.stories import LAUNCH_STORY_SLUG
from newsroom.models import Article

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, br"}
STATIC = Path(settings.BASE_DIR) / "static"
# What a story page loads besides its HTML (images aside).
STORY_ASSETS = ["css/site.css", "css/devices.css", "css/print.css", "js/launch-time.js"]
STORY_BUDGET = 100 * 1024


@pytest.fixture
def seed_story():
    call_command("load_demo", verbosity=0)
    return Article.objects.get(slug=LAUNCH_STORY_SLUG).get_absolute_url()


def test_a_story_is_sent_gzipped_to_readers(client, seed_story):
    response = client.get(seed_story, secure=True, **GZIP)
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    html = gzip.decompress(response.content).decode()
    assert "Xiaomi 12S Ultra specs" in html


def test_pages_with_a_csrf_token_are_never_compressed(client):
    response = client.get("/admin/login/", secure=True, **GZIP)
    assert response.status_code == 200
    assert "csrfmiddlewaretoken" in response.content.decode()
    assert "Content-Encoding" not in response


def test_signed_in_staff_get_uncompressed_pages(client, editor, seed_story):
    client.force_login(editor)
    response = client.get(seed_story, secure=True, **GZIP)
    assert response.status_code == 200
    assert "Content-Encoding" not in response


def test_a_story_with_its_css_and_js_weighs_under_100_kb_compressed(client, seed_story):
    html = client.get(seed_story, secure=True, **GZIP).content
    assets = sum(
        len(gzip.compress((STATIC / name).read_bytes(), 9)) for name in STORY_ASSETS
    )
    assert len(html) + assets < STORY_BUDGET


def test_static_files_are_also_compressed_with_brotli():
    assert Compressor(quiet=True).use_brotli
