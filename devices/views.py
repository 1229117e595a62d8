"""Device, brand, comparison and launch pages.

The stories each page lists come from `devices.stories.stories_about`, which
the editorial app provides: this app never imports it.
"""

from django.conf import settings
from django.db.models import Prefetch
from django.views.generic import DetailView, ListView, TemplateView

from devices.finder import DeviceFinder
from devices.models import (
    Brand,
    CameraModule,
    Device,
    LaunchEvent,
    Partnership,
    SpecClaim,
)
from devices.picker import PickerForm
from devices.scorecard import mark_sources
from devices.specsheet import camera_sheet, spec_sheet, spec_timeline
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
    """The device finder: `?q=` finds a device by name, alias or leaked name;
    the filters of `DeviceFinder` narrow the list down (see devices.finder)."""

    context_object_name = "devices"
    paginate_by = 60

    def get_queryset(self):
        devices = Device.objects.select_related("brand")
        self.query = " ".join(self.request.GET.get("q", "").split())[:100]
        if self.query:
            devices = devices.matching(self.query)
        self.finder = DeviceFinder(self.request.GET, queryset=devices)
        return self.finder.qs

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            query=self.query,
            finder=self.finder,
            ignored=self.finder.ignored(),
            **kwargs,
        )


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
        groups = spec_sheet(claims)
        chipset = next(
            (
                line.best.value
                for group in groups
                for line in group.lines
                if line.field.slug == "chipset"
            ),
            None,
        )
        compare_with = list(
            Device.objects.select_related("brand").worth_comparing(
                device, chipset=chipset
            )
        )
        return super().get_context_data(
            groups=groups,
            cameras=camera_sheet(device.cameras.all(), claims),
            predecessor=device.predecessor,
            successors=device.successors.all(),
            compare_with=compare_with,
            picker=PickerForm(
                initial={"device": [device.name]},
                offered=[other.name for other in compare_with],
            ),
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
