"""The reader's site in Chromium: every page kind on a phone and a desktop,
light and dark, with no sideways scroll and nothing axe-core objects to;
a reader's journey from the home page to a calendar file; the story in
dark mode and on paper.

Screenshots of every page land in var/screenshots/ (printed when the tests
run) for people to look at; nothing compares them automatically.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from icalendar import Calendar

from devices.models import Brand, Device, LaunchEvent
from newsroom.demo.stories import LAUNCH_STORY_SLUG
from newsroom.models import Article, Author, Section, Tag
from tests.e2e.axe import violations

pytestmark = pytest.mark.django_db(transaction=True)

PHONE_HEIGHT, DESKTOP_HEIGHT = 844, 900
# The narrowest phones are checked for fit; a common phone and a desktop for
# fit and for axe, in the light theme and the dark one.
WIDTHS = [360, 390, 1440]
AXE_WIDTHS = {390, 1440}
SCHEMES = ["light", "dark"]


@pytest.fixture(scope="module")
def screenshots(request):
    folder = Path(settings.BASE_DIR) / "var" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    with request.config.pluginmanager.get_plugin(
        "capturemanager"
    ).global_and_fixture_disabled():
        print(f"\nScreenshots of the reader pages: {folder}")
    return folder


@pytest.fixture
def demo(live_server):
    call_command("load_demo", verbosity=0)
    return live_server.url


def page_kinds():
    """(kind, path) of every kind of page a reader meets, from the demo."""
    story = Article.objects.get(slug=LAUNCH_STORY_SLUG)
    ultra = Device.objects.get(slug="xiaomi-12s-ultra")
    event = LaunchEvent.objects.get()
    return [
        ("home", "/"),
        ("story", story.get_absolute_url()),
        ("device", ultra.get_absolute_url()),
        ("history", f"{ultra.get_absolute_url()}history/"),
        ("compare", "/compare/xiaomi-11-ultra-vs-xiaomi-12s-ultra/"),
        (
            "compare-four",
            "/compare/xiaomi-11-ultra-vs-xiaomi-12s-vs-xiaomi-12s-pro-vs-xiaomi-12s-ultra/",
        ),
        ("compare-picker", "/compare/"),
        ("did-you-mean", "/compare/?device=Xiaomi+11+Ultra&device=12S+Ultra"),
        ("brand", Brand.objects.get(slug="leica").get_absolute_url()),
        ("brands", "/brands/"),
        ("devices", "/devices/"),
        ("finder", "/devices/?partner=leica&min_main_mp=50&colour=red"),
        ("launches", "/launches/"),
        ("launch-event", event.get_absolute_url()),
        ("sources", "/sources/"),
        ("source", "/sources/pre-launch-reports/"),
        ("search", "/search/?q=Leica"),
        ("author", Author.objects.order_by("pk").first().get_absolute_url()),
        ("section", Section.objects.get(slug="phones").get_absolute_url()),
        ("tag", Tag.objects.get(slug="leica").get_absolute_url()),
        ("archive", "/archive/"),
        ("404", "/no-such-page/"),
    ]


# Pages that say something is wrong, as they should.
STATUS = {"404": 404, "did-you-mean": 400}


def viewport(width):
    return {"width": width, "height": PHONE_HEIGHT if width < 800 else DESKTOP_HEIGHT}


def sideways_scroll(page) -> int:
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_kind_fits_the_screen_and_passes_axe(
    browser, demo, screenshots, width
):
    context = browser.new_context(viewport=viewport(width))
    page = context.new_page()
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    problems = []
    for kind, path in page_kinds():
        response = page.goto(demo + path)
        assert response.status == STATUS.get(kind, 200), path
        for scheme in SCHEMES:
            page.emulate_media(color_scheme=scheme)
            if overflow := sideways_scroll(page):
                problems.append(f"{kind} ({scheme}): scrolls sideways by {overflow} px")
            if width in AXE_WIDTHS:
                problems += [f"{kind} ({scheme}): {v}" for v in violations(page)]
            page.screenshot(path=screenshots / f"{kind}-{width}-{scheme}.png")
        page.emulate_media(color_scheme="light")
    context.close()
    assert problems == []
    # The 404 page's and the picker's 400 are the expected failures.
    assert [e for e in errors if "404" not in e and "400" not in e] == []


def test_a_readers_journey_from_home_to_calendar_and_search(browser, demo, tmp_path):
    story = Article.objects.get(slug=LAUNCH_STORY_SLUG)
    context = browser.new_context(viewport=viewport(390), accept_downloads=True)
    page = context.new_page()
    page.goto(demo + "/")
    # The header leaves a phone's screen to the stories.
    assert page.locator(".site-header").bounding_box()["height"] <= 120
    page.get_by_role("link", name=story.title).first.click()
    page.wait_for_url(demo + story.get_absolute_url())

    specs = page.get_by_role("region", name="Xiaomi 12S Ultra specs")
    assert specs.get_attribute("tabindex") == "0"
    assert "Snapdragon 8+ Gen 1" in specs.inner_text()
    cameras = page.get_by_role("table", name="Xiaomi 12S Ultra cameras")
    # The leaks' mystery sensor, as the launch named it (act two).
    assert "Time-of-flight (ToF) depth sensor" in cameras.inner_text()
    # The confidence marks are explained by a disclosure, open to a tap.
    page.get_by_text("What the confidence marks mean").first.click()
    assert page.get_by_text("Stated by the maker or verified by us.").first.is_visible()

    page.get_by_role(
        "link", name="All specs, sources and history of the Xiaomi 12S Ultra"
    ).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Xiaomi 12S Ultra"
    picture = page.get_by_role("img", name=re.compile("name Xiaomi 12S Ultra"))
    assert picture.is_visible()

    page.get_by_role("link", name="Xiaomi 12S Ultra vs Xiaomi 11 Ultra").click()
    page.wait_for_url(demo + "/compare/xiaomi-11-ultra-vs-xiaomi-12s-ultra/")
    assert "Xiaomi 11 Ultra vs Xiaomi 12S Ultra" in page.locator("h1").inner_text()

    page.get_by_role("navigation", name="Sections").get_by_role(
        "link", name="Launches"
    ).click()
    past = page.locator("section", has=page.get_by_role("heading", name="Past"))
    assert "Held" in past.inner_text()
    past.get_by_role("link", name="Xiaomi 12S series launch").click()
    assert "HELD" in page.locator(".page-header .kicker").inner_text().upper()
    # No live region: a ticking countdown would talk over screen readers.
    assert page.locator("[aria-live]").count() == 0

    with page.expect_download() as download:
        page.get_by_role("link", name="Add to calendar (.ics)").click()
    saved = tmp_path / "launch.ics"
    download.value.save_as(saved)
    calendar = Calendar.from_ical(saved.read_bytes())
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Xiaomi 12S series launch"

    search = page.get_by_role("searchbox", name="Search stories")
    search.fill("12 Ultra")
    search.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=12\+Ultra"))
    found = page.get_by_role("region", name="Devices")
    assert found.get_by_role("link", name="Xiaomi 12S Ultra").is_visible()
    context.close()


def test_the_story_in_dark_mode_and_on_paper(browser, demo, screenshots):
    story = Article.objects.get(slug=LAUNCH_STORY_SLUG)
    context = browser.new_context(viewport=viewport(390), color_scheme="dark")
    page = context.new_page()
    page.goto(demo + story.get_absolute_url())
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    text = page.evaluate("getComputedStyle(document.body).color")
    scheme = page.evaluate("getComputedStyle(document.documentElement).colorScheme")
    assert background == "rgb(17, 19, 23)"
    assert text == "rgb(233, 235, 239)"
    assert "dark" in scheme
    assert violations(page) == []

    page.emulate_media(media="print", color_scheme="light")
    hidden = page.evaluate(
        """['.site-header__nav', '.site-search', '.site-footer'].map(
            s => getComputedStyle(document.querySelector(s)).display)"""
    )
    embeds_shown = page.locator(".spec-table").first.is_visible()
    link_after = page.evaluate(
        """getComputedStyle(
            document.querySelector('.embed__more a'), '::after').content"""
    )
    page.screenshot(path=screenshots / "story-print.png", full_page=True)
    context.close()
    assert hidden == ["none", "none", "none"]
    assert embeds_shown
    assert "/devices/xiaomi-12s-ultra/" in link_after
