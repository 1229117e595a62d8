"""Two app hosts (gunicorn on two ports, two workers each) sharing one
database, one cache and one media storage, as the README's deployment section
runs them: what an editor does through one, readers see through the other
on their very next request.

By default they share an SQLite file, a file cache and a media folder; with
DATABASE_URL=postgres://... and CACHE_URL=redis://... in the environment
(the CI's second pass) they share a fresh PostgreSQL database on that
server and that Redis.
"""

import io
import re
import urllib.parse

import pytest
from django.conf import settings
from lxml import html
from PIL import Image

from tests import servers

READS = 8  # enough that every worker of both hosts answers some


def shared_services(workdir):
    """DATABASE_URL and CACHE_URL both hosts use."""
    import os

    extra = {}
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        import psycopg

        parts = urllib.parse.urlsplit(url)
        name = f"{parts.path.lstrip('/') or 'postgres'}_hosts"
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
            connection.execute(f'CREATE DATABASE "{name}"')
        extra["DATABASE_URL"] = urllib.parse.urlunsplit(parts._replace(path=name))
    if os.environ.get("CACHE_URL", "").startswith("redis"):
        extra["CACHE_URL"] = os.environ["CACHE_URL"]
    return extra


@pytest.fixture(scope="module")
def hosts(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("hosts")
    env = servers.plain_http_environment(workdir, **shared_services(workdir))
    for command in (["migrate", "--noinput"], ["load_demo"]):
        servers.manage(env, *command)
    servers.manage(env, "collectstatic", "--noinput")
    ports = [servers.free_port(), servers.free_port()]
    started = []
    try:
        for number, port in enumerate(ports):
            log = workdir / f"host-{number}.log"
            started.append(servers.gunicorn(env, port=port, log=log))
        yield [f"http://127.0.0.1:{port}" for port in ports]
    finally:
        for process in started:
            servers.stop(process)


def section_names(body):
    page = html.fromstring(body)
    return page.xpath('//nav[@aria-label="Sections"]//a/text()')


def test_an_edit_through_one_host_is_read_through_the_other_at_once(hosts):
    editing, reading = hosts
    reader = servers.Browser()
    for _ in range(READS):  # every worker of the reading host has the page now
        status, _, body = reader.get(f"{reading}/")
        assert status == 200
    old_names = section_names(body)
    assert old_names

    editor = servers.Browser()
    editor.sign_in(editing, "editor", settings.DEMO_EDITOR_PASSWORD)
    _, _, listing = editor.get(f"{editing}/admin/newsroom/section/")
    change_url = html.fromstring(listing).xpath(
        '//table[@id="result_list"]//th/a/@href'
    )[0]
    status, _, _ = editor.submit(
        urllib.parse.urljoin(editing, change_url),
        form_id="section_form",
        changes={"name": "Renamed on host one"},
        button=("_save", "Save"),
    )
    assert status == 302

    for base in (reading, editing):
        for _ in range(READS):
            _, _, body = reader.get(f"{base}/")
            assert "Renamed on host one" in section_names(body), base


def test_an_image_uploaded_through_one_host_is_served_by_the_other(hosts):
    editing, reading = hosts
    editor = servers.Browser()
    editor.sign_in(editing, "editor", settings.DEMO_EDITOR_PASSWORD)
    _, _, listing = editor.get(f"{editing}/admin/newsroom/author/")
    change_url = urllib.parse.urljoin(
        editing,
        html.fromstring(listing).xpath('//table[@id="result_list"]//th/a/@href')[0],
    )
    picture = io.BytesIO()
    Image.new("RGB", (400, 400), (200, 30, 40)).save(picture, "PNG")
    status, _, body = editor.submit(
        change_url,
        form_id="author_form",
        files={"avatar": ("portrait.png", picture.getvalue(), "image/png")},
        button=("_save", "Save"),
    )
    assert status == 302, body[:2000]
    _, _, form = editor.get(change_url)
    slug = html.fromstring(form).xpath('//input[@name="slug"]/@value')[0]

    # The reading host renders the author page, making the renditions there.
    status, _, page = servers.Browser().get(f"{reading}/author/{slug}/")
    assert status == 200
    images = [
        src
        for src in html.fromstring(page).xpath("//img/@src")
        if src.startswith(settings.MEDIA_URL)
    ]
    assert any("portrait" in src for src in images), images
    for base in (reading, editing):
        for src in images:
            status, headers, content = servers.Browser().get(base + src)
            assert status == 200, (base, src)
            assert headers["Content-Type"].startswith("image/")
            assert re.match(rb"\x89PNG|\xff\xd8|RIFF", content[:4])
