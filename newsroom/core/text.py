"""The one rule for text: what typed input becomes, and what a document may hold.

Editors paste from word processors, chat apps and spreadsheets; browsers
send a textarea's line breaks as CR LF. Every text field of both apps is
cleaned here on the way in, by forms and model saves alike (`CleanTextMixin`),
and every writer of a subscriber document (feeds, sitemaps, JSON-LD,
calendars) passes what it writes through `for_documents`, so a row that came
in another way (the shell, an import, an older database) cannot break one.

What a field gets depends on what it holds:

- prose (a `TextField`: bodies, bios, descriptions, corrections): every line
  ending becomes LF, and characters no format can carry are dropped;
- a line (any other `CharField`: titles, names, captions, alt text, values):
  the same, and a line break becomes a space, as a browser does when text
  with line breaks is pasted into a one-line input;
- a key (slugs, addresses, choices, time zone names): such a character is
  refused with a message instead, because dropping it would silently change
  what the key points at. A NUL byte is one of them: it is dropped from
  prose and lines like any control character (Django's own NUL refusal in
  form fields never gets to see one) and refused in keys.
"""

import re
from functools import cache

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models.signals import class_prepared

# What XML 1.0 refuses (C0 controls but tab, LF and CR; lone surrogates;
# U+FFFE and U+FFFF), and what it and Unicode discourage and no reader can
# show: DEL, the C1 controls and the other noncharacters. RFC 5545 refuses
# controls in calendar text as well. NEL (U+0085) is a C1 control but also a
# line ending: it is handled as one below.
_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    chr(plane * 0x10000 + 0xFFFE) + chr(plane * 0x10000 + 0xFFFF) for plane in range(17)
)
FORBIDDEN = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff" + _NONCHARACTERS + "]"
)
# Line endings as programs other than browsers write them. Vertical tab and
# form feed are what Word puts in the clipboard for a manual line break and
# a page break: they end a line rather than vanish between two words.
LINE_ENDING = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
LINE_BREAKS = re.compile("[ \t]*(?:\r\n|[\n\r\x0b\x0c\x85\u2028\u2029])+[ \t]*")
# What a key may not hold at all (tab and line breaks included).
NOT_IN_KEYS = re.compile(f"{FORBIDDEN.pattern}|[\t\n\r\x0b\x0c\x85\u2028\u2029]")

PROSE, LINE, KEY = "prose", "line", "key"


def clean_prose(text: str) -> str:
    """Multi-line text with LF line endings and nothing a format refuses."""
    return FORBIDDEN.sub("", LINE_ENDING.sub("\n", text))


def clean_line(text: str) -> str:
    """One line: line breaks become a space; nothing a format refuses."""
    return FORBIDDEN.sub("", LINE_BREAKS.sub(" ", text))


def _name(character: str) -> str:
    if character in "\t\n\r\x0b\x0c\x85\u2028\u2029":
        return f"a tab or line break (U+{ord(character):04X})"
    return f"an invisible control character (U+{ord(character):04X})"


def check_key(text: str) -> str:
    """`text` unchanged, or a ValidationError naming the character it holds."""
    found = NOT_IN_KEYS.search(text)
    if found:
        raise ValidationError(
            "This holds %(character)s, which no slug, address or choice may "
            "contain. Delete it, or type the value again rather than pasting it.",
            code="forbidden_character",
            params={"character": _name(found.group())},
        )
    return text


def clean_input(text, *, kind: str):
    """What one typed value of this kind is stored as (keys may be refused)."""
    if not isinstance(text, str):
        return text
    if kind == KEY:
        return check_key(text)
    return clean_prose(text) if kind == PROSE else clean_line(text)


def clean_stored(text, *, kind: str):
    """Like `clean_input`, but never refuses: for saves nobody can be told
    about (the shell, an import, a migration). A key loses the character."""
    if not isinstance(text, str):
        return text
    if kind == KEY:
        return NOT_IN_KEYS.sub("", text)
    return clean_prose(text) if kind == PROSE else clean_line(text)


def for_documents(value):
    """`value` with every string in it fit for any document we write.

    Strings in lists, tuples and dictionaries (JSON-LD, feed items) are
    cleaned as prose: a writer escapes line breaks itself where its format
    needs it. Anything else (dates, numbers, None) is returned as it is.
    """
    if isinstance(value, str):
        return clean_prose(value)
    if isinstance(value, dict):
        return {for_documents(key): for_documents(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(for_documents(item) for item in value)
    return value


# ---------------------------------------------------------------------------
# Fields: which kind each text field is, and the mixin that applies it.
# ---------------------------------------------------------------------------


def kind_of(field) -> str | None:
    """PROSE, LINE or KEY for a model's text field; None for other fields."""
    if not isinstance(field, models.CharField | models.TextField):
        return None
    # Checked against a list or a pattern (a slug, an address, a time zone
    # name): changing the value silently could make it name something else.
    if (
        field.choices
        or field._validators
        or isinstance(field, models.SlugField | models.URLField | models.EmailField)
    ):
        return KEY
    return PROSE if isinstance(field, models.TextField) else LINE


def text_fields(model):
    """(field, kind) for every text column of `model`."""
    return [
        (field, kind)
        for field in model._meta.concrete_fields
        if (kind := kind_of(field)) is not None
    ]


class CleanTextMixin:
    """For models (put it before `models.Model`): every text field is
    cleaned when the model is validated, as a ModelForm does, and again when
    it is saved. The form fields made from these fields clean the typed value
    first, so form methods and `clean()` see the cleaned text too."""

    def clean_text_fields(self):
        """Clean every text field in place, never refusing (see `clean_stored`)."""
        for field, kind in text_fields(type(self)):
            value = getattr(self, field.attname)
            setattr(self, field.attname, clean_stored(value, kind=kind))

    def clean_fields(self, exclude=None):
        errors = {}
        for field, kind in text_fields(type(self)):
            if exclude and field.name in exclude:
                continue
            try:
                value = clean_input(getattr(self, field.attname), kind=kind)
            except ValidationError as error:
                errors[field.name] = error.error_list
            else:
                setattr(self, field.attname, value)
        try:
            super().clean_fields(
                exclude=set(exclude or ()) | set(errors),
            )
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.clean_text_fields()
        super().save(*args, **kwargs)


@cache
def _cleaning_form_field(form_field_class, kind):
    """`form_field_class` with its typed value cleaned before anything else."""

    def to_python(self, value):
        return form_field_class.to_python(self, clean_input(value, kind=kind))

    return type(
        form_field_class.__name__,
        (form_field_class,),
        {"to_python": to_python, "__module__": form_field_class.__module__},
    )


def _form_fields_clean_input(sender, **kwargs):
    # The form fields that ModelForms (the admin's included) build from a
    # cleaned model's text fields clean the typed value in `to_python`.
    if not issubclass(sender, CleanTextMixin):
        return
    for field, kind in text_fields(sender):
        make = field.formfield

        def formfield(make=make, kind=kind, **options):
            form_field = make(**options)
            if form_field is not None:
                form_field.__class__ = _cleaning_form_field(type(form_field), kind)
            return form_field

        field.formfield = formfield


class_prepared.connect(_form_fields_clean_input)


# ---------------------------------------------------------------------------
# Stored rows
# ---------------------------------------------------------------------------


def clean_stored_rows(model) -> int:
    """Clean every text column of `model`'s stored rows; the rows changed.

    For data migrations: works on historical models, row by row, so a
    table of any size is read once. A row whose cleaned key would collide
    with another row's is left as it is (the writers cope with it).
    """
    columns = [field for field, _ in text_fields(model)]
    if not columns:
        return 0
    rows = model._base_manager.values_list("pk", *(f.attname for f in columns))
    changes = []
    for pk, *values in rows.iterator():
        cleaned = {}
        for field, value in zip(columns, values, strict=True):
            if (new := clean_stored(value, kind=kind_of(field))) != value:
                cleaned[field.attname] = new
        if cleaned:
            changes.append((pk, cleaned))
    # Written once the table has been read, not while a cursor walks it.
    changed = 0
    for pk, cleaned in changes:
        try:
            with transaction.atomic():
                model._base_manager.filter(pk=pk).update(**cleaned)
        except IntegrityError:
            continue
        changed += 1
    return changed
