"""Real servers for tests that need more than the test client: gunicorn
processes started the way a deployment starts them, and a small browser
(cookies, forms, uploads) that talks to them over HTTP."""

import http.cookiejar
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

from lxml import html

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
STARTUP_SECONDS = 90


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def plain_http_environment(workdir: Path, **extra) -> dict:
    """Production settings (DEBUG off) on plain HTTP at 127.0.0.1, with the
    database, cache, media and static files in `workdir` unless `extra` says
    otherwise."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DEBUG", "DATABASE_", "CACHE_"))
    }
    env.update(
        ENV_FILE=os.devnull,
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SITE_URL="http://127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        SECURE_HSTS_SECONDS="0",
        BEHIND_TLS_PROXY="false",
        DATABASE_URL=f"sqlite:///{workdir / 'site.sqlite3'}",
        CACHE_URL=f"filecache://{workdir / 'cache'}",
        MEDIA_ROOT=str(workdir / "media"),
        STATIC_ROOT=str(workdir / "static"),
        LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="newsroom.settings",
    )
    env.update(extra)
    return env


def manage(env, *arguments):
    subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def wait_for(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited:\n{log.read_text()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=5)
                return
        except (OSError, urllib.error.URLError):
            if time.monotonic() > deadline:
                raise RuntimeError(f"no answer in time:\n{log.read_text()}") from None
            time.sleep(0.3)


def start(command, *, env, log: Path, port: int) -> subprocess.Popen:
    """Start `command` in a process group of its own and wait until `port`
    answers."""
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_for(port, process, log)
    except RuntimeError:
        stop(process)
        raise
    return process


def gunicorn(env, *, port: int, log: Path, workers: int = 2) -> subprocess.Popen:
    return start(
        [
            str(BIN / "gunicorn"),
            "newsroom.wsgi",
            f"--bind=127.0.0.1:{port}",
            f"--workers={workers}",
            "--timeout=30",
            "--no-control-socket",
        ],
        env=env,
        log=log,
        port=port,
    )


def stop(process: subprocess.Popen) -> None:
    """Stop the process group this module started (by its id)."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """Cookies kept per browser; answers are (status, headers, body)."""

    def __init__(self):
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect()
        )

    def request(self, url, *, data=None, headers=None, method=None):
        request = urllib.request.Request(
            url, data=data, headers=headers or {}, method=method
        )
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def get(self, url, **kwargs):
        return self.request(url, **kwargs)

    def submit(self, url, *, form_id=None, changes=None, files=None, button=None):
        """Fill in the form on `url` as its page has it, apply `changes`
        (field: value), attach `files` (field: (name, bytes, type)) and send."""
        status, _, body = self.get(url)
        assert status == 200, (url, status)
        page = html.fromstring(body)
        form = (
            page.get_element_by_id(form_id)
            if form_id
            else next(f for f in page.forms if f.get("method", "").lower() == "post")
        )
        fields = [(k, v) for k, v in form.form_values()]
        if button:
            fields.append(button)
        for name, value in (changes or {}).items():
            fields = [(k, v) for k, v in fields if k != name]
            fields.append((name, value))
        action = urllib.parse.urljoin(url, form.get("action") or url)
        if files:
            data, content_type = multipart(fields, files)
        else:
            data = urllib.parse.urlencode(fields).encode()
            content_type = "application/x-www-form-urlencoded"
        return self.request(
            action,
            data=data,
            headers={"Content-Type": content_type, "Referer": url},
            method="POST",
        )

    def sign_in(self, base, username, password):
        status, headers, _ = self.submit(
            f"{base}/admin/login/",
            changes={"username": username, "password": password},
        )
        assert status == 302, status
        return headers


def multipart(fields, files):
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
            f"{value}\r\n".encode()
        )
    for name, (filename, content, kind) in files.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {kind}\r\n\r\n'.encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"
