"""The form that picks devices to compare, by name, alias or slug."""

from django import forms
from django.db.models import Q

from devices.comparison import MAX_DEVICES, MIN_DEVICES
from devices.models import Device


def device_named(text: str):
    """The device a reader typed or ticked: its slug, its name or one of its
    aliases, in any case; None when nothing or more than one fits."""
    text = " ".join(text.split())
    if not text:
        return None
    found = list(
        Device.objects.filter(
            Q(slug=text.lower()) | Q(name__iexact=text) | Q(aliases__name__iexact=text)
        )
        .distinct()
        .values_list("slug", flat=True)[:2]
    )
    return found[0] if len(found) == 1 else None


class PickerForm(forms.Form):
    """Up to four devices by name (suggested from every device) or slug."""

    device = forms.CharField(required=False)

    def __init__(self, data=None, initial=None):
        super().__init__(data)
        typed = data.getlist("device") if data is not None else None
        if typed is None:
            typed = (initial or {}).get("device", [])
        typed = [" ".join(t.split())[:120] for t in typed][:8]
        self.typed = typed + [""] * (MAX_DEVICES - len(typed))
        self.slugs = []

    def clean(self):
        given = [t for t in self.typed if t]
        unknown = []
        for text in given:
            slug = device_named(text)
            if slug is None:
                unknown.append(text)
            elif slug not in self.slugs:
                self.slugs.append(slug)
        if unknown:
            raise forms.ValidationError(
                "No device goes by " + ", ".join(f"“{t}”" for t in unknown) + "."
            )
        if not MIN_DEVICES <= len(self.slugs) <= MAX_DEVICES:
            raise forms.ValidationError(
                f"Pick {MIN_DEVICES} to {MAX_DEVICES} different devices "
                f"({len(self.slugs)} picked)."
            )
        return {}
