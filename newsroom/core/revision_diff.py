"""What changed between two revisions of one record, for the compare page.

Works on django-reversion's `Version`s of any registered model, so the
devices admin uses it too; nothing here imports models. Text is compared word
by word with the standard library's difflib; the results are plain data
(segments of text marked same, removed or added) that templates escape like
any other value.
"""

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models
from django.utils import formats, timezone
from django.utils.text import capfirst
from reversion.errors import RegistrationError, RevertError

SAME, REMOVED, ADDED, ELIDED = "same", "removed", "added", "elided"

# A revision can outlive the code that wrote it: a removed model, or data
# that no longer fits. Such a revision is reported as unreadable.
UNREADABLE = (RevertError, RegistrationError)

# A word with the spaces or line breaks that follow it (and any leading
# space), so a diff keeps the text's own spacing and line breaks.
WORDS = re.compile(r"^\s+|\S+\s*")

# Past this many words in the two texts together, a word diff takes seconds
# (about 1.7 s for two unrelated 20,000-word texts), so the two texts are
# shown whole instead.
MAX_DIFF_WORDS = 40_000

# Unchanged stretches longer than this many words, around or between
# changes, are cut to this much context on each side.
CONTEXT_WORDS = 30


@dataclass(frozen=True)
class Segment:
    kind: str  # SAME, REMOVED, ADDED or ELIDED
    text: str


@dataclass
class FieldChange:
    label: str
    before: list[Segment]
    after: list[Segment]


@dataclass
class RelatedChange:
    kind: str  # REMOVED, ADDED or "changed"
    label: str  # the record's str() as it was saved
    details: list[str] = field(default_factory=list)


@dataclass
class RelatedGroup:
    name: str
    changes: list[RelatedChange]


# --- Text -------------------------------------------------------------------


def _unchanged(words: list[str], *, at_start: bool, at_end: bool) -> list[Segment]:
    keep_head = 0 if at_start else CONTEXT_WORDS
    keep_tail = 0 if at_end else CONTEXT_WORDS
    hidden = len(words) - keep_head - keep_tail
    if hidden <= CONTEXT_WORDS:
        return [Segment(SAME, "".join(words))]
    segments = []
    if keep_head:
        segments.append(Segment(SAME, "".join(words[:keep_head])))
    segments.append(Segment(ELIDED, f"[… {hidden} unchanged words …]"))
    if keep_tail:
        segments.append(Segment(SAME, "".join(words[-keep_tail:])))
    return segments


def word_diff(old: str, new: str) -> tuple[list[Segment], list[Segment]]:
    """The old text with its removed words marked, and the new with its added ones.

    Long unchanged stretches are shortened to the words around each change.
    """
    a, b = WORDS.findall(old), WORDS.findall(new)
    if len(a) + len(b) > MAX_DIFF_WORDS:
        return [Segment(REMOVED, old)], [Segment(ADDED, new)]
    before, after = [], []
    # autojunk would treat common words ("the") as noise in long texts and
    # report whole paragraphs as rewritten.
    opcodes = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    for index, (op, i1, i2, j1, j2) in enumerate(opcodes):
        if op == "equal":
            same = _unchanged(
                a[i1:i2], at_start=index == 0, at_end=index == len(opcodes) - 1
            )
            before += same
            after += same
            continue
        if i2 > i1:
            before.append(Segment(REMOVED, "".join(a[i1:i2])))
        if j2 > j1:
            after.append(Segment(ADDED, "".join(b[j1:j2])))
    return before, after


def list_diff(old: list[str], new: list[str]) -> tuple[list[Segment], list[Segment]]:
    """Two lists of names, with the names dropped and the names added marked."""

    def marked(names, others, kind):
        segments = []
        for name in names:
            if segments:
                segments.append(Segment(SAME, ", "))
            segments.append(Segment(SAME if name in others else kind, name))
        return segments

    return marked(old, set(new), REMOVED), marked(new, set(old), ADDED)


# --- Values -----------------------------------------------------------------


def _related_names(model_field, values) -> list[str]:
    """The current names of related records, by their keys in a revision."""
    target = model_field.target_field.attname
    found = {
        getattr(obj, target): str(obj)
        for obj in model_field.related_model._default_manager.filter(
            **{f"{target}__in": values}
        )
    }
    return [found.get(value, f"#{value} (deleted)") for value in values]


def display(model_field, value, *, precise=False) -> str:
    """A stored value as an editor reads it in the admin.

    `precise` shows times to the microsecond, for two saves within a second.
    """
    if value is None or value == "":
        return ""
    if model_field.many_to_many:
        return ", ".join(sorted(_related_names(model_field, value)))
    if model_field.is_relation:
        return _related_names(model_field, [value])[0]
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dt.datetime):
        # To the second, with the zone named: saves a minute apart differ.
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return formats.date_format(value, f"j M Y, H:i:s{'.u' if precise else ''} T")
    if isinstance(value, Decimal):
        # 4500.000 from the database and 4500 from a form are the same number.
        value = value.normalize()
    return str(formats.localize(value))


def _is_text(model_field) -> bool:
    return isinstance(model_field, models.CharField | models.TextField) and not (
        model_field.choices
    )


def _compared_fields(model, old_values, new_values):
    """The model's fields a revision keeps, in the order of the change form."""
    for model_field in [*model._meta.concrete_fields, *model._meta.many_to_many]:
        if model_field.primary_key:
            continue
        name = model_field.attname
        if name not in old_values and name not in new_values:
            continue  # left out of the revisions (derived or private fields)
        old, new = old_values.get(name), new_values.get(name)
        if model_field.many_to_many:
            old, new = sorted(old or []), sorted(new or [])
        yield model_field, old, new


def field_changes(model, old_values: dict, new_values: dict):
    """The changed fields, each with its old and new value, and the unchanged
    fields' names."""
    changes, unchanged = [], []
    for model_field, old, new in _compared_fields(model, old_values, new_values):
        label = capfirst(model_field.verbose_name)
        if old == new:
            unchanged.append(label)
            continue
        if _is_text(model_field):
            before, after = word_diff(old or "", new or "")
        elif model_field.many_to_many:
            before, after = list_diff(
                sorted(_related_names(model_field, old)),
                sorted(_related_names(model_field, new)),
            )
        else:
            shown_old, shown_new = display(model_field, old), display(model_field, new)
            if shown_old == shown_new:
                shown_old = display(model_field, old, precise=True)
                shown_new = display(model_field, new, precise=True)
            before = [Segment(REMOVED, shown_old)] if shown_old else []
            after = [Segment(ADDED, shown_new)] if shown_new else []
        changes.append(FieldChange(label, before, after))
    return changes, unchanged


# --- Related records --------------------------------------------------------


def _children(version, *, parent, parent_id) -> dict:
    """The versions in `version`'s revision of records that point at the
    parent (bylines, spec claims...), keyed by type and id."""
    # Keys pointing at the parent, by the model that holds them.
    links = {}
    for relation in parent._meta.related_objects:
        if not relation.many_to_many:
            links.setdefault(relation.related_model, []).append(relation.field)
    children = {}
    versions = version.revision.version_set.select_related("content_type")
    for other in versions:
        model = other.content_type.model_class()
        if model not in links or other.pk == version.pk:
            continue
        try:
            values = other.field_dict
        except UNREADABLE:
            continue
        keys = [values.get(fk.attname) for fk in links[model]]
        if str(parent_id) in {str(key) for key in keys}:
            children[other.content_type_id, other.object_id] = (model, other, values)
    return children


def related_changes(old_version, new_version, *, parent) -> list[RelatedGroup]:
    """Records saved with the two revisions that were added, removed or changed.

    `parent` is the model both versions are of.
    """
    parent_id = new_version.object_id
    old = _children(old_version, parent=parent, parent_id=parent_id)
    new = _children(new_version, parent=parent, parent_id=parent_id)
    groups: dict[str, list[RelatedChange]] = {}

    def add(model, change):
        name = capfirst(model._meta.verbose_name_plural)
        groups.setdefault(name, []).append(change)

    for key in old.keys() - new.keys():
        model, version, _ = old[key]
        add(model, RelatedChange(REMOVED, version.object_repr))
    for key in new.keys() - old.keys():
        model, version, _ = new[key]
        add(model, RelatedChange(ADDED, version.object_repr))
    for key in old.keys() & new.keys():
        model, version, new_values = new[key]
        _, _, old_values = old[key]
        details = [
            f"{capfirst(model_field.verbose_name)}: "
            f"{display(model_field, before, precise=True) or '(empty)'} → "
            f"{display(model_field, after, precise=True) or '(empty)'}"
            for model_field, before, after in _compared_fields(
                model, old_values, new_values
            )
            if before != after
        ]
        if details:
            add(model, RelatedChange("changed", version.object_repr, details))
    order = {REMOVED: 0, "changed": 1, ADDED: 2}
    return [
        RelatedGroup(name, sorted(changes, key=lambda c: (order[c.kind], c.label)))
        for name, changes in sorted(groups.items())
    ]
