"""A text input that suggests from a long list as the editor types.

The browser filters a <datalist> itself: searchable without a script, so
nothing depends on the Content-Security-Policy or on JavaScript at all.
The form field still validates the typed value against its choices.
"""

from django import forms
from django.utils.html import format_html, format_html_join


class DatalistInput(forms.TextInput):
    def __init__(self, options, attrs=None):
        super().__init__(
            attrs={"autocomplete": "off", "spellcheck": "false", **(attrs or {})}
        )
        self.options = list(options)

    def render(self, name, value, attrs=None, renderer=None):
        attrs = dict(attrs or {})
        list_id = f"{attrs.get('id') or 'id_' + name}-options"
        attrs["list"] = list_id
        field = super().render(name, value, attrs, renderer)
        options = format_html_join(
            "\n", '<option value="{}"></option>', ((option,) for option in self.options)
        )
        return format_html(
            '{}\n<datalist id="{}">\n{}\n</datalist>', field, list_id, options
        )
