import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from newsroom.models import Article, Author, Section, Tag

pytestmark = pytest.mark.django_db

SEED_SLUG = "xiaomi-12s-series-launching-july-4-leica-cameras"


def snapshot():
    return {
        "articles": sorted(Article.objects.values_list("slug", "updated_at", "body")),
        "authors": Author.objects.count(),
        "sections": sorted(Section.objects.values_list("slug", flat=True)),
        "tags": Tag.objects.count(),
    }


def test_load_demo_is_idempotent():
    call_command("load_demo", stdout=None)
    first = snapshot()
    call_command("load_demo")
    assert snapshot() == first


def test_demo_has_the_seed_story_with_its_byline(client):
    call_command("load_demo")
    story = Article.objects.published().get(slug=SEED_SLUG)
    assert "Xiaomi" in story.title and "Leica" in story.title
    assert [b.author.name for b in story.bylines.all()] == ["Michael Allison"]
    assert set(Section.objects.values_list("name", flat=True)) >= {
        "News",
        "Phones",
        "Cameras",
    }
    assert client.get(story.get_absolute_url()).status_code == 200
    assert client.get("/").context["lead"] == story


def test_demo_editor_can_sign_in(client, settings):
    call_command("load_demo")
    assert client.login(username="editor", password=settings.DEMO_EDITOR_PASSWORD)
    assert client.get("/admin/newsroom/article/").status_code == 200


def test_demo_accounts_have_roles_not_superpowers(client, settings):
    call_command("load_demo")
    User = get_user_model()
    editor = User.objects.get(username="editor")
    contributor = User.objects.get(username="contributor")
    assert not editor.is_superuser and not contributor.is_superuser
    assert list(editor.groups.values_list("name", flat=True)) == ["Editors"]
    assert list(contributor.groups.values_list("name", flat=True)) == ["Contributors"]
    assert contributor.author.slug == "dana-okafor"
    assert client.login(
        username="contributor", password=settings.DEMO_CONTRIBUTOR_PASSWORD
    )
    assert client.get("/admin/newsroom/article/add/").status_code == 200
    assert client.get("/admin/newsroom/article/recover/").status_code == 403
