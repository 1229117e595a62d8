import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from newsroom.models import Article
from tests.factories import ArticleFactory, TagFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2022, 6, 28, 12, 0, tzinfo=dt.UTC)


class TestPublicationRule:
    @pytest.fixture(autouse=True)
    def frozen_clock(self, time_machine):
        time_machine.move_to(NOW, tick=False)
        return time_machine

    def test_published_story_in_the_past_is_public(self):
        story = ArticleFactory(published_at=NOW - dt.timedelta(minutes=1))
        assert list(Article.objects.published()) == [story]

    def test_story_published_this_very_second_is_public(self):
        story = ArticleFactory(published_at=NOW)
        assert list(Article.objects.published()) == [story]

    @pytest.mark.parametrize("status", [Article.Status.DRAFT, Article.Status.REVIEW])
    def test_unpublished_statuses_are_never_public(self, status):
        ArticleFactory(status=status, published_at=NOW - dt.timedelta(days=1))
        assert not Article.objects.published().exists()

    def test_scheduled_story_is_hidden_until_its_time_then_appears_by_itself(
        self, frozen_clock
    ):
        story = ArticleFactory(published_at=NOW + dt.timedelta(hours=2))
        assert not Article.objects.published().exists()
        assert not story.is_public

        frozen_clock.move_to(NOW + dt.timedelta(hours=2, seconds=1), tick=False)
        assert list(Article.objects.published()) == [story]
        assert story.is_public

    def test_published_takes_an_injected_clock(self):
        story = ArticleFactory(published_at=NOW + dt.timedelta(days=1))
        assert not Article.objects.published(now=NOW).exists()
        later = NOW + dt.timedelta(days=2)
        assert list(Article.objects.published(now=later)) == [story]


class TestArticle:
    def test_body_is_rendered_once_at_save(self):
        story = ArticleFactory(body="Hello *readers*")
        assert story.body_html == "<p>Hello <em>readers</em></p>"
        story.body = "Changed"
        story.save()
        assert Article.objects.get(pk=story.pk).body_html == "<p>Changed</p>"

    def test_hero_image_needs_alt_text(self):
        story = ArticleFactory.build(
            hero_image=SimpleUploadedFile("hero.png", b"x"), hero_alt="  "
        )
        with pytest.raises(ValidationError) as error:
            story.clean()
        assert "hero_alt" in error.value.message_dict

    def test_updated_only_when_edited_after_publication(self):
        with time_machine.travel(NOW, tick=False):
            story = ArticleFactory(published_at=NOW)
        assert not story.was_updated
        with time_machine.travel(NOW + dt.timedelta(hours=3), tick=False):
            story.save()
        assert story.was_updated

    def test_address_carries_the_local_publication_date(self, settings):
        settings.TIME_ZONE = "Asia/Shanghai"
        story = ArticleFactory(
            slug="late-night", published_at=dt.datetime(2022, 7, 3, 20, tzinfo=dt.UTC)
        )
        # 20:00 UTC on 3 July is already 4 July in Beijing.
        assert story.get_absolute_url() == "/news/2022/07/04/late-night/"

    def test_related_stories_share_tags_most_shared_first(self):
        xiaomi, leica, huawei = TagFactory.create_batch(3)
        story = ArticleFactory(tags=[xiaomi, leica])
        both = ArticleFactory(tags=[xiaomi, leica], published_at=NOW)
        one = ArticleFactory(tags=[leica])
        ArticleFactory(tags=[huawei])
        related = list(Article.objects.published().related_to(story))
        assert related == [both, one]


class TestLatestPerSection:
    def test_newest_few_of_every_section_in_navigation_order(self, time_machine):
        from tests.factories import SectionFactory

        time_machine.move_to(NOW, tick=False)

        phones = SectionFactory(name="Phones", slug="phones", position=2)
        cameras = SectionFactory(name="Cameras", slug="cameras", position=1)
        empty = SectionFactory(name="Empty", slug="empty", position=0)
        ages = [1, 2, 3, 4, 5]
        phone_stories = [
            ArticleFactory(section=phones, published_at=NOW - dt.timedelta(hours=h))
            for h in ages
        ]
        camera_story = ArticleFactory(section=cameras)
        ArticleFactory(section=empty, status=Article.Status.DRAFT)
        latest = list(Article.objects.published().latest_per_section(per_section=3))
        assert latest == [camera_story, *phone_stories[:3]]

    def test_a_scheduled_story_joins_its_section_when_its_time_comes(
        self, time_machine
    ):
        time_machine.move_to(NOW, tick=False)
        old = ArticleFactory(published_at=NOW - dt.timedelta(days=1))
        scheduled = ArticleFactory(
            section=old.section, published_at=NOW + dt.timedelta(hours=1)
        )

        def rail():
            return list(Article.objects.published().latest_per_section(per_section=1))

        assert rail() == [old]
        time_machine.move_to(NOW + dt.timedelta(hours=1), tick=False)
        assert rail() == [scheduled]


class TestArchiveMonths:
    """The archive index's months: only those with a public story, in the
    newsroom's time zone, however long the archive."""

    def months(self):
        return [
            (m.year, m.month, m.tzinfo is not None)
            for m in Article.objects.published().months()
        ]

    def test_no_public_story_no_months(self, time_machine):
        time_machine.move_to(NOW, tick=False)
        ArticleFactory(status=Article.Status.DRAFT, published_at=None)
        assert self.months() == []

    def test_months_with_public_stories_newest_first_gaps_left_out(self, time_machine):
        time_machine.move_to(NOW, tick=False)
        for day in [dt.date(2022, 6, 1), dt.date(2022, 3, 31), dt.date(2021, 12, 5)]:
            ArticleFactory(
                published_at=dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)
            )
        # A draft in May and a story scheduled for July make no month.
        ArticleFactory(
            status=Article.Status.DRAFT,
            published_at=dt.datetime(2022, 5, 2, tzinfo=dt.UTC),
        )
        ArticleFactory(published_at=dt.datetime(2022, 7, 2, tzinfo=dt.UTC))
        assert self.months() == [
            (2022, 6, True),
            (2022, 3, True),
            (2021, 12, True),
        ]

    def test_a_month_is_the_newsrooms_month(self, settings, time_machine):
        settings.TIME_ZONE = "Asia/Shanghai"
        time_machine.move_to(NOW, tick=False)
        # 31 May 20:00 UTC is 1 June 04:00 in Shanghai.
        ArticleFactory(published_at=dt.datetime(2022, 5, 31, 20, tzinfo=dt.UTC))
        assert self.months() == [(2022, 6, True)]

    def test_queries_do_not_grow_with_the_archive(
        self, time_machine, django_assert_max_num_queries
    ):
        time_machine.move_to(NOW, tick=False)
        for month in range(1, 13):
            ArticleFactory(published_at=dt.datetime(2021, month, 3, tzinfo=dt.UTC))
        with django_assert_max_num_queries(3):
            assert len(self.months()) == 12
