"""Input no page can mean is refused with a page, before it reaches a query."""

import pytest

pytestmark = pytest.mark.django_db


def test_nul_byte_in_the_query_is_a_styled_400(client):
    for address in ["/?page=%00", "/archive/?q=a%00b", "/section/x%00/"]:
        response = client.get(address)
        assert response.status_code == 400, address
        assert "We could not understand that request" in response.content.decode()


def test_a_method_a_page_does_not_take_gets_a_styled_405(client):
    response = client.post("/")
    assert response.status_code == 405
    assert response.headers["Allow"]
    assert "This page cannot do that" in response.content.decode()


def test_an_expired_form_says_so_in_words(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/admin/login/", {"username": "a", "password": "b"})
    assert response.status_code == 403
    assert "That form could not be sent" in response.content.decode()
