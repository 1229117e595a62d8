from urllib.parse import urlencode

import reversion
from django.contrib import admin
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.contrib.messages import SUCCESS
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import F
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from reversion.admin import VersionAdmin

from devices import services
from devices.claim_grid import ClaimRowForm
from devices.models import (
    Brand,
    CameraModule,
    Device,
    DeviceAlias,
    LaunchEvent,
    Partnership,
    Source,
    SpecClaim,
    SpecField,
)
from devices.scorecard import scorecards
from newsroom.core.admin_widgets import (
    DATE_PICKERS,
    EditingAdminMixin,
    HistoryPermissionMixin,
    UploadFaultAdminMixin,
    thumbnail,
)
from newsroom.core.concurrency import VersionCheckedAdminMixin
from newsroom.core.datalist import DatalistInput

# Addresses typed without a scheme are taken as https (Django 6's default);
# dates and times are entered with the browser's pickers.
FORM_FIELDS = {models.URLField: {"assume_scheme": "https"}, **DATE_PICKERS}


class PartnershipInline(admin.TabularInline):
    formfield_overrides = FORM_FIELDS
    model = Partnership
    fk_name = "brand"
    extra = 0
    autocomplete_fields = ["partner"]
    verbose_name_plural = "partnerships (as the device maker)"


@admin.register(Brand)
class BrandAdmin(
    HistoryPermissionMixin,
    VersionCheckedAdminMixin,
    EditingAdminMixin,
    UploadFaultAdminMixin,
    VersionAdmin,
):
    # EditingAdminMixin: checked logo uploads, https for bare addresses.
    list_display = ["name", "slug", "site", "logo_thumbnail"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PartnershipInline]

    @admin.display(description="Logo")
    def logo_thumbnail(self, brand):
        return thumbnail(brand.logo, alt=f"{brand.name} logo")


@admin.register(Partnership)
class PartnershipAdmin(HistoryPermissionMixin, VersionCheckedAdminMixin, VersionAdmin):
    formfield_overrides = FORM_FIELDS
    list_display = ["brand", "partner", "kind", "started_on", "ended_on"]
    list_filter = ["kind", "brand"]
    list_select_related = ["brand", "partner"]
    autocomplete_fields = ["brand", "partner"]


@admin.register(Source)
class SourceAdmin(HistoryPermissionMixin, VersionCheckedAdminMixin, VersionAdmin):
    formfield_overrides = FORM_FIELDS
    list_display = ["name", "kind", "is_authoritative", "score", "url"]
    list_filter = ["kind", "is_authoritative"]

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            # Every listed source scored in two queries, before rendering.
            sources = list(changelist.result_list)
            cards = scorecards(sources)
            for source in sources:
                source.scorecard = cards[source.pk]
            changelist.result_list = sources
        return response

    @admin.display(description="score")
    def score(self, source):
        if source.settles_claims:
            return "Official: settles the others"
        card = getattr(source, "scorecard", None)
        if card is None:
            return "—"
        return f"{card.mark} · {card.open} open"

    search_fields = ["name", "url"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(SpecField)
class SpecFieldAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "group",
        "kind",
        "unit",
        "tolerance",
        "higher_is_better",
        "position",
    ]
    list_editable = ["position"]
    list_filter = ["group", "kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class AliasInline(admin.TabularInline):
    model = DeviceAlias
    extra = 0


CLAIM_FIELDS = [
    "field",
    "camera",
    "is_unknown",
    "value_number",
    "value_text",
    "value_boolean",
    "confidence",
    "source",
    "source_url",
    "stated_on",
]


def _claim_cameras(request, device_id):
    """The cameras a claim may be about: the device's own."""
    if not device_id:
        return CameraModule.objects.none()
    return CameraModule.objects.filter(device_id=device_id).select_related("device")


class SpecClaimInline(admin.TabularInline):
    """Saved claims are read-only: a changed value is a new claim (a blank row
    here, or "Add a newer claim" beside the old one), so the history keeps
    the old one. Newest claim of each spec first."""

    formfield_overrides = FORM_FIELDS
    model = SpecClaim
    form = ClaimRowForm
    extra = 1
    can_delete = False
    autocomplete_fields = ["field", "source"]
    # One value column, its input of the spec's kind (devices.claim_grid).
    fields = [
        "field",
        "camera",
        "claimed_value",
        "confidence",
        "source",
        "source_url",
        "stated_on",
        "standing",
        "settlement",
    ]
    readonly_fields = ["standing", "settlement"]
    classes = ["claims-grid"]

    class Media:
        js = ["admin/js/claims-grid.js"]

    verbose_name = "claim"
    verbose_name_plural = (
        "spec and camera claims (saved claims are never changed: to confirm or "
        "correct a value, add a newer claim; the old one stays in the history)"
    )

    def has_change_permission(self, request, obj=None):
        # Saved rows are shown read-only; new rows can still be added.
        return False

    @admin.display(description="settled?")
    def settlement(self, claim):
        if claim.pk is None:
            return "—"
        if getattr(claim, "is_open", False):
            return "Still open"
        if claim.source is not None and claim.source.settles_claims:
            return "Official: settles the others"
        if claim.is_withdrawn or claim.is_unknown:
            return "Not scored"
        return format_html(
            '<a href="{}#claim-{}">Settled: see the source</a>',
            claim.source.get_absolute_url() if claim.source else "",
            claim.pk,
        )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("field", "source", "camera", "withdrawn_by")
            .with_open_flag()
            .order_by(
                # Claims waiting for the official word first.
                F("is_open").desc(),
                F("camera__position").asc(nulls_first=True),
                "camera_id",
                "field__group",
                "field__position",
                "field_id",
                "-stated_on",
                "-recorded_at",
                "-pk",
            )
        )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        widget = getattr(formfield, "widget", None)
        if isinstance(widget, RelatedFieldWidgetWrapper):
            # No add/change icons in the grid's narrow cells: those records
            # have pages (and, for cameras, a grid) of their own.
            widget.can_add_related = widget.can_change_related = False
            widget.can_delete_related = widget.can_view_related = False
        return formfield

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "camera":
            match = request.resolver_match
            kwargs["queryset"] = _claim_cameras(
                request, match.kwargs.get("object_id") if match else None
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description="Value")
    def claimed_value(self, claim):
        return claim.display_value

    @admin.display(description="Standing")
    def standing(self, claim):
        if claim.pk is None:
            return "New claim"
        return claim_standing(claim, user=self._user)

    def get_formset(self, request, obj=None, **kwargs):
        # The links beside each claim depend on who is looking.
        self._user = request.user
        return super().get_formset(request, obj, **kwargs)


def claim_standing(claim, *, user):
    """Whether a claim counts, and what an editor can do about it."""
    if claim.is_withdrawn:
        who = claim.withdrawn_by.get_username() if claim.withdrawn_by else "someone"
        when = timezone.localtime(claim.withdrawn_at)
        return f"Withdrawn by {who}, {when:%d %b %Y %H:%M}"
    links = [
        format_html(
            '<a href="{}" class="add-newer-claim">Add a newer claim</a>',
            newer_claim_url(claim),
        )
    ]
    if services.may_withdraw_claims(user):
        links.append(
            format_html(
                '<a href="{}" class="withdraw-claim">Withdraw</a>',
                reverse("admin:devices_specclaim_withdraw", args=[claim.pk]),
            )
        )
    return format_html_join(" · ", "{}", ((link,) for link in links))


def newer_claim_url(claim) -> str:
    """The add form, filled in with what the claim says, for its successor."""
    initial = {
        "device": claim.device_id,
        "field": claim.field_id,
        "camera": claim.camera_id or "",
        "confidence": claim.confidence,
    }
    if claim.is_unknown:
        initial["is_unknown"] = "on"
    elif claim.value_number is not None:
        initial["value_number"] = f"{claim.value_number.normalize():f}"
    elif claim.value_boolean is not None:
        initial["value_boolean"] = "true" if claim.value_boolean else "false"
    elif claim.value_text:
        initial["value_text"] = claim.value_text
    return f"{reverse('admin:devices_specclaim_add')}?{urlencode(initial)}"


class CameraInline(admin.TabularInline):
    model = CameraModule
    extra = 0
    autocomplete_fields = ["optics_partner"]
    fields = ["role", "position", "optics_partner", "values"]
    readonly_fields = ["values"]
    verbose_name_plural = (
        "camera modules (their resolution, sensor, aperture and zoom are "
        "claims: save a new camera, then add its claims above)"
    )

    @admin.display(description="Values (best claims)")
    def values(self, camera):
        if camera.pk is None:
            return "Add claims once saved."
        best = camera.best
        shown = [
            f"{claim.subject.split(' camera ')[-1]}: {claim.display_value} "
            f"({claim.get_confidence_display().lower()})"
            for claim in best.values()
        ]
        return "; ".join(shown) or "Unknown"


@admin.register(SpecClaim)
class SpecClaimAdmin(admin.ModelAdmin):
    """Claims are added (often as a newer claim of an old one), read and
    withdrawn; never changed or deleted."""

    formfield_overrides = FORM_FIELDS
    fields = ["device", *CLAIM_FIELDS]
    autocomplete_fields = ["device", "field", "source"]
    list_display = [
        "device",
        "subject",
        "display_value",
        "confidence",
        "source",
        "stated_on",
        "withdrawn_at",
    ]
    list_filter = ["confidence", "field__group", "device"]
    list_select_related = ["device", "field", "source", "camera"]
    search_fields = ["device__name", "field__name", "value_text"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "camera":
            device = request.POST.get("device") or request.GET.get("device")
            kwargs["queryset"] = _claim_cameras(
                request, device if str(device).isdigit() else None
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if change:
            raise PermissionDenied("A saved claim is never changed.")
        # Recorded in the device's history, so an editor with the device
        # open is shown this claim when their save is refused.
        with reversion.create_revision():
            services.add_claim(claim=obj)
            reversion.set_user(request.user)
            reversion.set_comment(f"Added the claim {obj}")
            reversion.add_to_revision(Device.objects.get(pk=obj.device_id))

    def _device_page(self, claim):
        return HttpResponseRedirect(
            reverse("admin:devices_device_change", args=[claim.device_id])
        )

    def response_add(self, request, obj, post_url_continue=None):
        self.message_user(
            request, f"Claim added: {obj.subject} = {obj.display_value}.", SUCCESS
        )
        return self._device_page(obj)

    def get_urls(self):
        withdraw = path(
            "<int:claim_id>/withdraw/",
            self.admin_site.admin_view(self.withdraw_view),
            name="devices_specclaim_withdraw",
        )
        return [withdraw, *super().get_urls()]

    def withdraw_view(self, request, claim_id):
        claim = get_object_or_404(SpecClaim.objects.for_sheets(), pk=claim_id)
        if not services.may_withdraw_claims(request.user):
            raise PermissionDenied
        if request.method == "POST":
            with reversion.create_revision():
                services.withdraw_claim(claim=claim, by=request.user)
                reversion.set_user(request.user)
                reversion.set_comment(f"Withdrew the claim {claim}")
                reversion.add_to_revision(Device.objects.get(pk=claim.device_id))
            self.message_user(request, f"Withdrawn: {claim}.", SUCCESS)
            return self._device_page(claim)
        return TemplateResponse(
            request,
            "admin/devices/specclaim/withdraw.html",
            {
                **self.admin_site.each_context(request),
                "title": "Withdraw a claim",
                "opts": self.model._meta,
                "claim": claim,
            },
        )


@admin.register(Device)
class DeviceAdmin(
    HistoryPermissionMixin,
    VersionCheckedAdminMixin,
    EditingAdminMixin,
    UploadFaultAdminMixin,
    VersionAdmin,
):
    list_display = [
        "name",
        "slug",
        "device_thumbnail",
        "brand",
        "status",
        "announced_on",
        "released_on",
    ]
    list_filter = ["brand", "status"]
    list_select_related = ["brand"]
    search_fields = ["name", "slug", "aliases__name", "series"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["brand", "predecessor"]
    readonly_fields = ["updated_at"]
    inlines = [AliasInline, SpecClaimInline, CameraInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "brand",
                    "name",
                    "slug",
                    "series",
                    "predecessor",
                    "status",
                    "summary",
                ]
            },
        ),
        ("Dates", {"fields": ["announced_on", "released_on", "updated_at"]}),
        ("Image", {"fields": ["image", "image_alt"]}),
    ]

    @admin.display(description="Image")
    def device_thumbnail(self, device):
        return thumbnail(device.image, alt=device.image_alt)

    def save_formset(self, request, form, formset, change):
        if formset.model is not SpecClaim:
            return super().save_formset(request, form, formset, change)
        # Only new rows reach here (saved ones are read-only); each goes
        # through the one way claims are written.
        for claim in formset.save(commit=False):
            services.add_claim(claim=claim)


@admin.register(LaunchEvent)
class LaunchEventAdmin(HistoryPermissionMixin, VersionCheckedAdminMixin, VersionAdmin):
    formfield_overrides = FORM_FIELDS
    list_display = [
        "title",
        "slug",
        "brand",
        "start_date",
        "start_time",
        "time_zone",
        "status",
    ]
    list_filter = ["status", "brand"]
    list_select_related = ["brand"]
    search_fields = ["title", "slug"]
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["brand", "devices", "announced_by"]
    readonly_fields = ["starts_at", "sequence", "previous_start_date", "updated_at"]
    fieldsets = [
        (None, {"fields": ["brand", "title", "slug", "description", "devices"]}),
        (
            "When and where",
            {
                "description": "Leave the time empty when only the day is known: "
                "the event is shown as a whole-day event. When only the month, "
                "quarter or year is known, say so in “date known to”.",
                "fields": [
                    "date_precision",
                    "start_date",
                    "start_time",
                    "duration",
                    "time_zone",
                    "venue",
                    "status",
                    "starts_at",
                    "sequence",
                    "previous_start_date",
                    "updated_at",
                ],
            },
        ),
        (
            "Links",
            {"fields": ["announcement_url", "announced_by", "livestream_url"]},
        ),
    ]

    MOVE_FIELDS = {"start_date", "start_time", "time_zone", "status", "date_precision"}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "time_zone":
            # Some 600 zones: typing "shang" finds Asia/Shanghai.
            kwargs["widget"] = DatalistInput(
                options=(str(zone) for zone, _ in db_field.choices)
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        # A moved or cancelled event gets a new sequence number and keeps
        # its previous start, so calendar subscribers see the change.
        if change and self.MOVE_FIELDS & set(form.changed_data):
            services.reschedule_event(
                event=obj,
                start_date=obj.start_date,
                start_time=obj.start_time,
                time_zone=obj.time_zone,
                status=obj.status if "status" in form.changed_data else None,
                date_precision=obj.date_precision,
            )
        else:
            super().save_model(request, obj, form, change)
