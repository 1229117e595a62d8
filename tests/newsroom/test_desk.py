"""The desk on the admin's home: each role's queues, in every story state."""

import datetime as dt

import pytest
from django.utils import timezone

from devices.models import Source, SpecClaim
from newsroom import services
from newsroom.desk import desk_for
from newsroom.models import Author
from tests.devices.factories import DeviceFactory, SourceFactory, SpecFieldFactory
from tests.factories import ArticleFactory, AuthorFactory, UserFactory

pytestmark = pytest.mark.django_db


def story(title, *, status, when=None, by=None):
    author = by and (Author.objects.filter(user=by).first() or AuthorFactory(user=by))
    authors = [author] if author else None
    return ArticleFactory(
        title=title, status=status, published_at=when, authors=authors
    )


@pytest.fixture
def newsroom(editor, contributor):
    now = timezone.now()
    other = UserFactory(role="Editors")
    return {
        "my draft": story("Contributor draft", status="draft", by=contributor),
        "editor draft": story("Editor draft", status="draft", by=editor),
        "others draft": story("Someone else's draft", status="draft", by=other),
        "review": story("Waiting story", status="draft", by=contributor),
        "editor review": story("Editor's review", status="review", by=other),
        "tomorrow": story(
            "Goes live tomorrow",
            status="published",
            when=now + dt.timedelta(days=1),
        ),
        "later": story(
            "Goes live next month",
            status="published",
            when=now + dt.timedelta(days=40),
        ),
        "live": story("Live story", status="published", when=now - dt.timedelta(1)),
    }


def titles(stories):
    return [s.title for s in stories]


def test_an_editors_desk(editor, contributor, newsroom):
    services.submit_for_review(article=newsroom["review"], by=contributor)
    desk = desk_for(editor)
    assert titles(desk.drafts) == ["Editor draft"]
    queue = {item.story.title: item for item in desk.review_queue}
    assert set(queue) == {"Waiting story", "Editor's review"}
    who = contributor.get_full_name() or contributor.get_username()
    assert queue["Waiting story"].by == who
    assert queue["Waiting story"].at is not None
    days = [titles(day.stories) for day in desk.calendar]
    assert len(days) == 7 and ["Goes live tomorrow"] in days
    assert desk.scheduled_later == 1
    assert "Live story" in titles(desk.recently_published)
    assert "Goes live tomorrow" not in titles(desk.recently_published)


def test_a_contributors_desk_holds_their_own_stories_only(contributor, newsroom):
    services.submit_for_review(article=newsroom["review"], by=contributor)
    desk = desk_for(contributor)
    assert titles(desk.drafts) == ["Contributor draft"]
    assert [item.story.title for item in desk.review_queue] == ["Waiting story"]
    assert all(not day.stories for day in desk.calendar)
    assert desk.scheduled_later == 0
    assert not desk.is_editor


def test_the_admin_home_shows_the_desk(client, editor, newsroom):
    client.force_login(editor)
    page = client.get("/admin/").content.decode()
    for heading in ("My drafts", "Review queue", "Scheduled", "Recently published"):
        assert heading in page
    assert "Editor draft" in page and "Goes live tomorrow" in page


def test_an_empty_newsroom_has_an_empty_desk(client, contributor):
    client.force_login(contributor)
    page = client.get("/admin/").content.decode()
    assert "No drafts of yours." in page
    assert "Nothing waiting for review." in page


def test_devices_with_open_claims(client, editor):
    chipset = SpecFieldFactory(name="Chipset", kind="text")
    battery = SpecFieldFactory(name="Battery", kind="number", unit="mAh")
    rumoured = DeviceFactory(name="Rumoured phone")
    settled = DeviceFactory(name="Settled phone")
    bare = DeviceFactory(name="Phone with no specs")
    # Open until the official word arrives (devices.settlement).
    official = SourceFactory(name="Maker", kind=Source.Kind.OFFICIAL)
    leaker = SourceFactory(name="Leaker")
    SpecClaim.objects.create(
        device=rumoured,
        field=chipset,
        value_text="X1",
        confidence="rumoured",
        source=leaker,
    )
    SpecClaim.objects.create(
        device=rumoured,
        field=battery,
        value_number=5000,
        confidence="confirmed",
        source=official,
    )
    SpecClaim.objects.create(
        device=settled,
        field=chipset,
        value_text="X1",
        confidence="expected",
        source=leaker,
    )
    SpecClaim.objects.create(
        device=settled,
        field=chipset,
        value_text="X1",
        confidence="confirmed",
        source=official,
    )
    open_devices = desk_for(editor).devices_with_open_claims
    assert [(d.name, d.open_claims) for d in open_devices] == [("Rumoured phone", 1)]
    assert bare not in open_devices
    client.force_login(editor)
    assert "Rumoured phone" in client.get("/admin/").content.decode()
