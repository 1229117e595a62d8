"""Autosaved drafts: what an editor has typed into a story's form, kept for
them alone until they save the story.

An autosave never touches the story. It records the version the form was
opened at; restoring one made before someone else's save puts that version
back into the form, so saving it meets the stale-form check
(newsroom.core.concurrency) and is refused with their changes shown instead
of replacing them.
"""

from django import forms
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.http import QueryDict
from reversion.models import Version

from newsroom.core.concurrency import (
    FIELD,
    HIDDEN_FIELDS,
    OVERWRITE_FIELD,
    REVISION_FIELD,
)
from newsroom.core.pending_uploads import FIELD as PENDING_FIELD
from newsroom.core.text import clean_prose
from newsroom.models import Article, AutosavedDraft

# Longer than any field of the story form allows; more is not a story.
MAX_CHARACTERS = 200_000


class DraftTooLarge(ValueError):
    """More text than any story holds."""


def _kept_fields(form_class) -> dict:
    """The fields of the form an autosave keeps: the story's own, no files,
    nothing of the stale check."""
    skipped = {*HIDDEN_FIELDS, OVERWRITE_FIELD, PENDING_FIELD}
    return {
        name: field
        for name, field in form_class.base_fields.items()
        if name not in skipped and not isinstance(field, forms.FileField)
    }


def _clean(value):
    if isinstance(value, str):
        return clean_prose(value)
    if isinstance(value, list | tuple):
        return [_clean(item) for item in value]
    return value


def typed_fields(*, form_class, data: QueryDict) -> dict:
    """What the form's widgets read from posted `data`, by field name."""
    typed = {}
    for name, field in _kept_fields(form_class).items():
        if isinstance(field.widget, forms.CheckboxInput) or any(
            key == name or key.startswith(f"{name}_") for key in data
        ):
            typed[name] = _clean(field.widget.value_from_datadict(data, {}, name))
    size = sum(len(str(value)) for value in typed.values())
    if size > MAX_CHARACTERS:
        raise DraftTooLarge(f"{size} characters")
    return typed


def _number(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _saved_last_by(article: Article, user) -> bool:
    latest = Version.objects.get_for_object(article).select_related("revision").first()
    return latest is not None and latest.revision.user_id == user.pk


@transaction.atomic
def autosave(
    *, article: Article, by: AbstractBaseUser, form_class, data: QueryDict
) -> AutosavedDraft | None:
    """Keep what `by` has typed into `article`'s form (posted `data`).

    None when the form is older than `by`'s own last save: an autosave that
    arrives after its page was saved has nothing left to keep.
    """
    fields = typed_fields(form_class=form_class, data=data)
    version = _number(data.get(FIELD)) or article.version
    if version < article.version and _saved_last_by(article, by):
        return None
    draft, _ = AutosavedDraft.objects.update_or_create(
        article=article,
        user=by,
        defaults={
            "fields": fields,
            # Never newer than the story: a forged version cannot make a
            # stale draft pass for a current one.
            "based_on_version": min(version, article.version),
            "based_on_revision": _number(data.get(REVISION_FIELD)),
        },
    )
    return draft


def discard(*, article: Article, by: AbstractBaseUser) -> None:
    """Drop `by`'s autosave of `article` (after a save, or on request)."""
    AutosavedDraft.objects.of(article=article, user=by).delete()


def restored_initial(draft: AutosavedDraft) -> dict:
    """The form's initial values from a draft, with the version it was typed
    on, so a draft made before someone else's save is refused as stale."""
    return {
        **draft.fields,
        FIELD: draft.based_on_version,
        REVISION_FIELD: draft.based_on_revision,
    }
