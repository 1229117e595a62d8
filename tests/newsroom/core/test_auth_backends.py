"""Password guessing on the admin sign-in is cut off per user and address."""

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-and-unusual-passphrase"
# The README promises a lockout after five failed sign-ins: the number is
# pinned here, not read from AXES_FAILURE_LIMIT, so changing the default
# without changing the promise fails.
DOCUMENTED_FAILURES = 5


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def editor():
    return get_user_model().objects.create_user(
        "editor", password=PASSWORD, is_staff=True
    )


def sign_in(client, username, password, address="203.0.113.7"):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def test_fifth_wrong_password_locks_out_with_a_clear_page(client, editor):
    for _ in range(4):
        response = sign_in(client, "editor", "guess")
        assert response.status_code == 200
        assert "Please enter the correct username and password" in (
            response.content.decode()
        )
    locked = sign_in(client, "editor", "guess")
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Sign-in paused" in page
    assert "<strong>editor</strong>" in page
    assert "15 minutes" in page
    assert 'rel="stylesheet"' in page  # the site's styled page, not bare text
    # Even the right password is refused while the lockout lasts.
    assert sign_in(client, "editor", PASSWORD).status_code == 429


def test_lockout_is_per_user_and_address(client, editor):
    other = get_user_model().objects.create_user(
        "writer", password=PASSWORD, is_staff=True
    )
    for _ in range(DOCUMENTED_FAILURES):
        sign_in(client, "editor", "guess")
    # The same person from another address, another person from the same one.
    assert (
        sign_in(client, "editor", PASSWORD, address="198.51.100.9").status_code == 302
    )
    assert sign_in(client, other.username, PASSWORD).status_code == 302


def test_success_before_the_limit_clears_the_count(client, editor):
    for _ in range(DOCUMENTED_FAILURES - 1):
        sign_in(client, "editor", "guess")
    assert sign_in(client, "editor", PASSWORD).status_code == 302
    client.logout()
    for _ in range(DOCUMENTED_FAILURES - 1):
        assert sign_in(client, "editor", "guess").status_code == 200


def test_behind_a_proxy_the_forwarded_address_counts(client, editor, settings):
    settings.AXES_PROXY_HOPS = 1
    for _ in range(DOCUMENTED_FAILURES):
        client.post(
            "/admin/login/",
            {"username": "editor", "password": "guess"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.50",
        )
    # Another reader behind the same proxy is not locked out with them.
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "editor", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="203.0.113.51",
    )
    assert response.status_code == 302


def test_sign_ins_without_a_request_still_work(client, editor):
    """The shell and the test client sign in without a request to throttle."""
    assert client.login(username="editor", password=PASSWORD)


def test_weak_passwords_are_refused():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ["short1", "password1234", "123456789012"]:
        with pytest.raises(ValidationError):
            validate_password(weak)
