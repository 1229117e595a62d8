"""Long listings stop at a bounded number of pages and send readers on to the
archive by month."""

import pytest

from newsroom.core.pagination import BoundedPaginator
from newsroom.models import Article
from newsroom.views import StoryListView
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def short_pages(monkeypatch):
    """Pages of two stories, at most three pages."""
    monkeypatch.setattr(StoryListView, "paginate_by", 2)
    monkeypatch.setattr(BoundedPaginator, "max_pages", 3)


@pytest.fixture
def section():
    section = SectionFactory(slug="phones")
    ArticleFactory.create_batch(7, section=section)
    return section


def test_counts_no_further_than_the_last_page(section):
    paginator = BoundedPaginator(Article.objects.published().order_by("pk"), 2)
    paginator.max_pages = 3
    assert (paginator.count, paginator.num_pages) == (6, 3)
    assert paginator.is_bounded


def test_a_listing_that_fits_is_not_bounded(section):
    paginator = BoundedPaginator(Article.objects.published().order_by("pk"), 5)
    assert (paginator.count, paginator.num_pages) == (7, 2)
    assert not paginator.is_bounded


def test_last_page_links_to_the_archive_by_month(client, short_pages, section):
    page = client.get("/section/phones/?page=3").content.decode()
    assert "Page 3 of 3" in page
    assert 'href="/archive/">Older stories, by month</a>' in page
    assert 'rel="next"' not in page


def test_a_page_past_the_bound_is_not_found(client, short_pages, section):
    assert client.get("/section/phones/?page=4").status_code == 404


def test_a_short_listing_ends_without_the_archive_link(client, short_pages):
    ArticleFactory.create_batch(3, section=SectionFactory(slug="cameras"))
    page = client.get("/section/cameras/?page=2").content.decode()
    assert "Page 2 of 2" in page
    assert "Older stories, by month" not in page
