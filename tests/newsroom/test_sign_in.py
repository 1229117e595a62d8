"""Signing in lands on the admin index unless `next` names a page of the site."""

import pytest
from django.conf import settings
from django.shortcuts import resolve_url

pytestmark = pytest.mark.django_db

PASSWORD = "a long enough password"


@pytest.fixture
def editor_with_password(editor):
    editor.set_password(PASSWORD)
    editor.save()
    return editor


def sign_in(client, user, query=""):
    return client.post(
        f"/admin/login/{query}",
        {"username": user.username, "password": PASSWORD},
    )


def test_the_default_landing_is_the_admin_index():
    assert resolve_url(settings.LOGIN_REDIRECT_URL) == "/admin/"


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?next=",
        "?next=https://evil.example/",
        "?next=//evil.example/admin/",
        "?next=javascript:alert(1)",
    ],
    ids=["no next", "empty", "another site", "scheme-relative", "script"],
)
def test_a_missing_or_refused_next_lands_on_the_admin_index(
    client, editor_with_password, query
):
    response = sign_in(client, editor_with_password, query)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get(response["Location"]).status_code == 200


def test_a_next_on_the_site_is_followed(client, editor_with_password):
    response = sign_in(client, editor_with_password, "?next=/admin/newsroom/article/")
    assert response["Location"] == "/admin/newsroom/article/"
