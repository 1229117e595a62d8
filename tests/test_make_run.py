"""`make run` serves the demo the way production would; `make dev` does not.

Both are started for real (migrate, demo content, collectstatic, gunicorn),
with the database, cache, media, static files and secret key file moved
into a temporary folder so the developer's own var/ is left alone.
"""

import os
import re
import subprocess

import pytest
from lxml import html

from tests import servers

SCRUBBED = ("DEBUG", "SECRET_KEY", "SITE_URL", "SECURE_", "SESSION_", "ALLOWED_")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("make-run")
    env = {k: v for k, v in os.environ.items() if not k.startswith(SCRUBBED)}
    env.update(
        ENV_FILE=os.devnull,
        DATABASE_URL=f"sqlite:///{workdir / 'demo.sqlite3'}",
        CACHE_URL=f"filecache://{workdir / 'cache'}",
        MEDIA_ROOT=str(workdir / "media"),
        STATIC_ROOT=str(workdir / "static"),
        SECRET_KEY_FILE=str(workdir / "var" / "secret_key"),
        WORKERS="2",
    )
    for name in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS"):
        env.pop(name, None)
    return workdir, env


def make(target, env, workdir, port):
    return servers.start(
        ["make", "--no-print-directory", target, f"PORT={port}"],
        env=env,
        log=workdir / f"{target}.log",
        port=port,
    )


@pytest.fixture(scope="module")
def running(demo):
    workdir, env = demo
    port = servers.free_port()
    process = make("run", env, workdir, port)
    yield f"http://127.0.0.1:{port}", workdir
    servers.stop(process)


def test_the_secret_key_is_generated_under_var_and_private(running):
    _, workdir = running
    secret = workdir / "var" / "secret_key"
    assert len(secret.read_text().strip()) >= 50
    assert secret.stat().st_mode & 0o077 == 0


def test_a_missing_page_is_the_sites_own_404(running):
    base, _ = running
    status, _, body = servers.Browser().get(f"{base}/no-such-page/")
    assert status == 404
    assert b'rel="stylesheet"' in body
    assert b"URLconf" not in body and b"DEBUG = True" not in body


def test_addresses_follow_the_port_it_listens_on(running):
    base, _ = running
    _, _, body = servers.Browser().get(f"{base}/")
    page = html.fromstring(body)
    feeds = page.xpath('//link[@rel="alternate"]/@href')
    assert feeds and all(href.startswith(f"{base}/") for href in feeds)
    story = next(href for href in page.xpath("//a/@href") if href.startswith("/news/"))
    _, _, body = servers.Browser().get(base + story)
    canonical = html.fromstring(body).xpath('//link[@rel="canonical"]/@href')
    assert canonical == [base + story]


def test_static_files_are_hashed_compressed_and_cached_for_ever(running):
    base, _ = running
    _, _, body = servers.Browser().get(f"{base}/")
    sheets = html.fromstring(body).xpath('//link[@rel="stylesheet"]/@href')
    assert sheets and all(re.search(r"\.[0-9a-f]{12}\.css$", s) for s in sheets)
    for encoding in ("br", "gzip"):
        status, headers, _ = servers.Browser().get(
            base + sheets[0], headers={"Accept-Encoding": encoding}
        )
        assert status == 200
        assert headers["Content-Encoding"] == encoding
        assert "immutable" in headers["Cache-Control"]
        max_age = int(re.search(r"max-age=(\d+)", headers["Cache-Control"])[1])
        assert max_age >= 365 * 24 * 60 * 60


def test_make_dev_shows_djangos_pages_and_keeps_the_key(running, demo):
    _, workdir = running
    _, env = demo
    key = (workdir / "var" / "secret_key").read_text()
    port = servers.free_port()
    process = make("dev", env, workdir, port)
    try:
        status, _, body = servers.Browser().get(
            f"http://127.0.0.1:{port}/no-such-page/"
        )
    finally:
        servers.stop(process)
    assert status == 404
    assert b"URLconf" in body  # Django's technical 404
    assert (workdir / "var" / "secret_key").read_text() == key


def test_make_knows_both_targets():
    result = subprocess.run(
        ["make", "-n", "dev"], cwd=servers.ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0
    assert "gunicorn" in result.stdout
