"""Refuse a save made on a form opened before someone else's save landed.

A model that takes part has a `version` integer that its `save()` increases
(`VersionedModel`). The admin form carries the version it was opened at, and
the revision it showed, in hidden fields; if the stored version has moved on,
the form is refused with the name of whoever saved in between, when, and
what they changed (the revision compare's word diff), and is shown again
with everything the second person typed. Replacing their edit is then a
deliberate second choice: a "Save mine anyway" box that only appears with
the refusal, and only counts for the version that was shown.
"""

from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from reversion.models import Version

from newsroom.core.dates import format_moment
from newsroom.core.revision_diff import (
    UNREADABLE,
    FieldChange,
    RelatedGroup,
    field_changes,
    related_changes,
)

FIELD = "edited_version"
REVISION_FIELD = "edited_revision"
CONFLICT_FIELD = "conflict_version"
OVERWRITE_FIELD = "save_anyway"
# The hidden fields the change form carries (the box is shown with a refusal).
HIDDEN_FIELDS = (FIELD, REVISION_FIELD, CONFLICT_FIELD)


class VersionedModel(models.Model):
    """A record whose every save moves its `version` on."""

    # Bumped by every save; a form opened at an older version is refused
    # rather than overwriting someone else's edit.
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            # Counted from the stored row, not from this instance, so the
            # version only ever grows, whatever copy of the record is saved.
            stored = (
                type(self)
                ._default_manager.filter(pk=self.pk)
                .values_list("version", flat=True)
                .first()
            )
            self.version = (stored or 0) + 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        super().save(*args, **kwargs)


def _who(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else "Someone"


def last_change(instance) -> tuple[str, str]:
    """Who saved `instance` last and when, as words for a message."""
    latest = (
        Version.objects.get_for_object(instance)
        .select_related("revision__user")
        .first()
    )
    if latest is None:
        return "Someone", "just now"
    return _who(latest.revision.user), format_moment(latest.revision.date_created)


@dataclass
class StaleChanges:
    """What was saved between opening a form and sending it."""

    who: str
    when: str
    fields: list[FieldChange] = field(default_factory=list)
    related: list[RelatedGroup] = field(default_factory=list)
    # True when the history cannot say what the record was when the form was
    # opened: `fields` then set their saved version against the typed one.
    against_yours: bool = False


def _typed_values(form) -> dict:
    """The form's cleaned values as a revision stores them (by attname)."""
    values = {}
    for model_field in type(form.instance)._meta.get_fields():
        name = getattr(model_field, "name", None)
        if name not in form.cleaned_data or not model_field.concrete:
            continue
        value = form.cleaned_data[name]
        if model_field.many_to_many:
            value = [item.pk for item in value or []]
        elif model_field.is_relation:
            value = value.pk if value is not None else None
        values[model_field.attname] = value
    return values


def changes_since(instance, revision_id, *, form=None) -> StaleChanges:
    """The other editors' changes since the revision the form was opened at.

    When the form was opened before the record had any revision, the history
    cannot tell, so their saved version is set against what `form` holds.
    """
    who, when = last_change(instance)
    versions = Version.objects.get_for_object(instance).select_related("revision__user")
    latest = versions.first()
    if latest is None:
        return StaleChanges(who, when)
    baseline = versions.filter(pk=revision_id).first() if revision_id else None
    if baseline is not None and baseline.pk == latest.pk:
        # Changed outside the history: nothing to compare.
        return StaleChanges(who, when)
    if baseline is None:
        if form is None:
            return StaleChanges(who, when)
        saved = latest.field_dict
        typed = {**saved, **_typed_values(form)}
        try:
            changed, _ = field_changes(type(instance), saved, typed)
        except UNREADABLE:
            changed = []
        return StaleChanges(who, when, changed, against_yours=True)
    names = []
    for version in versions.filter(pk__gt=baseline.pk).order_by("pk"):
        name = _who(version.revision.user)
        if name not in names:
            names.append(name)
    model = type(instance)
    try:
        changed, _ = field_changes(model, baseline.field_dict, latest.field_dict)
        related = related_changes(baseline, latest, parent=model)
    except UNREADABLE:
        changed, related = [], []
    return StaleChanges(" and ".join(names) or who, when, changed, related)


class VersionCheckedFormMixin(forms.Form):
    """For ModelForms of models with a `version` field bumped on every save."""

    edited_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    edited_revision = forms.IntegerField(widget=forms.HiddenInput, required=False)
    conflict_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    save_anyway = forms.BooleanField(
        label="Save mine anyway, replacing their changes",
        required=False,
    )

    # What the other editor changed, once a save has been refused.
    stale_changes = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields[FIELD].initial = self.instance.version
            latest = Version.objects.get_for_object(self.instance).first()
            self.fields[REVISION_FIELD].initial = latest.pk if latest else None

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is None:
            return cleaned_data
        model = type(self.instance)
        # Locked until the admin's transaction ends, so two saves arriving
        # together cannot both pass (on databases that lock rows).
        stored = (
            model._default_manager.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("version", flat=True)
            .first()
        )
        if stored is None or cleaned_data.get(FIELD) == stored:
            return cleaned_data
        if cleaned_data.get(OVERWRITE_FIELD) and cleaned_data.get(CONFLICT_FIELD) == (
            stored
        ):
            # The editor saw this version's changes and chose to replace them.
            return cleaned_data
        self.stale_changes = changes_since(
            self.instance, cleaned_data.get(REVISION_FIELD), form=self
        )
        # Shown again, the form remembers which version was shown, and the
        # box starts unticked: replacing is a choice made after seeing it.
        self.data = self.data.copy()
        self.data[self.add_prefix(CONFLICT_FIELD)] = stored
        self.data.pop(self.add_prefix(OVERWRITE_FIELD), None)
        noun = model._meta.verbose_name
        raise ValidationError(
            f"{self.stale_changes.who} saved this {noun} at "
            f"{self.stale_changes.when}, after you opened it. Nothing of yours "
            "has been saved yet: your changes are still in the form below, and "
            "what they changed is shown above. To replace their version "
            "with yours, tick “Save mine anyway” and save again.",
            code="stale",
        )


class VersionCheckedAdminMixin:
    """For ModelAdmins of VersionedModels: the stale check on the change form,
    its hidden fields, and the refusal with the other editor's changes."""

    change_form_template = "admin/concurrency/change_form.html"

    def get_form(self, request, obj=None, **kwargs):
        base = kwargs.get("form", self.form)
        if not issubclass(base, VersionCheckedFormMixin):
            kwargs["form"] = type(base.__name__, (VersionCheckedFormMixin, base), {})
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        # Rendered by the template, never as rows of the form.
        return [
            name
            for name in super().get_fields(request, obj)
            if name not in (*HIDDEN_FIELDS, OVERWRITE_FIELD)
        ]
