"""The device finder (/devices/): filters by brand, optics partner, status,
chipset and ranges over typed specs, in the address so a search can be shared.

A range reads each device's best-supported claim of the field (the value its
page shows: `SpecClaimQuerySet.best_first`, the database form of
`best_supported`); `confirmed=1` limits it to confirmed values. An unknown
parameter or a malformed value is ignored, and the page says so.
"""

import django_filters
from django.db.models import OuterRef, Subquery
from django.forms import CheckboxSelectMultiple

from devices.confidence import Confidence
from devices.models import Brand, CameraModule, Device, SpecClaim

# Spec fields the ranges read, by their catalogue slug.
SPEC_SLUGS = {
    "display_in": "screen-size",
    "refresh_hz": "refresh-rate",
    "battery_mah": "battery",
    "charging_w": "charging-power",
}
MAIN_CAMERA_MEGAPIXELS = "camera-megapixels"
CHIPSET = "chipset"
SORTS = {
    "newest": ("-announced_on", "-pk"),
    "announced": ("announced_on", "name"),
    "name": ("name",),
}
# Parameters the page reads besides the filters.
OTHER_PARAMETERS = {"q", "page"}


def number(label, **extra):
    return django_filters.NumberFilter(
        label=label,
        method="filter_spec",
        min_value=0,
        max_value=1_000_000,
        max_digits=10,
        decimal_places=3,
        **extra,
    )


class DeviceFinder(django_filters.FilterSet):
    brand = django_filters.ModelMultipleChoiceFilter(
        field_name="brand__slug",
        queryset=Brand.objects.all(),
        to_field_name="slug",
        label="Brand",
        widget=CheckboxSelectMultiple,
    )
    partner = django_filters.ModelMultipleChoiceFilter(
        queryset=Brand.objects.filter(optics_for__isnull=False).distinct(),
        to_field_name="slug",
        label="Optics partner",
        method="filter_partner",
        widget=CheckboxSelectMultiple,
    )
    status = django_filters.ChoiceFilter(choices=Device.Status.choices)
    chipset = django_filters.CharFilter(
        label="Chipset contains", method="filter_chipset", max_length=80
    )
    min_main_mp = number("Main camera at least (MP)")
    min_display_in = number("Screen at least (in)")
    max_display_in = number("Screen at most (in)")
    min_refresh_hz = number("Refresh rate at least (Hz)")
    min_battery_mah = number("Battery at least (mAh)")
    min_charging_w = number("Charging at least (W)")
    confirmed = django_filters.BooleanFilter(
        label="Confirmed values only",
        method="filter_nothing",
        widget=django_filters.widgets.BooleanWidget(),
    )
    sort = django_filters.ChoiceFilter(
        choices=[("newest", "Newest"), ("announced", "Announced"), ("name", "Name")],
        method="filter_sort",
        empty_label="Brand",
    )

    class Meta:
        model = Device
        fields = []

    def _best_claims(self, slug):
        claims = SpecClaim.objects.filter(
            device=OuterRef("pk"), field__slug=slug
        ).best_first()
        if self.form.cleaned_data.get("confirmed"):
            claims = claims.filter(confidence=Confidence.CONFIRMED)
        return claims

    def filter_spec(self, queryset, name, value):
        bound, key = name.split("_", 1)
        if key == "main_mp":
            claims = self._best_claims(MAIN_CAMERA_MEGAPIXELS).filter(
                camera__role=CameraModule.Role.MAIN
            )
        else:
            claims = self._best_claims(SPEC_SLUGS[key]).filter(camera__isnull=True)
        alias = f"best_{key}"
        queryset = queryset.alias(
            **{alias: Subquery(claims.values("value_number")[:1])}
        )
        lookup = "gte" if bound == "min" else "lte"
        return queryset.filter(**{f"{alias}__{lookup}": value})

    def filter_chipset(self, queryset, name, value):
        claims = self._best_claims(CHIPSET).filter(camera__isnull=True)
        queryset = queryset.alias(
            best_chipset=Subquery(claims.values("value_text")[:1])
        )
        return queryset.filter(best_chipset__icontains=value)

    def filter_partner(self, queryset, name, value):
        if not value:
            return queryset
        cameras = CameraModule.objects.filter(optics_partner__in=value)
        return queryset.filter(pk__in=cameras.values("device"))

    def filter_sort(self, queryset, name, value):
        return queryset.order_by(*SORTS[value]) if value in SORTS else queryset

    def filter_nothing(self, queryset, name, value):
        # `confirmed` changes how the ranges read claims; it filters nothing.
        return queryset

    def ignored(self):
        """What in the address was not used, as readers are told."""
        notes = [
            f"“{name}” is not a filter here."
            for name in self.data
            if name not in self.filters and name not in OTHER_PARAMETERS
        ]
        for name, errors in self.form.errors.items():
            label = self.filters[name].label or name
            notes.append(f"{label} ({name}) was ignored: {' '.join(errors)}")
        return notes

    @property
    def is_filtering(self):
        return any(self.data.get(name) for name in self.filters if name != "sort")
