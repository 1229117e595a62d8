"""With the database down, readers get a short 503 page, never a traceback."""

import logging

import pytest
from django.test import Client


@pytest.mark.django_db
def test_pages_answer_503_with_retry_after_when_the_database_is_down(
    database_down, client, caplog
):
    paths = ["/", "/section/phones/", "/news/2022/06/28/xiaomi/", "/archive/"]
    for path in paths:
        with caplog.at_level(logging.ERROR, logger="newsroom.core.faults"):
            response = client.get(path)
        assert response.status_code == 503, path
        assert int(response.headers["Retry-After"]) > 0
        page = response.content.decode()
        assert "We will be back in a moment" in page
        assert 'rel="stylesheet"' in page
        assert "Traceback" not in page and "OperationalError" not in page
    assert any("Database unavailable" in r.getMessage() for r in caplog.records)


@pytest.mark.django_db
def test_a_database_failure_outside_a_view_is_also_a_503(database_down, client):
    """A signed-in editor's session is read in a middleware, before any view."""
    client.cookies["sessionid"] = "abc123notarealsession"
    quiet = Client(raise_request_exception=False)
    quiet.cookies = client.cookies
    response = quiet.get("/admin/")
    assert response.status_code == 503
    assert "We will be back in a moment" in response.content.decode()
