import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from devices.confidence import Confidence
from devices.models import CameraModule, LaunchEvent
from devices.services import confirm_spec, record_claim
from newsroom.models import Article, ArticleDevice, ArticleLaunchEvent
from tests.devices.factories import (
    BrandFactory,
    CameraFactory,
    DeviceFactory,
    LaunchEventFactory,
    PartnershipFactory,
    SourceFactory,
    SpecClaimFactory,
    SpecFieldFactory,
)
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def xiaomi():
    return BrandFactory(name="Xiaomi", slug="xiaomi")


@pytest.fixture
def ultra(xiaomi):
    return DeviceFactory(brand=xiaomi, name="Xiaomi 12S Ultra", slug="xiaomi-12s-ultra")


@pytest.fixture
def old_ultra(xiaomi):
    return DeviceFactory(brand=xiaomi, name="Xiaomi 11 Ultra", slug="xiaomi-11-ultra")


@pytest.fixture
def ultrawide():
    return SpecFieldFactory(name="Ultrawide", slug="ultrawide")


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def link(article, device):
    ArticleDevice.objects.create(article=article, device=device)
    return article


class TestDevicePage:
    def test_best_claim_first_others_beneath(self, client, ultra, ultrawide):
        record_claim(
            device=ultra,
            field=ultrawide,
            value=50,
            source=SourceFactory(name="Leaker Two"),
            stated_on=dt.date(2022, 6, 2),
        )
        record_claim(
            device=ultra,
            field=ultrawide,
            value=48,
            confidence=Confidence.EXPECTED,
            source=SourceFactory(name="Outlet One"),
            stated_on=dt.date(2022, 6, 1),
        )
        html = page(client, "/devices/xiaomi-12s-ultra/")
        best, others = html.split("1 other claim")
        assert "48 MP" in best.split('<th scope="row">Ultrawide</th>')[1]
        assert "Outlet One" in others and "Expected" in best
        assert "50 MP" in others and "Leaker Two" in others

    def test_unknown_is_shown_never_guessed(self, client, ultra, ultrawide):
        record_claim(device=ultra, field=ultrawide, value=None)
        CameraFactory(device=ultra, role=CameraModule.Role.UNKNOWN, megapixels=None)
        html = page(client, ultra.get_absolute_url())
        specs, cameras = html.split("camera-table")
        assert specs.count('class="value--unknown">Unknown') == 1
        assert cameras.count(">Unknown sensor<") == 1

    def test_one_source_for_a_whole_group_is_said_once(self, client, ultra):
        source = SourceFactory(name="Pre-launch reports")
        for name, value in [("Main", 50), ("Ultrawide", 48), ("Periscope", None)]:
            record_claim(
                device=ultra,
                field=SpecFieldFactory(name=name, slug=name.lower()),
                value=value,
                confidence=Confidence.EXPECTED,
                source=source,
                stated_on=dt.date(2022, 6, 28),
            )
        html = page(client, ultra.get_absolute_url())
        table = html.split('class="data-table spec-table"')[1].split("</table>")[0]
        assert table.count("Pre-launch reports") == 1
        assert "Every known value:" in table
        # The unknown value wears no confidence mark of its own.
        periscope = table.split('<th scope="row">Periscope</th>')[1].split("</tr>")[0]
        assert "Unknown" in periscope and "Expected" not in periscope

    def test_an_unknown_value_is_not_given_a_confidence(self, client, ultra):
        record_claim(
            device=ultra,
            field=SpecFieldFactory(name="Refresh rate", slug="refresh-rate"),
            value=None,
            confidence=Confidence.EXPECTED,
            stated_on=dt.date(2022, 6, 28),
        )
        html = page(client, ultra.get_absolute_url())
        row = html.split('<th scope="row">Refresh rate</th>')[1].split("</tr>")[0]
        assert "Not known yet" in row and "Expected" not in row

    def test_confidence_marks_are_words_not_just_colour(self, client, ultra):
        SpecClaimFactory(device=ultra, confidence=Confidence.CONFIRMED)
        html = page(client, ultra.get_absolute_url())
        assert '<span aria-hidden="true">●</span> Confirmed</span>' in html
        assert '<th scope="row">' in html and "<caption>" in html

    def test_shows_aliases_event_and_public_stories_newest_first(self, client, ultra):
        ultra.aliases.create(name="12 Ultra", kind="leaked")
        LaunchEventFactory(title="Xiaomi 12S launch", devices=[ultra])
        now = timezone.now()
        older = link(
            ArticleFactory(
                title="Older story", published_at=now - dt.timedelta(days=2)
            ),
            ultra,
        )
        newer = link(ArticleFactory(title="Newer story"), ultra)
        link(ArticleFactory(title="Draft story", status=Article.Status.DRAFT), ultra)
        link(
            ArticleFactory(
                title="Scheduled story", published_at=now + dt.timedelta(days=1)
            ),
            ultra,
        )
        html = page(client, ultra.get_absolute_url())
        assert "“12 Ultra” (leaked name)" in html
        assert "Xiaomi 12S launch" in html
        assert html.index(newer.title) < html.index(older.title)
        assert "Draft story" not in html and "Scheduled story" not in html

    def test_unknown_device_is_a_404(self, client):
        assert client.get("/devices/xiaomi-99/").status_code == 404
        assert client.get("/devices/xiaomi-99/history/").status_code == 404


class TestDeviceList:
    def test_finds_a_device_by_its_leaked_name(self, client, ultra, old_ultra):
        ultra.aliases.create(name="12 Ultra", kind="leaked")
        html = page(client, "/devices/?q=12+ultra")
        assert "Xiaomi 12S Ultra" in html and "Xiaomi 11 Ultra" not in html
        assert "No device matches “&lt;b&gt;”" in page(client, "/devices/?q=<b>")

    def test_device_page_links_to_comparisons(self, client, ultra, old_ultra):
        html = page(client, ultra.get_absolute_url())
        assert 'href="/compare/xiaomi-11-ultra-vs-xiaomi-12s-ultra/"' in html


class TestHistoryPage:
    def test_rumour_then_confirmation_then_change(self, client, ultra, ultrawide):
        maker = SourceFactory(name="Xiaomi")
        record_claim(
            device=ultra, field=ultrawide, value=48, stated_on=dt.date(2022, 6, 1)
        )
        confirm_spec(
            device=ultra,
            field=ultrawide,
            value=48,
            source=maker,
            stated_on=dt.date(2022, 7, 4),
        )
        confirm_spec(
            device=ultra,
            field=ultrawide,
            value=50,
            source=maker,
            stated_on=dt.date(2022, 8, 1),
        )
        html = page(client, reverse("devices:device-history", args=[ultra.slug]))
        changed = html.index("<strong>Changed</strong> from 48 MP")
        confirmed = html.index("<strong>Confirmed</strong> (was rumoured)")
        first = html.index("First stated")
        assert changed < confirmed < first  # newest first
        assert "1 Jun 2022" in html and "4 Jul 2022" in html


class TestComparePage:
    @pytest.fixture
    def pair(self, ultra, old_ultra, ultrawide):
        battery = SpecFieldFactory(name="Battery", slug="battery", unit="mAh")
        chipset = SpecFieldFactory(
            name="Chipset", slug="chipset", kind="text", unit="", group="platform"
        )
        SpecClaimFactory(device=ultra, field=ultrawide, value_number=48)
        SpecClaimFactory(device=old_ultra, field=ultrawide, value_number=48)
        SpecClaimFactory(device=ultra, field=battery, value_number=4860)
        SpecClaimFactory(device=old_ultra, field=battery, value_number=5000)
        SpecClaimFactory(
            device=ultra, field=chipset, value_number=None, value_text="8+ Gen 1"
        )
        CameraFactory(device=ultra, role="periscope", megapixels=48)
        CameraFactory(device=old_ultra, role="periscope", megapixels=48)
        CameraFactory(device=ultra, role="main", megapixels=50)
        CameraFactory(device=old_ultra, role="main", megapixels=50)
        CameraFactory(device=ultra, role="unknown", megapixels=None)
        return ultra, old_ultra

    def test_aligns_fields_and_says_which_is_better(self, client, pair):
        html = page(client, "/compare/xiaomi-11-ultra-vs-xiaomi-12s-ultra/")
        assert html.count("compare-row--equal") == 3  # ultrawide, main, periscope
        battery_row = html.split('<th scope="row">Battery</th>')[1].split("</tr>")[0]
        assert "Xiaomi 11 Ultra is better" in battery_row
        assert "(better)" in battery_row
        summary = html.split('class="compare-summary"')[1].split("</ul>")[0]
        assert "<strong>1</strong> better on the Xiaomi 11 Ultra" in summary
        assert "<strong>3</strong> the same" in summary
        # The marks and the summary agree: one line marked better, one counted.
        assert html.count('class="better-mark"') == 1

    def test_a_value_known_on_one_side_only_is_said_so(self, client, pair):
        html = page(client, "/compare/xiaomi-11-ultra-vs-xiaomi-12s-ultra/")
        chipset_row = html.split('<th scope="row">Chipset</th>')[1].split("</tr>")[0]
        assert "Known for the Xiaomi 12S Ultra only" in chipset_row
        summary = html.split('class="compare-summary"')[1].split("</ul>")[0]
        assert "<strong>1</strong> known for the Xiaomi 12S Ultra only" in summary

    def test_optical_zoom_counts_between_cameras_of_equal_megapixels(
        self, client, ultra, old_ultra
    ):
        CameraFactory(device=ultra, role="periscope", megapixels=48, optical_zoom=5)
        CameraFactory(device=old_ultra, role="periscope", megapixels=48)
        html = page(client, "/compare/xiaomi-11-ultra-vs-xiaomi-12s-ultra/")
        row = html.split("Periscope telephoto camera</th>")[1].split("</tr>")[0]
        assert "Same" not in row
        assert "Xiaomi 12S Ultra is better" in row

    def test_each_pair_has_one_address(self, client, pair):
        response = client.get("/compare/xiaomi-12s-ultra-vs-xiaomi-11-ultra/")
        assert response.status_code == 301
        assert response["Location"] == "/compare/xiaomi-11-ultra-vs-xiaomi-12s-ultra/"
        html = page(client, response["Location"])
        canonical = html.split('<link rel="canonical" href="')[1].split('"')[0]
        assert canonical.endswith("/compare/xiaomi-11-ultra-vs-xiaomi-12s-ultra/")

    def test_slugs_containing_vs_are_found(self, client, xiaomi, ultra):
        DeviceFactory(brand=xiaomi, name="Tricky", slug="phone-vs-tablet")
        html = page(client, "/compare/phone-vs-tablet-vs-xiaomi-12s-ultra/")
        assert "Tricky" in html and "Xiaomi 12S Ultra" in html

    @pytest.mark.parametrize(
        "url",
        [
            "/compare/xiaomi-12s-ultra-vs-nothing/",
            "/compare/nothing-vs-xiaomi-12s-ultra/",
            "/compare/xiaomi-12s-ultra/",
            "/compare/-vs-/",
            "/compare/xiaomi-12s-ultra-vs-/",
            "/compare/%3Cscript%3E-vs-xiaomi-12s-ultra/",
            "/compare/" + "a-vs-" * 200 + "b/",
        ],
    )
    def test_unknown_or_malformed_pairs_are_404(self, client, pair, url):
        assert client.get(url).status_code == 404


class TestBrandPage:
    def test_devices_partnerships_and_stories(self, client, xiaomi, ultra):
        leica, huawei = (
            BrandFactory(name="Leica", slug="leica"),
            BrandFactory(name="Huawei", slug="huawei"),
        )
        PartnershipFactory(brand=xiaomi, partner=leica, started_on=dt.date(2022, 1, 1))
        PartnershipFactory(
            brand=huawei,
            partner=leica,
            started_on=dt.date(2016, 1, 1),
            ended_on=dt.date(2022, 1, 1),
        )
        story = link(ArticleFactory(title="Leica on a Xiaomi"), ultra)
        html = page(client, "/brands/leica/")
        current, past = html.split("<h3>Past</h3>")
        assert 'href="/brands/xiaomi/"' in current
        assert 'href="/brands/huawei/"' in past
        xiaomi_page = page(client, "/brands/xiaomi/")
        assert "Xiaomi 12S Ultra" in xiaomi_page and story.title in xiaomi_page

    def test_a_brand_counts_the_devices_with_its_optics(self, client, ultra):
        leica = BrandFactory(name="Leica", slug="leica")
        CameraFactory(device=ultra, role="main", megapixels=50, optics_partner=leica)
        html = page(client, "/brands/leica/")
        devices = html.split('id="devices-heading"')[1].split("</section>")[0]
        assert "No devices yet" not in devices
        assert "With Leica optics (1 device)" in devices
        assert "Xiaomi 12S Ultra" in devices

    def test_a_brand_with_no_devices_says_so(self, client):
        BrandFactory(name="Zeiss", slug="zeiss")
        assert "No devices yet." in page(client, "/brands/zeiss/")

    def test_unknown_brand_is_a_404(self, client):
        assert client.get("/brands/nokia/").status_code == 404


class TestLaunchPages:
    def test_upcoming_first_then_past(self, client, time_machine):
        time_machine.move_to(dt.datetime(2022, 7, 1, tzinfo=dt.UTC))
        LaunchEventFactory(title="Past launch", start_date=dt.date(2022, 6, 1))
        LaunchEventFactory(
            title="Next launch",
            start_date=dt.date(2022, 7, 4),
            start_time=dt.time(19, 30),
        )
        html = page(client, "/launches/")
        assert html.index("Next launch") < html.index("Past launch")
        upcoming = html.split('id="past-heading"')[0]
        assert "Monday 4 July 2022, 19:30" in upcoming
        assert "11:30 UTC" in upcoming
        assert 'data-launch-start="2022-07-04T11:30:00+00:00"' in upcoming
        assert "js/launch-time.js" in html
        assert "<script>" not in html  # no inline script

    def test_a_scheduled_launch_whose_day_has_passed_reads_held_everywhere(
        self, client, time_machine
    ):
        time_machine.move_to(dt.datetime(2022, 7, 10, tzinfo=dt.UTC))
        event = LaunchEventFactory(
            title="Xiaomi 12S launch",
            slug="xiaomi-12s-launch",
            start_date=dt.date(2022, 7, 4),
            status=LaunchEvent.Status.SCHEDULED,
        )
        past = page(client, "/launches/").split('id="past-heading"')[1]
        assert "Xiaomi 12S launch" in past and "Held" in past
        detail = page(client, event.get_absolute_url())
        kicker = detail.split('class="kicker')[1].split("</p>")[0]
        assert "Held" in kicker and "Scheduled" not in kicker

    def test_event_page_lists_devices_and_public_stories(self, client, ultra):
        event = LaunchEventFactory(
            title="Xiaomi 12S launch",
            slug="xiaomi-12s-launch",
            devices=[ultra],
            status=LaunchEvent.Status.POSTPONED,
        )
        story = ArticleFactory(title="Launch date set")
        ArticleLaunchEvent.objects.create(article=story, launch_event=event)
        html = page(client, "/launches/xiaomi-12s-launch/")
        assert "Xiaomi 12S Ultra" in html and "Launch date set" in html
        assert "Postponed" in html
        assert 'href="/launches/xiaomi-12s-launch.ics"' in html

    def test_unknown_event_is_a_404(self, client):
        assert client.get("/launches/nope/").status_code == 404


class TestArticlePage:
    def test_lists_devices_in_this_story(self, client, ultra):
        story = link(ArticleFactory(body="[[specs xiaomi-12s-ultra]]"), ultra)
        html = page(client, story.get_absolute_url())
        assert "Devices in this story" in html
        assert f'href="{ultra.get_absolute_url()}"' in html
        assert "Xiaomi 12S Ultra specs" in html


def fill_device(device, n, source):
    for i in range(n):
        field = SpecFieldFactory(name=f"Field {i}", slug=f"field-{i}")
        SpecClaimFactory(device=device, field=field, source=source)
        SpecClaimFactory(device=device, field=field, source=source, value_number=50)
        CameraFactory(device=device, megapixels=i + 1)
    for _ in range(n):
        link(ArticleFactory(), device)
    LaunchEventFactory(devices=[device])


class TestQueryCounts:
    def count(self, client, url, django_assert_max_num_queries, limit):
        with django_assert_max_num_queries(limit):
            assert client.get(url).status_code == 200

    @pytest.mark.parametrize(
        "url",
        [
            "/devices/xiaomi-12s-ultra/",
            "/devices/xiaomi-12s-ultra/history/",
            "/compare/xiaomi-11-ultra-vs-xiaomi-12s-ultra/",
            "/brands/xiaomi/",
            "/launches/",
            "/news/2022/06/28/four-embeds/",
        ],
    )
    def test_pages_do_not_grow_with_the_data(
        self, client, django_assert_max_num_queries, ultra, old_ultra, url
    ):
        source = SourceFactory()
        LaunchEventFactory(slug="the-launch")
        ArticleFactory(
            slug="four-embeds",
            published_at=dt.datetime(2022, 6, 28, 9, tzinfo=dt.UTC),
            body="[[specs xiaomi-12s-ultra]]\n\n[[cameras xiaomi-12s-ultra]]\n\n"
            "[[event the-launch]]\n\n[[compare xiaomi-12s-ultra xiaomi-11-ultra]]",
        )
        fill_device(ultra, 1, source)
        fill_device(old_ultra, 1, source)
        with django_assert_max_num_queries(15) as small:
            assert client.get(url).status_code == 200
        fill_device(ultra, 20, source)
        fill_device(old_ultra, 20, source)
        with django_assert_max_num_queries(len(small.captured_queries)):
            assert client.get(url).status_code == 200
