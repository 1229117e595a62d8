"""Refuse a save made on a form opened before someone else's save landed.

A model that takes part has a `version` integer that its `save()` increases.
The admin form carries the version it was opened at in a hidden field; if the
stored version has moved on, the form is refused with the name of whoever
saved in between and when, and is shown again with everything the second
person typed. Its hidden version is moved to the current one, so saving again
is a deliberate choice to replace the other person's edit, never a silent one.
"""

from django import forms
from django.core.exceptions import ValidationError
from reversion.models import Version

from newsroom.core.dates import format_moment

FIELD = "edited_version"


def last_change(instance) -> tuple[str, str]:
    """Who saved `instance` last and when, as words for a message."""
    latest = (
        Version.objects.get_for_object(instance)
        .select_related("revision__user")
        .first()
    )
    if latest is None:
        return "Someone", "just now"
    user = latest.revision.user
    who = (user.get_full_name() or user.get_username()) if user else "Someone"
    return who, format_moment(latest.revision.date_created)


class VersionCheckedFormMixin(forms.Form):
    """For ModelForms of models with a `version` field bumped on every save."""

    edited_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields[FIELD].initial = self.instance.version

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
        who, when = last_change(self.instance)
        # Shown again, the form now carries the stored version: saving it
        # once more is a conscious overwrite.
        self.data = self.data.copy()
        self.data[self.add_prefix(FIELD)] = stored
        raise ValidationError(
            f"{who} saved this {model._meta.verbose_name} at {when}, after you "
            "opened it. Nothing of yours has been saved yet: your changes are "
            "still in the form below. Open the history (or the "
            f"{model._meta.verbose_name} in a new tab) to see what they changed, "
            "then save again to replace their version with yours.",
            code="stale",
        )
