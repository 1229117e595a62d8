"""Admin pieces any app's admin can use: dates that name their time zone,
image uploads that are checked, uploads that fail without losing a save, and
history pages that keep to the role rules.

Nothing here imports models, so `devices` may use it too.
"""

import logging

from django import forms
from django.contrib import messages
from django.contrib.admin import widgets
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from newsroom.core.images import ImageUploadField, make_renditions, thumbnail_url
from newsroom.core.revision_compare import RevisionCompareMixin

logger = logging.getLogger(__name__)


def time_zone_note() -> str:
    """The newsroom's time zone, as editors are told it beside dates."""
    return f"Newsroom time ({timezone.get_current_timezone_name()})"


def thumbnail(fieldfile, *, alt: str, size: int = 48):
    """A small image for admin lists, or a dash when there is none."""
    url = thumbnail_url(fieldfile, width=size * 2)
    if not url:
        return "—"
    return format_html(
        '<img src="{}" alt="{}" width="{}" style="height:auto">', url, alt, size
    )


DATE_HINT = "YYYY-MM-DD"
TIME_HINT = "HH:MM:SS, 24-hour"


def _with_hint(html, attrs, hint: str):
    """A widget's HTML with the format to type named beside it."""
    hint_id = f"{(attrs or {}).get('id') or 'field'}-format"
    note = format_html('<span class="format-hint" id="{}">{}</span>', hint_id, hint)
    # Both parts are already escaped.
    return mark_safe(f"{html} {note}")


class _Hinted:
    """A native picker that says which format it takes, for the browsers
    (and the keyboard users) who type into it."""

    hint = ""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = dict(attrs or {})
        if attrs.get("id"):
            attrs["aria-describedby"] = f"{attrs['id']}-format"
        html = super().render(name, value, attrs, renderer)
        return _with_hint(html, attrs, self.hint)


class PickerDateInput(_Hinted, forms.DateInput):
    """The browser's own date picker; the value travels as YYYY-MM-DD."""

    input_type = "date"
    hint = DATE_HINT

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class PickerTimeInput(_Hinted, forms.TimeInput):
    """The browser's own time picker, to the second (a scheduled story may
    need them)."""

    input_type = "time"
    hint = TIME_HINT

    def __init__(self, attrs=None):
        super().__init__({"step": "1", **(attrs or {})}, format="%H:%M:%S")


class ZonedSplitDateTime(widgets.AdminSplitDateTime):
    """Date and time pickers, with the format and the time zone named.

    Django reads and shows admin times in the current zone, which is the
    `TIME_ZONE` setting; saying so stops "09:00" from being read as UTC.
    """

    def __init__(self, attrs=None):
        forms.MultiWidget.__init__(
            self, [PickerDateInput(attrs), PickerTimeInput(attrs)], attrs
        )

    def render(self, name, value, attrs=None, renderer=None):
        # The split template renders its parts itself: the hint goes here.
        html = super().render(name, value, attrs, renderer)
        hint = _with_hint("", attrs, f"Date {DATE_HINT}, time {TIME_HINT}.")
        note = format_html('<span class="timezone-note">{}</span>', time_zone_note())
        # All parts are already escaped.
        return mark_safe(f"{html}{hint} {note}")


# Every date, time and moment an editor enters, in any admin.
DATE_PICKERS = {
    models.DateTimeField: {"widget": ZonedSplitDateTime},
    models.DateField: {"widget": PickerDateInput},
    models.TimeField: {"widget": PickerTimeInput},
}


class EditingAdminMixin:
    """For ModelAdmins and inlines: zoned dates, checked image uploads, and
    https for addresses typed without a scheme."""

    formfield_overrides = {
        **DATE_PICKERS,
        models.ImageField: {"form_class": ImageUploadField},
        # Addresses typed without a scheme are taken as https (Django 6's way).
        models.URLField: {"assume_scheme": "https"},
    }


class UploadFaultAdminMixin:
    """Keep the text when the media storage refuses a file; make the
    renditions of an image that was stored.

    If storing an upload raises OSError (disk full, read-only mount, a broken
    network volume), the object is saved without the new file, the editor is
    told which upload failed, and is brought back to the object to try again.
    A stored image gets its renditions right after the save, in the editor's
    request, so that no reader's request ever makes one (newsroom/core/images.py).
    """

    def save_model(self, request, obj, form, change):
        try:
            # A savepoint of its own: the failed attempt must not spoil the
            # admin's transaction for the second one.
            with transaction.atomic():
                super().save_model(request, obj, form, change)
        except OSError as error:
            failed = [
                field
                for field in obj._meta.fields
                if isinstance(field, models.FileField)
                and field.name in form.changed_data
            ]
            if not failed:
                raise
            for field in failed:
                # Back to what was stored before (nothing, for a new object).
                setattr(obj, field.attname, form.initial.get(field.name) or "")
            super().save_model(request, obj, form, change)
            logger.error("Upload not stored for %r: %s", obj, error)
            names = ", ".join(str(field.verbose_name) for field in failed)
            messages.error(
                request,
                f"The {names} could not be stored ({error.strerror or error}). "
                "Everything else was saved. Upload the file again once the "
                "media storage has room or is writable again.",
            )
            request.upload_failed = True
        else:
            for field in obj._meta.fields:
                stored = field.name in form.changed_data
                if stored and isinstance(field, models.ImageField):
                    make_renditions(getattr(obj, field.name))

    def _back_to_object(self, request, obj):
        opts = obj._meta
        return HttpResponseRedirect(
            reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_change",
                args=[obj.pk],
            )
        )

    def response_add(self, request, obj, post_url_continue=None):
        if getattr(request, "upload_failed", False):
            return self._back_to_object(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if getattr(request, "upload_failed", False):
            return self._back_to_object(request, obj)
        return super().response_change(request, obj)


class HistoryPermissionMixin(RevisionCompareMixin):
    """History pages keep to the role rules too.

    The history, its compare page and the revert form need the right to see
    the object's revisions (`has_history_permission`); recovering a deleted
    one is for those who may delete (a contributor must not bring back, say,
    a story an editor removed).
    """

    def recoverlist_view(self, request, extra_context=None):
        if not self.has_delete_permission(request):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        if not self.has_delete_permission(request):
            raise PermissionDenied
        return super().recover_view(request, version_id, extra_context)
