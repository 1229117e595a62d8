"""Signing in lands on the admin index unless `next` names a page of the site."""

import pytest

from tests.e2e.admin import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize(
    "next_path",
    [None, "", "https://evil.example/", "//evil.example/"],
    ids=["no next", "empty next", "another site", "scheme-relative"],
)
def test_sign_in_without_a_usable_next_lands_on_the_admin_index(page, demo, next_path):
    landed = sign_in(page, demo, "editor", next_path=next_path)
    assert landed == f"{demo}/admin/"
    assert page.get_by_role("heading", name="Editing").count() == 1


def test_sign_in_follows_a_next_on_the_site(page, demo):
    landed = sign_in(page, demo, "editor", next_path="/admin/newsroom/article/")
    assert landed == f"{demo}/admin/newsroom/article/"
