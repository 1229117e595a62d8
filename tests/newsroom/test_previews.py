"""Staff previews and share links for stories readers cannot see yet."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from newsroom.models import Article, ShareLink
from tests.factories import ArticleFactory, ShareLinkFactory, UserFactory
from tests.newsroom.admin.helpers import form_data
from tests.pages import squeezed

pytestmark = pytest.mark.django_db


def preview_url(story):
    return reverse("newsroom:article-preview", kwargs={"pk": story.pk})


@pytest.fixture
def draft():
    return ArticleFactory(
        title="Embargoed: 12S Ultra review", status=Article.Status.DRAFT
    )


def assert_private_page(response):
    assert response.status_code == 200
    page = squeezed(response.content.decode())
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert "Preview: not public." in page
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Cache-Control"] == "private, no-store"


def test_readers_cannot_open_a_preview(client, draft):
    assert client.get(preview_url(draft)).status_code == 404
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(UserFactory(is_staff=False))
    assert client.get(preview_url(draft)).status_code == 404


def test_staff_preview_renders_the_reader_template(client, draft):
    client.force_login(UserFactory(role="Editors"))
    response = client.get(preview_url(draft))
    assert_private_page(response)
    assert "newsroom/article_detail.html" in [t.name for t in response.templates]
    assert "Embargoed: 12S Ultra review" in response.content.decode()


def test_change_form_links_to_the_preview(client, draft):
    client.force_login(UserFactory(role="Editors"))
    page = client.get(f"/admin/newsroom/article/{draft.pk}/change/")
    assert preview_url(draft) in page.content.decode()


def test_share_link_lets_someone_without_an_account_read(client, draft):
    link = ShareLinkFactory(article=draft)
    response = client.get(link.get_absolute_url())
    assert_private_page(response)
    assert "Embargoed: 12S Ultra review" in response.content.decode()


def test_share_link_stops_at_its_expiry(client, draft, time_machine):
    time_machine.move_to(dt.datetime(2030, 1, 1, 12, tzinfo=dt.UTC))
    link = ShareLinkFactory(
        article=draft, expires_at=timezone.now() + dt.timedelta(hours=2)
    )
    time_machine.move_to(dt.datetime(2030, 1, 1, 13, 59, tzinfo=dt.UTC))
    assert client.get(link.get_absolute_url()).status_code == 200
    time_machine.move_to(dt.datetime(2030, 1, 1, 14, 0, 1, tzinfo=dt.UTC))
    assert client.get(link.get_absolute_url()).status_code == 404


def test_revoked_share_link_is_closed(client, draft):
    link = ShareLinkFactory(article=draft)
    link.revoked = True
    link.save()
    assert client.get(link.get_absolute_url()).status_code == 404
    assert client.get("/shared/made-up-token/").status_code == 404


def test_share_link_leads_to_the_public_page_after_publication(client, draft):
    link = ShareLinkFactory(article=draft)
    draft.status = Article.Status.PUBLISHED
    draft.published_at = timezone.now() - dt.timedelta(minutes=1)
    draft.save()
    response = client.get(link.get_absolute_url())
    assert response.status_code == 302
    assert response.url == draft.get_absolute_url()


def test_editor_makes_and_revokes_a_share_link_in_the_admin(client, draft):
    editor = UserFactory(role="Editors")
    client.force_login(editor)
    url = f"/admin/newsroom/article/{draft.pk}/change/"
    data = form_data(client.get(url))
    data.update(
        {
            "share_links-TOTAL_FORMS": "1",
            "share_links-0-note": "Leica press office",
            "share_links-0-expires_at_0": "2099-01-01",
            "share_links-0-expires_at_1": "12:00",
        }
    )
    assert client.post(url, data).status_code == 302
    link = ShareLink.objects.get()
    assert link.created_by == editor and link.note == "Leica press office"
    assert len(link.token) >= 32
    assert client.get(link.get_absolute_url()).status_code == 200

    data = form_data(client.get(url))
    data["share_links-0-revoked"] = "on"
    assert client.post(url, data).status_code == 302
    client.logout()
    assert client.get(link.get_absolute_url()).status_code == 404


def test_contributors_cannot_make_share_links(client):
    contributor = UserFactory(role="Contributors")
    client.force_login(contributor)
    page = client.get("/admin/newsroom/article/add/")
    assert "share_links-TOTAL_FORMS" not in page.content.decode()
