"""A refused save keeps the chosen hero image: the next save uses it."""

from io import BytesIO

import pytest
from PIL import Image

from newsroom.core.pending_uploads import FIELD, read_token, token_for
from newsroom.models import Article
from tests.factories import UserFactory
from tests.newsroom.admin.test_site import article_form

pytestmark = pytest.mark.django_db

ADD = "/admin/newsroom/article/add/"


def png(name="hero.png"):
    buffer = BytesIO()
    Image.new("RGB", (40, 20), "red").save(buffer, "PNG")
    buffer.seek(0)
    buffer.name = name
    return buffer


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def refused_with_image(client):
    response = client.post(ADD, article_form(hero_image=png()))
    assert response.status_code == 200
    assert "Describe the hero image" in response.content.decode()
    return response


def test_the_refused_form_says_the_image_is_kept(editor_client):
    page = refused_with_image(editor_client).content.decode()
    assert "Your upload is kept: hero.png" in page
    assert f'name="{FIELD}"' in page


def test_saving_again_without_choosing_the_file_stores_it(editor_client):
    response = refused_with_image(editor_client)
    token = response.context["adminform"].form[FIELD].value()
    data = article_form(hero_alt="A red card", **{FIELD: token})
    response = editor_client.post(ADD, data)
    assert response.status_code == 302
    story = Article.objects.get()
    assert story.hero_image.name.startswith("heroes/")
    assert story.hero_image.width == 40


def test_another_file_chosen_wins_over_the_kept_one(editor_client):
    token = refused_with_image(editor_client).context["adminform"].form[FIELD].value()
    other = BytesIO()
    Image.new("RGB", (30, 30), "blue").save(other, "PNG")
    other.seek(0)
    other.name = "other.png"
    data = article_form(hero_alt="Blue", hero_image=other, **{FIELD: token})
    assert editor_client.post(ADD, data).status_code == 302
    assert Article.objects.get().hero_image.width == 30


def test_a_token_opens_nothing_for_someone_else_or_when_forged(editor_client, editor):
    token = refused_with_image(editor_client).context["adminform"].form[FIELD].value()
    assert read_token(token, user=editor)
    assert read_token(token, user=UserFactory()) == {}
    assert read_token(token + "x", user=editor) == {}
    assert read_token("", user=editor) == {}
    # A signed token cannot reach outside the pending folder.
    forged = token_for({"hero_image": "../secrets.txt"}, user=editor)
    assert read_token(forged, user=editor) == {}


def test_a_forged_token_is_ignored_not_an_error(editor_client):
    data = article_form(hero_alt="", **{FIELD: "not-a-token"})
    response = editor_client.post(ADD, data)
    assert response.status_code == 302
    assert not Article.objects.get().hero_image
