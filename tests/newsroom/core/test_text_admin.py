"""Every text field of every admin form: typed text is saved cleaned, and a
key holding a control character is refused with a message, text kept."""

import pytest
from django.contrib import admin

from newsroom.core.text import KEY
from tests.newsroom.admin.helpers import form_data
from tests.newsroom.core.records import every_text_field, hostile, make

ADMIN_FIELDS = [
    (label, name, kind)
    for label, name, kind in every_text_field()
    if any(model._meta.label_lower == label for model in admin.site._registry)
]

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("label", "name", "kind"),
    ADMIN_FIELDS,
    ids=[f"{label}.{name}" for label, name, _ in ADMIN_FIELDS],
)
def test_the_admin_saves_typed_text_cleaned(admin_client, label, name, kind):
    record = make(label)
    opts = record._meta
    url = f"/admin/{opts.app_label}/{opts.model_name}/{record.pk}/change/"
    page = admin_client.get(url)
    assert page.status_code == 200
    if name not in page.context["adminform"].form.fields:
        pytest.skip("not in the admin form")
    field = opts.get_field(name)
    typed, stored = hostile(field, kind)
    before = getattr(record, field.attname)

    response = admin_client.post(url, form_data(page, **{name: typed}))

    record.refresh_from_db()
    if kind == KEY:
        assert response.status_code == 200
        errors = response.context["adminform"].form.errors
        assert errors.get(name), errors
        assert getattr(record, field.attname) == before
    else:
        assert response.status_code == 302, response.context["adminform"].form.errors
        assert getattr(record, field.attname) == stored.strip()


def test_a_refused_slug_names_the_character_and_keeps_the_typed_text(admin_client):
    story = make("newsroom.article")
    url = f"/admin/newsroom/article/{story.pk}/change/"
    page = admin_client.get(url)
    response = admin_client.post(
        url,
        form_data(page, slug="xiaomi\x0b12s", body="Kept\r\ntext."),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "This holds a tab or line break (U+000B)" in html
    assert "Kept\r\ntext." in html or "Kept\ntext." in html
