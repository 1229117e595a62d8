"""Settings come from the environment; production refuses unsafe defaults."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_check(**environment):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "DEBUG", "DATABASE_URL"}
    }
    env["ENV_FILE"] = os.devnull  # a developer's own .env stays out of it
    env.update(environment)
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = run_check(DEBUG="false", DATABASE_URL=f"sqlite:///{tmp_path}/db")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_development_starts_without_a_secret_key(tmp_path):
    result = run_check(DEBUG="true", DATABASE_URL=f"sqlite:///{tmp_path}/db")
    assert result.returncode == 0, result.stderr


def read_setting(name, **environment):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "DEBUG", "SITE_URL", "HOST", "PORT", "CACHE_URL"}
    }
    env.update(ENV_FILE=os.devnull, DEBUG="false", SECRET_KEY="x" * 50)
    env.update(environment)
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; from django.conf import settings; django.setup(); "
            f"print(settings.{name})",
        ],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "newsroom.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_without_site_url_addresses_follow_host_and_port():
    assert read_setting("SITE_URL", PORT="9000") == "http://127.0.0.1:9000"
    assert read_setting("SITE_URL", HOST="localhost", PORT="9001") == (
        "http://localhost:9001"
    )
    # Listening on every interface, the site is reached on this machine.
    assert read_setting("SITE_URL", HOST="0.0.0.0", PORT="80") == "http://127.0.0.1:80"
    assert read_setting("SITE_URL", SITE_URL="https://news.example.com/", PORT="1") == (
        "https://news.example.com"
    )


def test_the_secret_key_can_come_from_a_file(tmp_path):
    secret = tmp_path / "secret_key"
    secret.write_text("k" * 60 + "\n")
    assert read_setting("SECRET_KEY", SECRET_KEY="", SECRET_KEY_FILE=str(secret)) == (
        "k" * 60
    )


def test_an_unreadable_secret_key_file_is_a_clear_error(tmp_path):
    result = run_check(
        DEBUG="false",
        SECRET_KEY_FILE=str(tmp_path / "missing"),
        DATABASE_URL=f"sqlite:///{tmp_path}/db",
    )
    assert result.returncode != 0
    assert "SECRET_KEY_FILE cannot be read" in result.stderr


def test_the_embedded_cache_is_shared_by_every_process():
    backend = read_setting("CACHES['default']['BACKEND']")
    assert backend == "django.core.cache.backends.filebased.FileBasedCache"
