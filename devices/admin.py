from django.contrib import admin
from django.db import models
from reversion.admin import VersionAdmin

from devices import services
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
from newsroom.core.admin_widgets import (
    EditingAdminMixin,
    HistoryPermissionMixin,
    UploadFaultAdminMixin,
    thumbnail,
)
from newsroom.core.datalist import DatalistInput

# Addresses typed without a scheme are taken as https (Django 6's default).
HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}


class PartnershipInline(admin.TabularInline):
    model = Partnership
    fk_name = "brand"
    extra = 0
    autocomplete_fields = ["partner"]
    verbose_name_plural = "partnerships (as the device maker)"


@admin.register(Brand)
class BrandAdmin(
    HistoryPermissionMixin,
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
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ["brand", "partner", "kind", "started_on", "ended_on"]
    list_filter = ["kind", "brand"]
    list_select_related = ["brand", "partner"]
    autocomplete_fields = ["brand", "partner"]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_URLS
    list_display = ["name", "kind", "url"]
    list_filter = ["kind"]
    search_fields = ["name", "url"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(SpecField)
class SpecFieldAdmin(admin.ModelAdmin):
    list_display = ["name", "group", "kind", "unit", "higher_is_better", "position"]
    list_editable = ["position"]
    list_filter = ["group", "kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class AliasInline(admin.TabularInline):
    model = DeviceAlias
    extra = 0


class SpecClaimInline(admin.TabularInline):
    """Claims are added, not edited: a changed value is a new claim, so the
    history keeps the old one."""

    formfield_overrides = HTTPS_URLS
    model = SpecClaim
    extra = 1
    autocomplete_fields = ["field", "source"]
    fields = [
        "field",
        "is_unknown",
        "value_number",
        "value_text",
        "value_boolean",
        "confidence",
        "source",
        "source_url",
        "stated_on",
    ]
    verbose_name_plural = (
        "spec claims (to change or confirm a value, add a claim: the old one "
        "stays in the history)"
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("field", "source")


class CameraInline(admin.TabularInline):
    model = CameraModule
    extra = 0
    autocomplete_fields = ["optics_partner", "source"]


@admin.register(Device)
class DeviceAdmin(
    HistoryPermissionMixin,
    EditingAdminMixin,
    UploadFaultAdminMixin,
    VersionAdmin,
):
    list_display = [
        "name",
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
    autocomplete_fields = ["brand"]
    readonly_fields = ["updated_at"]
    inlines = [AliasInline, SpecClaimInline, CameraInline]
    fieldsets = [
        (None, {"fields": ["brand", "name", "slug", "series", "status", "summary"]}),
        ("Dates", {"fields": ["announced_on", "released_on", "updated_at"]}),
        ("Image", {"fields": ["image", "image_alt"]}),
    ]

    @admin.display(description="Image")
    def device_thumbnail(self, device):
        return thumbnail(device.image, alt=device.image_alt)


@admin.register(LaunchEvent)
class LaunchEventAdmin(HistoryPermissionMixin, VersionAdmin):
    formfield_overrides = HTTPS_URLS
    list_display = ["title", "brand", "start_date", "start_time", "time_zone", "status"]
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
                "the event is shown as a whole-day event.",
                "fields": [
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

    MOVE_FIELDS = {"start_date", "start_time", "time_zone", "status"}

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
            )
        else:
            super().save_model(request, obj, form, change)
