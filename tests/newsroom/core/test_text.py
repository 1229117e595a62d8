"""The one text cleaner: what typed or stored text becomes, in every field."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.forms.models import modelform_factory

from newsroom.core.text import (
    KEY,
    CleanTextMixin,
    check_key,
    clean_input,
    clean_line,
    clean_prose,
    for_documents,
)
from tests.newsroom.core.records import every_text_field, hostile, make

TEXT_FIELDS = every_text_field()
FIELD_IDS = [f"{label}.{name}" for label, name, _ in TEXT_FIELDS]


class TestLineEndings:
    @pytest.mark.parametrize(
        ("typed", "stored"),
        [
            ("one\r\ntwo", "one\ntwo"),
            ("one\rtwo", "one\ntwo"),
            ("one\ntwo", "one\ntwo"),
            ("a\r\nb\rc\nd\r\n\r\ne", "a\nb\nc\nd\n\ne"),
            ("tab\tkept\t", "tab\tkept\t"),
            ("trailing  \r\n", "trailing  \n"),
        ],
        ids=["crlf", "cr", "lf", "mixed", "tabs", "trailing-space"],
    )
    def test_every_line_ending_becomes_lf_in_prose(self, typed, stored):
        assert clean_prose(typed) == stored

    @pytest.mark.parametrize("ending", ["\x0b", "\x0c", "\x85", "\u2028", "\u2029"])
    def test_what_word_processors_paste_as_a_break_ends_a_line(self, ending):
        # Word's manual line break is U+000B; it must not glue two words.
        assert clean_prose(f"one{ending}two") == "one\ntwo"
        assert clean_line(f"one{ending}two") == "one two"

    def test_a_line_break_in_a_one_line_field_is_a_space(self):
        assert clean_line("Launch\r\n  on July 4\n") == "Launch on July 4 "
        assert clean_line("tabs\tstay") == "tabs\tstay"


class TestForbiddenCharacters:
    @pytest.mark.parametrize(
        "character",
        [
            "\x00",  # NUL, which PostgreSQL refuses in text
            "\x01",
            "\x08",
            "\x0e",
            "\x1b",  # escape, from terminal output
            "\x1f",
            "\x7f",  # DEL
            "\x80",  # C1 controls
            "\x9b",
            "\x9f",
            "\ud800",  # lone surrogates
            "\udfff",
            "\ufffe",  # noncharacters
            "\uffff",
            "\ufdd0",
            "\U0001fffe",
            "\U0010ffff",
        ],
        ids=repr,
    )
    def test_are_dropped_from_prose_and_lines(self, character):
        assert clean_prose(f"a{character}b") == "ab"
        assert clean_line(f"a{character}b") == "ab"
        assert for_documents(f"a{character}b") == "ab"

    @pytest.mark.parametrize("character", ["\x00", "\x0b", "\x1b", "\ufffe", "\n"])
    def test_are_refused_in_keys_with_a_message_naming_them(self, character):
        with pytest.raises(ValidationError) as refused:
            check_key(f"xiaomi{character}12s")
        (message,) = refused.value.messages
        assert f"U+{ord(character):04X}" in message
        assert "no slug, address or choice may contain" in message

    def test_what_any_format_carries_is_left_alone(self):
        text = "Leica – 徕卡 · “quoted” 😀 ]]> </script> & <b>\t"
        assert clean_prose(text) == text
        assert clean_line(text) == text
        assert check_key("xiaomi-12s-ultra") == "xiaomi-12s-ultra"

    def test_writers_get_every_string_of_a_structure_cleaned(self):
        data = {"name\x0b": ["a\x01", ("b\ufffe", 3)], "n": None, "d": 1.5}
        assert for_documents(data) == {"name\n": ["a", ("b", 3)], "n": None, "d": 1.5}


def test_every_model_with_text_cleans_it():
    """A model added later with a text field but without the mixin fails here."""
    for label in ("newsroom", "devices"):
        for model in apps.get_app_config(label).get_models():
            if any(
                f.get_internal_type() in {"CharField", "TextField"}
                for f in model._meta.concrete_fields
            ):
                assert issubclass(model, CleanTextMixin), model


@pytest.mark.django_db
@pytest.mark.parametrize(("label", "name", "kind"), TEXT_FIELDS, ids=FIELD_IDS)
class TestEveryTextField:
    def field(self, label, name):
        return apps.get_model(label)._meta.get_field(name)

    def test_a_save_stores_it_cleaned(self, label, name, kind):
        record = make(label)
        field = self.field(label, name)
        if (label, name) == ("newsroom.article", "body_html"):
            pytest.skip("made from the body by every save")
        if (label, name) == ("devices.specclaim", "outcome"):
            pytest.skip("worked out by the settlement rule on every save")
        typed, stored = hostile(field, kind)
        if label == "devices.specclaim":
            # A stored claim is never saved again: the cleaning is shown on
            # a newer claim, as an editor would add one.
            record.pk = None
            record._state.adding = True
        # PostgreSQL refuses a NUL in any text: the save must drop it.
        setattr(record, field.attname, typed + "\x00")
        record.save()
        record.refresh_from_db()
        assert getattr(record, field.attname) == stored

    def test_validation_cleans_it_or_names_the_character(self, label, name, kind):
        record = make(label)
        field = self.field(label, name)
        typed, stored = hostile(field, kind)
        setattr(record, field.attname, typed)
        others = {f.name for f in type(record)._meta.fields} - {name}
        if kind == KEY:
            with pytest.raises(ValidationError) as refused:
                record.clean_fields(exclude=others)
            assert "U+000B" in " ".join(refused.value.message_dict[name])
        else:
            record.clean_fields(exclude=others)
            assert getattr(record, field.attname) == stored

    def test_a_form_cleans_it_or_names_the_character(self, label, name, kind):
        record = make(label)
        field = self.field(label, name)
        if not field.editable:
            pytest.skip("not in any form")
        typed, stored = hostile(field, kind)
        form_class = modelform_factory(type(record), fields=[name])
        form = form_class(data={name: typed}, instance=record)
        form.is_valid()
        if kind == KEY:
            assert "U+000B" in " ".join(form.errors[name])
        else:
            assert name not in form.errors
            assert form.cleaned_data[name] == stored.strip()


@pytest.mark.django_db
def test_the_html_of_a_body_is_made_from_the_cleaned_body():
    story = make("newsroom.article")
    story.body = "First\r\n\r\nSecond\x0b line\x1b[0m"
    story.save()
    assert story.body == "First\n\nSecond\n line[0m"
    assert "\x1b" not in story.body_html and "\r" not in story.body_html


class TestNul:
    """NUL, refused by Django's form fields, is cleaned like any control."""

    def test_dropped_from_typed_prose(self):
        assert clean_input("Leica\x00 optics", kind="prose") == "Leica optics"

    def test_refused_in_a_typed_key(self):
        with pytest.raises(ValidationError, match="U\\+0000"):
            clean_input("leica\x00", kind=KEY)
