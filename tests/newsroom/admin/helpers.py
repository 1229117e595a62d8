"""Post admin forms the way a browser would: start from what the page shows."""

from django import forms

CHANGELIST = "/admin/newsroom/article/"
ADD = f"{CHANGELIST}add/"


def change_url(article):
    return f"{CHANGELIST}{article.pk}/change/"


def _widget(field):
    widget = field.widget
    # The admin wraps related-object widgets to add its "+" links.
    return getattr(widget, "widget", widget)


def _bound_field_data(bound_field):
    value = bound_field.value()
    field = bound_field.field
    name = bound_field.html_name
    widget = _widget(field)
    if isinstance(field, forms.FileField):
        return {}
    if isinstance(widget, forms.MultiWidget):
        parts = value if isinstance(value, list) else widget.decompress(value)
        return {
            f"{name}_{index}": "" if part is None else str(part)
            for index, part in enumerate(parts)
        }
    if isinstance(field, forms.BooleanField):
        return {name: "on"} if value else {}
    if isinstance(field, forms.ModelMultipleChoiceField):
        return {name: [getattr(item, "pk", item) for item in value or []]}
    if value is None:
        return {name: ""}
    return {name: str(getattr(value, "pk", value))}


def _form_data(form):
    data = {}
    for bound_field in form:
        data.update(_bound_field_data(bound_field))
    return data


def form_data(response, **overrides):
    """The POST a browser would send from an admin change form, plus changes."""
    context = response.context
    data = _form_data(context["adminform"].form)
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(_form_data(formset.management_form))
        # The blank extra rows are left out, as if the editor did not touch
        # them; a test that fills one raises TOTAL_FORMS itself.
        data[formset.add_prefix("TOTAL_FORMS")] = formset.initial_form_count()
        for form in formset.initial_forms:
            data.update(_form_data(form))
    data.update(overrides)
    return data


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def post_edited(client, url, *, published_at=None, **changes):
    """Open `url`, change some fields, post it back as a browser would.

    `published_at` is a (date, time) pair typed into the split inputs.
    """
    data = form_data(client.get(url), **changes)
    if published_at:
        data["published_at_0"], data["published_at_1"] = published_at
    return client.post(url, data)
