import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsroom.core.page_cache import content_changed
from newsroom.models import Article, Correction
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, TagFactory
from tests.pages import squeezed

pytestmark = pytest.mark.django_db


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.fixture
def story():
    tag = TagFactory(name="Leica", slug="leica")
    section = SectionFactory(name="Phones", slug="phones")
    first, second = AuthorFactory(name="Ann Writer"), AuthorFactory(name="Bo Editor")
    return ArticleFactory(
        title="Xiaomi 12S series launching July 4 with Leica cameras",
        slug="xiaomi-12s",
        dek="The first Leica phones.",
        body="The **12S Ultra** leads.",
        section=section,
        tags=[tag],
        authors=[first, second],
        published_at=dt.datetime(2022, 6, 28, 9, 30, tzinfo=dt.UTC),
    )


class TestArticlePage:
    def test_shows_the_story(self, client, story):
        response = client.get("/news/2022/06/28/xiaomi-12s/")
        assert response.status_code == 200
        page = response.content.decode()
        assert "<h1>Xiaomi 12S series launching July 4 with Leica cameras</h1>" in page
        assert "The first Leica phones." in page
        assert "<strong>12S Ultra</strong>" in page
        assert 'href="/tag/leica/"' in page
        assert 'href="/section/phones/"' in page

    def test_bylines_link_to_author_pages_in_order(self, client, story):
        page = client.get(story.get_absolute_url()).content.decode()
        first, second = (b.author for b in story.bylines.all())
        assert f'href="{first.get_absolute_url()}">Ann Writer</a> and ' in page
        assert f'href="{second.get_absolute_url()}">Bo Editor</a>' in page

    def test_shows_updated_date_only_after_an_edit(self, client, story):
        assert "updated" not in client.get(story.get_absolute_url()).content.decode()
        later = timezone.now() + dt.timedelta(hours=1)
        Article.objects.filter(pk=story.pk).update(updated_at=later)
        content_changed()  # an update() sends no signal; a save would
        assert ", updated" in client.get(story.get_absolute_url()).content.decode()

    def test_shows_corrections(self, client, story):
        Correction.objects.create(article=story, text="The date was wrong.")
        page = client.get(story.get_absolute_url()).content.decode()
        assert "The date was wrong." in page

    def test_wrong_date_in_the_address_is_404(self, client, story):
        assert client.get("/news/2022/06/29/xiaomi-12s/").status_code == 404

    @pytest.mark.parametrize(
        "url",
        [
            "/news/2022/13/01/xiaomi-12s/",
            "/news/2022/02/31/xiaomi-12s/",
            "/news/9999/12/31/xiaomi-12s/",
            "/news/0000/01/01/xiaomi-12s/",
        ],
    )
    def test_impossible_dates_are_404(self, client, story, url):
        assert client.get(url).status_code == 404

    @pytest.mark.parametrize(
        "changes",
        [
            {"status": Article.Status.DRAFT},
            {"status": Article.Status.REVIEW},
            {"published_at": timezone.now() + dt.timedelta(hours=1)},
        ],
        ids=["draft", "review", "scheduled"],
    )
    def test_non_public_stories_are_404_everywhere(self, client, story, changes):
        url = story.get_absolute_url()
        Article.objects.filter(pk=story.pk).update(**changes)
        assert client.get(url).status_code == 404
        for page in ["/", "/section/phones/", "/tag/leica/", "/archive/"]:
            assert story.title not in client.get(page).content.decode()
        author = story.bylines.first().author
        assert story.title not in client.get(author.get_absolute_url()).content.decode()

    def test_related_stories_are_shown(self, client, story):
        ArticleFactory(title="Leica and Huawei part ways", tags=list(story.tags.all()))
        page = client.get(story.get_absolute_url()).content.decode()
        assert "Related stories" in page
        assert "Leica and Huawei part ways" in page

    def test_styled_404_page(self, client):
        response = client.get("/news/2022/06/28/no-such-story/")
        assert response.status_code == 404
        assert "We could not find that page" in response.content.decode()


class TestListings:
    def test_home_leads_with_the_featured_story(self, client, story):
        ArticleFactory(title="A newer story")
        Article.objects.filter(pk=story.pk).update(featured=True)
        response = client.get("/")
        assert response.context["lead"] == story
        assert story not in response.context["stories"]
        assert "A newer story" in response.content.decode()

    def test_home_shows_sections_with_their_stories(self, client, story):
        page = client.get("/").content.decode()
        assert 'href="/section/phones/"' in page

    def test_section_page_lists_only_its_stories(self, client, story):
        ArticleFactory(title="From another section")
        page = client.get("/section/phones/").content.decode()
        assert story.title in page
        assert "From another section" not in page

    def test_tag_page(self, client, story):
        assert story.title in client.get("/tag/leica/").content.decode()

    def test_author_page(self, client, story):
        author = story.bylines.first().author
        page = client.get(author.get_absolute_url()).content.decode()
        assert "Ann Writer" in page
        assert story.title in page

    def test_month_archive(self, client, story):
        assert story.title in client.get("/archive/2022/06/").content.decode()
        assert client.get("/archive/2022/05/").status_code == 404

    def test_archive_index_lists_months(self, client, story):
        assert 'href="/archive/2022/06/"' in client.get("/archive/").content.decode()

    @pytest.mark.parametrize(
        "url", ["/section/nope/", "/tag/nope/", "/author/nope/", "/archive/2022/99/"]
    )
    def test_unknown_pages_are_404(self, client, url):
        assert client.get(url).status_code == 404

    @pytest.mark.parametrize("page", ["0", "3", "abc", "-1", "1.5", "9" * 30])
    @pytest.mark.parametrize(
        "url",
        ["/", "/section/phones/", "/tag/leica/", "/archive/", "/archive/2022/06/"],
    )
    def test_bad_page_numbers_are_404(self, client, settings, story, url, page):
        response = client.get(url, {"page": page})
        assert response.status_code == 404

    def test_pages_are_paginated(self, client, settings, story):
        ArticleFactory.create_batch(25, section=story.section)
        first = client.get("/section/phones/")
        assert len(first.context["stories"]) == 20
        assert 'rel="next" href="?page=2"' in squeezed(first.content.decode())
        assert len(client.get("/section/phones/?page=2").context["stories"]) == 6
        assert client.get("/section/phones/?page=last").status_code == 200


class TestQueryCounts:
    """Listings cost the same whatever the number of stories, bylines and tags."""

    def make_stories(self, count, section, tag, author):
        for _ in range(count):
            ArticleFactory(
                section=section,
                tags=[tag, TagFactory()],
                authors=[author, AuthorFactory()],
                published_at=dt.datetime(2022, 6, 10, tzinfo=dt.UTC),
            )

    @pytest.mark.parametrize(
        "url",
        ["/", "/section/phones/", "/tag/leica/", "/archive/", "/archive/2022/06/"],
    )
    def test_listing_queries_do_not_grow(
        self, client, story, url, django_assert_max_num_queries
    ):
        section, tag = story.section, story.tags.get()
        author = story.bylines.first().author
        self.make_stories(2, section, tag, author)
        few = count_queries(client, url)
        self.make_stories(15, section, tag, author)
        with django_assert_max_num_queries(few):
            client.get(url)
        assert few <= 10

    def test_author_page_queries_do_not_grow(
        self, client, story, django_assert_max_num_queries
    ):
        section, tag = story.section, story.tags.get()
        author = story.bylines.first().author
        self.make_stories(2, section, tag, author)
        few = count_queries(client, author.get_absolute_url())
        self.make_stories(15, section, tag, author)
        with django_assert_max_num_queries(few):
            client.get(author.get_absolute_url())

    def test_article_page_queries_do_not_grow(
        self, client, story, django_assert_max_num_queries
    ):
        few = count_queries(client, story.get_absolute_url())
        tags = TagFactory.create_batch(5)
        story.tags.add(*tags)
        for _ in range(5):
            ArticleFactory(tags=tags)
        with django_assert_max_num_queries(few):
            client.get(story.get_absolute_url())
