"""Browser tests: real Chromium driven by Playwright against the live server.

Playwright's own browser download is not used: the tests drive the system's
Chromium (Debian's `chromium` package, or CHROMIUM_PATH). Without it the
tests are skipped with that reason, unless E2E_REQUIRED is set (as in CI),
where a missing browser is a failure.
"""

import io
import os
import shutil

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path():
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")


# Module scope: the browser's event loop must be gone before tests of other
# modules run their ORM calls.
@pytest.fixture(scope="module")
def browser(django_db_setup, django_db_blocker):
    path = chromium_path()
    if not path:
        message = "Chromium is not installed (apt-get install chromium)"
        if os.environ.get("E2E_REQUIRED"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop on this thread while the
    # browser is open; the tests' own ORM calls are still synchronous.
    with (
        pytest.MonkeyPatch.context() as patch,
        sync_playwright() as playwright,
    ):
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.console_errors = []

    def record_error(message):
        if message.type == "error":
            page.console_errors.append(message.text)

    page.on("console", record_error)
    yield page
    context.close()


@pytest.fixture
def page_without_js(browser):
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


@pytest.fixture
def demo(live_server):
    """The demo newsroom (load_demo) on the live server; its address.

    Setting up is all the database is used for: the journeys themselves go
    through the browser.
    """
    from django.core.management import call_command

    call_command("load_demo", stdout=io.StringIO())
    return live_server.url
