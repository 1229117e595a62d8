"""Input no page can mean is refused with a page, before it reaches a query."""

import pytest

pytestmark = pytest.mark.django_db


def test_nul_byte_in_an_address_is_a_styled_400(client):
    for address in ["/section/x%00/", "/news/2022/07/04/a%00b/"]:
        response = client.get(address)
        assert response.status_code == 400, address
        assert "We could not understand that request" in response.content.decode()


def test_nul_bytes_are_dropped_from_query_parameters_before_any_view(rf):
    from django.http import HttpResponse

    from newsroom.core.hostile_input import HostileInputMiddleware

    seen = {}

    def view(request):
        seen.update(request.GET.lists())
        return HttpResponse("ok")

    HostileInputMiddleware(view)(rf.get("/", {"q": "lei\x00ca", "page\x00": "2"}))
    assert seen == {"q": ["leica"], "page": ["2"]}


def test_pages_answer_queries_with_nul_bytes_normally(client):
    assert client.get("/?page=%00").status_code == 200
    assert client.get("/?q=a%00b&o=%00").status_code == 200


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


def test_admin_pages_with_an_empty_to_field_parameter_are_answered(admin_client):
    """Django's admin takes `?_to_field=` for a field named "" (a 500)."""
    user = admin_client.get("/admin/").wsgi_request.user
    for page in ["change", "delete"]:
        response = admin_client.get(f"/admin/auth/user/{user.pk}/{page}/?_to_field=")
        assert response.status_code == 200, page
