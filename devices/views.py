"""Device, brand, comparison and launch pages.

The stories each page lists come from `devices.stories.stories_about`, which
the editorial app provides: this app never imports it.
"""

from django.conf import settings
from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse
from django.views.generic import DetailView, ListView, TemplateView

from devices.models import (
    Brand,
    CameraModule,
    Device,
    LaunchEvent,
    Partnership,
    SpecClaim,
)
from devices.scorecard import mark_sources
from devices.specsheet import (
    camera_sheet,
    compare_cameras,
    compare_specs,
    spec_sheet,
    spec_timeline,
    tally,
)
from devices.stories import stories_about

STORIES_PER_PAGE = settings.NEWSROOM_PAGE_SIZE


def device_queryset():
    return Device.objects.select_related("brand").prefetch_related(
        "aliases",
        Prefetch(
            "cameras", queryset=CameraModule.objects.select_related("optics_partner")
        ),
        Prefetch(
            "spec_claims",
            queryset=SpecClaim.objects.for_sheets().order_by(),
        ),
    )


class DeviceListView(ListView):
    """Every device by brand; `?q=` finds one by name, alias or leaked name."""

    context_object_name = "devices"

    def get_queryset(self):
        devices = Device.objects.select_related("brand")
        self.query = self.request.GET.get("q", "").strip()[:100]
        if self.query:
            devices = devices.matching(self.query)
        return devices

    def get_context_data(self, **kwargs):
        return super().get_context_data(query=self.query, **kwargs)


def default_comparisons(device, *, count=6):
    """The devices to offer for comparison: its predecessor and successors
    first, then others of its brand."""
    lineage = [device.predecessor_id, *(d.pk for d in device.successors.all())]
    others = (
        Device.objects.filter(Q(brand=device.brand_id) | Q(pk__in=lineage))
        .exclude(pk=device.pk)
        .order_by("name")
    )
    return sorted(others[: count + len(lineage)], key=lambda d: d.pk not in lineage)[
        :count
    ]


class DeviceDetailView(DetailView):
    context_object_name = "device"

    def get_queryset(self):
        return (
            device_queryset()
            .select_related("predecessor")
            .prefetch_related(
                "successors",
                Prefetch(
                    "launch_events",
                    queryset=LaunchEvent.objects.select_related("brand").order_by(
                        "starts_at"
                    ),
                ),
            )
        )

    def get_context_data(self, **kwargs):
        device = self.object
        claims = device.spec_claims.all()
        mark_sources(claims)
        return super().get_context_data(
            groups=spec_sheet(claims),
            cameras=camera_sheet(device.cameras.all(), claims),
            predecessor=device.predecessor,
            successors=device.successors.all(),
            compare_with=default_comparisons(device),
            stories=stories_about(device)[:STORIES_PER_PAGE],
            **kwargs,
        )


class DeviceHistoryView(DetailView):
    """Every claim about the device, newest first, with what it changed."""

    context_object_name = "device"
    template_name = "devices/device_history.html"

    def get_queryset(self):
        return Device.objects.select_related("brand").prefetch_related(
            Prefetch("spec_claims", queryset=SpecClaim.objects.for_sheets())
        )

    def get_context_data(self, **kwargs):
        timeline = spec_timeline(self.object.spec_claims.all())
        timeline.reverse()
        return super().get_context_data(timeline=timeline, **kwargs)


def compare_url(first, second):
    """The one address of a comparison: the two slugs in alphabetical order,
    whichever way round a link names them."""
    a, b = sorted((first.slug, second.slug))
    return reverse("devices:compare", kwargs={"a": a, "b": b})


class CompareView(TemplateView):
    """Two devices side by side. The address is /compare/<a>-vs-<b>/; slugs may
    contain hyphens (even "-vs-"), so every split is tried against real slugs."""

    template_name = "devices/compare.html"

    def get_devices(self):
        pair = f"{self.kwargs['a']}-vs-{self.kwargs['b']}"
        parts = pair.split("-vs-")
        candidates = [
            ("-vs-".join(parts[:i]), "-vs-".join(parts[i:]))
            for i in range(1, len(parts))
        ]
        slugs = {slug for candidate in candidates for slug in candidate}
        if len(pair) > 400:
            raise Http404("Compare addresses look like /compare/a-vs-b/.")
        devices = {
            device.slug: device for device in device_queryset().filter(slug__in=slugs)
        }
        for first, second in candidates:
            if first in devices and second in devices:
                return devices[first], devices[second]
        raise Http404("No such pair of devices.")

    def get(self, request, *args, **kwargs):
        self.pair = self.get_devices()
        canonical = compare_url(*self.pair)
        if canonical != request.path:
            return HttpResponsePermanentRedirect(canonical)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        first, second = self.pair
        groups = compare_specs(first.spec_claims.all(), second.spec_claims.all())
        camera_rows = compare_cameras(
            camera_sheet(first.cameras.all(), first.spec_claims.all()),
            camera_sheet(second.cameras.all(), second.spec_claims.all()),
        )
        return super().get_context_data(
            first=first,
            second=second,
            groups=groups,
            camera_rows=camera_rows,
            tally=tally(groups, camera_rows),
            **kwargs,
        )


class BrandListView(ListView):
    queryset = Brand.objects.all()
    context_object_name = "brands"


class BrandDetailView(DetailView):
    queryset = Brand.objects.prefetch_related("devices")
    context_object_name = "brand"

    def get_context_data(self, **kwargs):
        brand = self.object
        partnerships = Partnership.objects.involving(brand).select_related(
            "brand", "partner"
        )
        return super().get_context_data(
            optics_devices=Device.objects.filter(cameras__optics_partner=brand)
            .exclude(brand=brand)
            .select_related("brand")
            .distinct(),
            current_partnerships=partnerships.current(),
            past_partnerships=partnerships.ended(),
            stories=stories_about(brand)[:STORIES_PER_PAGE],
            **kwargs,
        )


class LaunchListView(TemplateView):
    template_name = "devices/launchevent_list.html"

    def get_context_data(self, **kwargs):
        events = LaunchEvent.objects.select_related("brand")
        return super().get_context_data(
            upcoming=events.upcoming(), past=events.past(), **kwargs
        )


class LaunchDetailView(DetailView):
    context_object_name = "event"

    def get_queryset(self):
        return LaunchEvent.objects.select_related(
            "brand", "announced_by"
        ).prefetch_related(
            Prefetch("devices", queryset=Device.objects.select_related("brand"))
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            stories=stories_about(self.object)[:STORIES_PER_PAGE], **kwargs
        )
