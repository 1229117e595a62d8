import datetime as dt

import pytest
from django.utils import timezone

from newsroom.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories():
    return {
        "headline": ArticleFactory(
            title="Leica cameras on the Xiaomi 12S", body="A launch in July."
        ),
        "body": ArticleFactory(
            title="Camera brands and phones",
            body="Vivo works with Zeiss while Xiaomi signs Leica.",
        ),
        "other": ArticleFactory(title="OnePlus and Hasselblad", body="Colour tuning."),
    }


def titles(response):
    return [story.title for story in response.context["stories"]]


def test_finds_public_stories_headline_matches_first(client, stories):
    response = client.get("/search/", {"q": "Leica"})
    assert response.status_code == 200
    assert titles(response) == [stories["headline"].title, stories["body"].title]


def test_every_word_must_match(client, stories):
    assert titles(client.get("/search/", {"q": "Zeiss Leica"})) == [
        stories["body"].title
    ]


@pytest.mark.parametrize(
    "changes",
    [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.REVIEW},
        {"published_at": timezone.now() + dt.timedelta(days=1)},
    ],
    ids=["draft", "review", "scheduled"],
)
def test_non_public_stories_are_never_found(client, changes):
    story = ArticleFactory(title="Secret embargoed Leica phone")
    Article.objects.filter(pk=story.pk).update(**changes)
    assert titles(client.get("/search/", {"q": "embargoed"})) == []


def test_scheduled_story_is_found_once_its_time_comes(client, time_machine):
    now = timezone.now()
    ArticleFactory(
        title="Scheduled Leica review", published_at=now + dt.timedelta(hours=1)
    )
    assert titles(client.get("/search/", {"q": "review"})) == []
    time_machine.move_to(now + dt.timedelta(hours=2))
    assert titles(client.get("/search/", {"q": "review"})) == ["Scheduled Leica review"]


def test_empty_search_shows_the_form(client, stories):
    response = client.get("/search/")
    assert response.status_code == 200
    assert "Search stories" in response.content.decode()


@pytest.mark.parametrize(
    "query", ["x" * 5000, "\x00", "%", "' OR 1=1 --", "<b>", "ü ß 你好"]
)
def test_odd_queries_are_answered_calmly(client, stories, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert "<b>" not in response.content.decode().split("<main", 1)[1]


def test_pagination_keeps_the_query(client):
    ArticleFactory.create_batch(25, title="Leica story")
    page = client.get("/search/", {"q": "Leica"}).content.decode()
    assert 'href="?q=Leica&amp;page=2"' in page


def test_devices_are_found_by_name_and_by_leaked_name(client):
    from devices.models import DeviceAlias
    from tests.devices.factories import DeviceFactory

    ultra = DeviceFactory(name="Xiaomi 12S Ultra", slug="xiaomi-12s-ultra")
    DeviceAlias.objects.create(device=ultra, name="12 Ultra")
    DeviceFactory(name="Vivo X80 Pro", slug="vivo-x80-pro")

    by_name = client.get("/search/", {"q": "12S Ultra"})
    assert list(by_name.context["devices"]) == [ultra]
    assert 'href="/devices/xiaomi-12s-ultra/"' in by_name.content.decode()

    by_leak = client.get("/search/", {"q": "12 Ultra"})
    assert list(by_leak.context["devices"]) == [ultra]
    assert list(client.get("/search/", {"q": "Pixel"}).context["devices"]) == []
