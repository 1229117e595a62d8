"""Hostile raw requests sent to a real gunicorn with the production settings.

The test client builds its own request objects and skips the WSGI layer, so
these go through http.client to gunicorn on a free 127.0.0.1 port, started
here the way tools/loadtest.py starts it (DEBUG off, a temporary SQLite
database with the demo content, collected static files). No answer may be
a 5xx, every HTML error page Django gives is the styled one, and gunicorn's
log holds no traceback. Requests gunicorn refuses itself before Django sees
them (an over-long request line or header) get its own short 4xx page.
"""

import http.client
import importlib.util
import socket
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CSRF_TOKEN = "abcdefghijklmnopqrstuvwxyzABCDEF"
ADDRESSES = [
    "/",
    "/feed/",
    "/feed/atom/",
    "/feed.json",
    "/sitemap.xml",
    "/sitemap-news.xml",
    "/robots.txt",
    "/launches.ics",
    "/static/css/site.css",
    "/media/heroes/raw.png",
    "/healthz",
    "/admin/login/",
    "/no-such-page/",
]
METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"]
STARTUP_SECONDS = 60


def load_loadtest():
    spec = importlib.util.spec_from_file_location(
        "loadtest", ROOT / "tools" / "loadtest.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    loadtest = load_loadtest()
    workdir = tmp_path_factory.mktemp("gunicorn")
    env = loadtest.environment(workdir)
    env.pop("DATABASE_URL", None)
    env["DATABASE_URL"] = f"sqlite:///{workdir / 'raw.sqlite3'}"
    env["CACHE_URL"] = "locmemcache://"
    for command in (["migrate", "--noinput"], ["load_demo"], ["collectstatic"]):
        loadtest.manage(
            env, *command, *(["--noinput"] if command[0] == "collectstatic" else [])
        )
    # The demo has drawn its heroes there already.
    (workdir / "media" / "heroes").mkdir(parents=True, exist_ok=True)
    (workdir / "media" / "heroes" / "raw.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    port = free_port()
    log = workdir / "gunicorn.log"
    process = subprocess.Popen(
        [
            str(loadtest.BIN / "gunicorn"),
            "newsroom.wsgi",
            f"--bind=127.0.0.1:{port}",
            "--workers=1",
            "--timeout=30",
            f"--error-logfile={log}",
            "--no-control-socket",
        ],
        cwd=ROOT,
        env=env,
    )
    deadline = time.monotonic() + STARTUP_SECONDS
    try:
        while True:
            if process.poll() is not None:
                pytest.fail(f"gunicorn exited:\n{log.read_text()}")
            try:
                send(port, "GET", "/robots.txt")
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("gunicorn did not answer in time")
                time.sleep(0.3)
        yield port, log
    finally:
        process.terminate()
        process.wait(timeout=30)


def send(port, method, path, headers=None, body=None):
    """One raw request; (status, headers, body)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    try:
        connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        sent = {"Host": "127.0.0.1", "X-Forwarded-Proto": "https", **(headers or {})}
        if body is not None:
            sent["Content-Length"] = str(len(body))
        for name, value in sent.items():
            connection.putheader(name, value)
        connection.endheaders(body)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def assert_answered(answer, method, where):
    status, headers, body = answer
    assert status < 500, f"{where}: {status} {body[:200]!r}"
    html = "text/html" in headers.get("Content-Type", "")
    if status >= 400 and html and method != "HEAD":
        assert b'rel="stylesheet"' in body, f"{where}: unstyled {status}"
    if status == 405:
        assert headers.get("Allow"), where
        assert int(headers["Content-Length"]) == len(body), where
        assert method == "HEAD" or b"This page cannot do that" in body, where


def test_every_method_on_every_kind_of_address(server):
    port, log = server
    for path in ADDRESSES:
        for method in METHODS:
            answer = send(port, method, path)
            assert_answered(answer, method, f"{method} {path}")
            if method not in {"GET", "HEAD", "OPTIONS"} and path != "/admin/login/":
                assert answer[0] in {403, 404, 405}, f"{method} {path}: {answer[0]}"
    assert "Traceback" not in log.read_text()


@pytest.mark.parametrize(
    "content_type",
    [
        "application/x-www-form-urlencoded; charset=iso-8859-1",
        "application/x-www-form-urlencoded; charset=utf-7",
        "application/x-www-form-urlencoded; charset=no-such-charset",
        "multipart/form-data",
        "multipart/form-data; boundary=x; charset=base64",
        "text/plain; charset=idna",
    ],
)
def test_malformed_charsets_and_bodies_get_a_styled_400(server, content_type):
    port, log = server
    cookie = {
        "Cookie": f"csrftoken={CSRF_TOKEN}",
        "X-CSRFToken": CSRF_TOKEN,
        "Origin": "https://127.0.0.1",
        "Content-Type": content_type,
    }
    for path in ["/", "/admin/login/", "/search/?q=%FFleica", "/no-such-page/"]:
        answer = send(port, "POST", path, cookie, b"username=a&password=b")
        assert_answered(answer, "POST", f"POST {path} {content_type}")
        # An address nothing answers never reads the body: 404 is as good.
        expected = {400, 404} if path == "/no-such-page/" else {400}
        assert answer[0] in expected, f"{path} {content_type}: {answer[0]}"
    assert "Traceback" not in log.read_text()


ODD_HEADERS = [
    {"Range": "bytes=99999999-"},
    {"Range": "bytes=5-2,zz"},
    {"If-None-Match": "*"},
    {"If-Modified-Since": "not a date at all"},
    {"If-Modified-Since": "Sat, 31 Dec 99999 23:59:59 GMT"},
    {"Content-Type": "text/plain; charset=base64"},
    {"Host": "evil.example"},
    {"Cookie": "a=" + "b" * 8000},
]


@pytest.mark.parametrize("headers", ODD_HEADERS, ids=lambda h: next(iter(h)))
def test_odd_headers_are_answered(server, headers):
    port, log = server
    for path in ["/", "/feed/", "/static/css/site.css", "/launches.ics"]:
        answer = send(port, "GET", path + "?q=x", headers)
        assert_answered(answer, "GET", f"GET {path} {headers}")
    assert "Traceback" not in log.read_text()


def test_what_gunicorn_refuses_itself_is_a_short_4xx(server):
    """Over gunicorn's limits Django never sees the request."""
    port, _ = server
    assert send(port, "GET", "/?" + "a=b&" * 2000)[0] == 414
    assert send(port, "GET", "/", {"X-Huge": "a" * 9000})[0] in {400, 431}
