"""The claims grid on a device's admin page: one value input per row, of the
kind the chosen spec takes (a number with its unit, text, yes/no/unknown).

Without scripts every input is shown and the claim's own rule (one value of
the field's kind, or unknown) refuses a wrong one; with them
(static/admin/js/claims-grid.js) only the input that fits is shown.
"""

import json

from django import forms

from devices.models import SpecClaim, SpecField

YES, NO, UNKNOWN = "yes", "no", "unknown"


class ClaimValueWidget(forms.MultiWidget):
    template_name = "devices/widgets/claim_value.html"

    def __init__(self, attrs=None):
        super().__init__(
            {
                "number": forms.NumberInput(
                    attrs={
                        "step": "any",
                        "class": "claim-value__number",
                        "aria-label": "Value (number)",
                    }
                ),
                "text": forms.TextInput(
                    attrs={"class": "claim-value__text", "aria-label": "Value (text)"}
                ),
                "boolean": forms.Select(
                    choices=[("", "—"), (YES, "Yes"), (NO, "No"), (UNKNOWN, "Unknown")],
                    attrs={
                        "class": "claim-value__boolean",
                        "aria-label": "Value (yes, no or unknown)",
                    },
                ),
                "unknown": forms.CheckboxInput(attrs={"class": "claim-value__unknown"}),
            },
            attrs,
        )

    def decompress(self, value):
        return [None, "", "", False]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["kinds"] = json.dumps(field_kinds())
        return context


class ClaimValueField(forms.MultiValueField):
    widget = ClaimValueWidget

    def __init__(self, **kwargs):
        super().__init__(
            fields=[
                forms.DecimalField(max_digits=12, decimal_places=3, required=False),
                forms.CharField(max_length=200, required=False),
                forms.ChoiceField(
                    choices=[("", ""), (YES, YES), (NO, NO), (UNKNOWN, UNKNOWN)],
                    required=False,
                ),
                forms.BooleanField(required=False),
            ],
            require_all_fields=False,
            required=False,
            **kwargs,
        )

    def compress(self, data_list):
        number, text, boolean, unknown = [*data_list, None, "", "", False][:4]
        return {
            "number": number,
            "text": text or "",
            "boolean": {YES: True, NO: False}.get(boolean),
            "unknown": bool(unknown) or boolean == UNKNOWN,
        }


class ClaimRowForm(forms.ModelForm):
    """A new claim in the grid; its value goes to the field of its kind."""

    claimed_value = ClaimValueField(
        label="Value",
        help_text="Of the spec's kind: a number in its unit, text, or yes/no; "
        "tick “unknown” when it is not known yet.",
    )

    # Made here, before the admin's overrides apply: https for bare addresses.
    source_url = forms.URLField(
        assume_scheme="https",
        required=False,
        max_length=200,
        help_text=SpecClaim._meta.get_field("source_url").help_text,
    )

    class Meta:
        model = SpecClaim
        fields = ["field", "camera", "confidence", "source", "source_url", "stated_on"]

    def clean(self):
        cleaned_data = super().clean()
        value = cleaned_data.get("claimed_value") or {}
        claim = self.instance
        claim.value_number = value.get("number")
        claim.value_text = value.get("text", "")
        claim.value_boolean = value.get("boolean")
        claim.is_unknown = value.get("unknown", False)
        return cleaned_data


def field_kinds() -> dict:
    """What each spec takes, for the grid's script: {id: [kind, unit]}."""
    return {
        str(pk): [kind, unit]
        for pk, kind, unit in SpecField.objects.values_list("pk", "kind", "unit")
    }
