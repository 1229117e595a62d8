"""The data migrations clean the text already stored, in every text column."""

import importlib

import pytest
from django.apps import apps

from devices.models import LaunchEvent, SpecClaim
from newsroom.core.text import clean_stored_rows
from newsroom.models import Article, Tag
from tests.devices.factories import LaunchEventFactory, SpecClaimFactory
from tests.factories import ArticleFactory, TagFactory

pytestmark = pytest.mark.django_db

MIGRATIONS = [
    "newsroom.migrations.0007_clean_stored_text",
    "devices.migrations.0004_clean_stored_text",
]


def run_migrations():
    for name in MIGRATIONS:
        importlib.import_module(name).clean_stored_text(apps, None)


def test_line_endings_and_forbidden_characters_are_cleaned_in_every_app():
    story = ArticleFactory()
    event = LaunchEventFactory()
    claim = SpecClaimFactory(value_number=None, value_text="IMX989")
    Article.objects.filter(pk=story.pk).update(
        title="Xiaomi\x0b 12S\r\n", body="One\r\n\r\n[[event x]]\r\nTwo\x1b\ufffe\r"
    )
    LaunchEvent.objects.filter(pk=event.pk).update(
        title="Launch\r\nday", description="a\rb"
    )
    SpecClaim.objects.filter(pk=claim.pk).update(value_text="1\x08-inch")

    run_migrations()

    story.refresh_from_db()
    event.refresh_from_db()
    claim.refresh_from_db()
    assert story.title == "Xiaomi 12S "
    assert story.body == "One\n\n[[event x]]\nTwo\n"
    assert (event.title, event.description) == ("Launch day", "a\nb")
    assert claim.value_text == "1-inch"


def test_clean_rows_are_left_alone():
    story = ArticleFactory(body="Already\nclean.")
    before = Article.objects.values().get(pk=story.pk)
    assert clean_stored_rows(Article) == 0
    assert Article.objects.values().get(pk=story.pk) == before


def test_a_key_that_would_collide_once_cleaned_is_left_as_it_is():
    TagFactory(name="Leica", slug="leica")
    hostile = TagFactory(name="Leica 2", slug="leica-2")
    Tag.objects.filter(pk=hostile.pk).update(slug="leica\x0b", name="Leica\x0b 2")
    assert clean_stored_rows(Tag) == 0
    assert Tag.objects.get(pk=hostile.pk).slug == "leica\x0b"
