import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError

from devices.confidence import Confidence
from devices.embeds import Embed, check_lines, find_embeds, validate_embeds
from devices.models import CameraModule
from devices.services import confirm_spec, record_claim, reschedule_event
from newsroom.coverage import sync_coverage
from newsroom.markup import render_bodies, render_markdown
from newsroom.models import ArticleDevice
from tests.devices.factories import (
    CameraFactory,
    DeviceFactory,
    LaunchEventFactory,
    SourceFactory,
    SpecClaimFactory,
    SpecFieldFactory,
)
from tests.factories import ArticleFactory
from tests.pages import squeezed

pytestmark = pytest.mark.django_db

FOUR_EMBEDS = """\
Intro paragraph.

[[specs ultra]]

[[cameras ultra]]

[[event ultra-launch]]

[[compare ultra old-ultra]]
"""


@pytest.fixture
def ultra():
    device = DeviceFactory(name="Xiaomi 12S Ultra", slug="ultra")
    CameraFactory(device=device, megapixels=50)
    CameraFactory(device=device, role=CameraModule.Role.UNKNOWN, megapixels=None)
    return device


@pytest.fixture
def old_ultra():
    return DeviceFactory(name="Xiaomi 11 Ultra", slug="old-ultra")


@pytest.fixture
def launch(ultra):
    return LaunchEventFactory(
        title="Xiaomi 12S launch", slug="ultra-launch", devices=[ultra]
    )


def body_of(article, **kwargs):
    return render_bodies([article], **kwargs)[article.pk]


class TestSyntax:
    def test_finds_each_kind_on_its_own_line(self):
        assert find_embeds(FOUR_EMBEDS) == [
            Embed("specs", ("ultra",)),
            Embed("cameras", ("ultra",)),
            Embed("event", ("ultra-launch",)),
            Embed("compare", ("ultra", "old-ultra")),
        ]

    def test_inside_a_sentence_is_not_an_embed(self):
        assert find_embeds("See [[specs ultra]] for more.") == []

    @pytest.mark.parametrize(
        ("line", "message"),
        [
            ("[[spec ultra]]", "is not an embed"),
            ("[[compare ultra]]", "takes 2 to 4 slugs"),
            ("[[compare a b c d e]]", "takes 2 to 4 slugs"),
            ("[[specs <script>alert(1)</script>]]", "is not a slug"),
            ('[[specs "><img src=x onerror=alert(1)>]]', "takes 1 slug"),
            ("[[event <b>launch</b>]]", "is not a slug"),
        ],
    )
    def test_malformed_lines_are_errors(self, line, message):
        with pytest.raises(ValidationError, match=message):
            validate_embeds(f"Text.\n\n{line}\n")

    def test_unknown_slugs_are_named(self, ultra):
        with pytest.raises(ValidationError) as error:
            validate_embeds("[[compare ultra xiaomi-13-ultra]]\n[[event no-such-day]]")
        assert error.value.messages == [
            "No device has the slug “xiaomi-13-ultra”.",
            "No launch event has the slug “no-such-day”.",
        ]

    def test_known_slugs_pass(self, ultra, old_ultra, launch):
        validate_embeds(FOUR_EMBEDS)


class TestSavedHtml:
    @pytest.mark.parametrize(
        "line",
        [
            "[[specs <script>alert(1)</script>]]",
            '[[specs x" onmouseover="alert(1)]]',
            "[[specs <img src=x onerror=alert(1)>]]",
        ],
    )
    def test_hostile_embed_lines_render_inert(self, line):
        html = render_markdown(f"Text.\n\n{line}\n")
        assert "<script" not in html
        assert not re.search(r"<[^>]*\son\w+=", html), html
        assert "embed-placeholder" not in html

    def test_embed_becomes_a_placeholder(self):
        html = render_markdown("Text.\n\n[[specs ultra]]\n\nMore.")
        assert (
            '<div class="embed-placeholder" data-embed="specs" data-slugs="ultra">'
            in html
        )
        assert "<p>[[" not in html

    def test_embed_in_a_code_block_stays_text(self):
        html = render_markdown("```\n[[specs ultra]]\n```")
        assert "embed-placeholder" not in html
        assert "[[specs ultra]]" in html


class TestRendering:
    def test_four_embeds_show_current_data(self, ultra, old_ultra, launch):
        field = SpecFieldFactory(name="Main camera", slug="main-camera")
        SpecClaimFactory(device=ultra, field=field, value_number=50)
        SpecClaimFactory(device=old_ultra, field=field, value_number=48)
        html = body_of(ArticleFactory(body=FOUR_EMBEDS))
        assert "<caption>Xiaomi 12S Ultra specs</caption>" in html
        assert "<caption>Xiaomi 12S Ultra cameras</caption>" in html
        assert "Xiaomi 12S launch" in html
        assert "Xiaomi 12S Ultra is better" in html
        assert "embed-placeholder" not in html

    def test_confirming_a_spec_updates_the_story_without_saving_it(self, ultra):
        field = SpecFieldFactory(name="Ultrawide", slug="ultrawide")
        record_claim(
            device=ultra,
            field=field,
            value=48,
            confidence=Confidence.RUMOURED,
            stated_on=dt.date(2022, 6, 1),
        )
        story = ArticleFactory(body="[[specs ultra]]")
        saved_html = story.body_html
        assert "Rumoured" in body_of(story)
        confirm_spec(device=ultra, field=field, value=48, source=SourceFactory())
        story.refresh_from_db()
        assert story.body_html == saved_html
        assert "Confirmed" in body_of(story)

    def test_unknown_values_and_cameras_show_as_unknown(self, ultra):
        SpecClaimFactory(device=ultra, value_number=None, is_unknown=True)
        html = squeezed(
            body_of(ArticleFactory(body="[[specs ultra]]\n\n[[cameras ultra]]"))
        )
        specs, cameras = html.split("embed--cameras")
        assert specs.count('class="value--unknown">Unknown<') == 1
        # An unknown camera says so once, not Unknown/Unknown/—.
        assert cameras.count('class="value--unknown" colspan="3">Unknown sensor<') == 1
        mystery = cameras.split('<th scope="row">Unknown</th>')[1].split("</tr>")[0]
        assert "Unknown</td>" not in mystery.replace("Unknown sensor</td>", "")

    def test_whole_day_event_shows_just_the_date(self, launch):
        html = body_of(ArticleFactory(body="[[event ultra-launch]]"))
        assert '<time datetime="2022-07-04">Monday 4 July 2022</time>' in html
        assert "00:00" not in re.sub(r"<[^>]+>", "", html)
        assert 'href="/launches/ultra-launch.ics"' in html
        assert "data-whole-day" in html

    def test_timed_event_shows_venue_time_and_utc(self, launch):
        launch.start_time = dt.time(19, 30)
        launch.save()
        html = body_of(ArticleFactory(body="[[event ultra-launch]]"))
        assert "Monday 4 July 2022, 19:30" in html
        assert "Asia/Shanghai time" in html
        assert "4 July 2022, 11:30 UTC" in html

    def test_a_moved_event_says_so(self, launch):
        reschedule_event(event=launch, start_date=dt.date(2022, 7, 5))
        html = body_of(ArticleFactory(body="[[event ultra-launch]]"))
        assert "<strong>Postponed</strong>" in html
        assert (
            'Moved from <time datetime="2022-07-04">Monday 4 July 2022</time>' in html
        )
        assert "Tuesday 5 July 2022" in html

    def test_feeds_get_plain_tables_with_absolute_links(self, settings, launch):
        settings.SITE_URL = "https://news.example.com"
        html = body_of(
            ArticleFactory(body="[[event ultra-launch]]\n\n[[specs ultra]]"),
            plain=True,
        )
        assert "<table" in html
        assert 'href="https://news.example.com/launches/ultra-launch/"' in html
        assert "data-launch-start" not in html
        assert "<script" not in html

    def test_an_embed_of_a_deleted_device_disappears(self, ultra):
        story = ArticleFactory(body="Before.\n\n[[specs ultra]]\n\nAfter.")
        ultra.delete()
        html = body_of(story)
        assert "Before." in html and "After." in html
        assert "embed" not in html


class TestQueryCounts:
    def make_specs(self, device, count):
        source = SourceFactory()
        for n in range(count):
            field = SpecFieldFactory(name=f"Spec {n}", slug=f"spec-{n}")
            SpecClaimFactory(device=device, field=field, source=source)
            SpecClaimFactory(device=device, field=field, source=source)
            CameraFactory(device=device, megapixels=n + 1)

    def test_stories_with_embeds_render_in_fixed_queries(
        self, django_assert_max_num_queries, ultra, old_ultra, launch
    ):
        self.make_specs(ultra, 1)
        small = ArticleFactory(body=FOUR_EMBEDS)
        with django_assert_max_num_queries(6):
            body_of(small)

        self.make_specs(old_ultra, 25)
        more = [DeviceFactory() for _ in range(5)]
        for device in more:
            self.make_specs(device, 3)
        big_body = FOUR_EMBEDS + "".join(
            f"\n[[specs {d.slug}]]\n\n[[compare {d.slug} ultra]]\n" for d in more
        )
        stories = [ArticleFactory(body=big_body) for _ in range(3)]
        with django_assert_max_num_queries(6):
            bodies = render_bodies(stories)
        assert all("embed-placeholder" not in html for html in bodies.values())


class TestCoverage:
    def test_embeds_link_devices_and_events(self, ultra, old_ultra, launch):
        story = ArticleFactory(body=FOUR_EMBEDS)
        sync_coverage(article=story)
        assert set(story.devices.all()) == {ultra, old_ultra}
        assert list(story.launch_events.all()) == [launch]
        assert list(ultra.articles.published()) == [story]

    def test_removing_an_embed_removes_its_link_but_not_manual_ones(
        self, ultra, old_ultra
    ):
        by_hand = DeviceFactory()
        story = ArticleFactory(body="[[compare ultra old-ultra]]")
        ArticleDevice.objects.create(article=story, device=by_hand)
        sync_coverage(article=story)
        story.body = "[[specs ultra]]"
        story.save()
        sync_coverage(article=story)
        assert set(story.devices.all()) == {ultra, by_hand}

    def test_a_manual_link_survives_its_embed_going(self, ultra):
        story = ArticleFactory(body="[[specs ultra]]")
        ArticleDevice.objects.create(article=story, device=ultra)
        sync_coverage(article=story)
        story.body = "No embeds now."
        story.save()
        sync_coverage(article=story)
        assert list(story.devices.all()) == [ultra]


def test_line_checks_number_lines_and_name_what_the_save_would(ultra):
    body = "Intro.\r\n\r\n[[specs ultra]]\r[[specs ultar]]\n[[spex ultra]]\n    [[x]]"
    checks = check_lines(body)
    # The indented line is a code block, not an embed.
    assert [(c.number, c.line, c.problems) for c in checks[:2]] == [
        (3, "[[specs ultra]]", ()),
        (4, "[[specs ultar]]", ("No device has the slug “ultar”.",)),
    ]
    assert checks[2].embed is None and "is not an embed" in checks[2].problems[0]
    assert len(checks) == 3
    with pytest.raises(ValidationError) as refused:
        validate_embeds(body)
    assert set(refused.value.messages) == {
        problem for check in checks for problem in check.problems
    }
