"""Pages about sources: who said what before the launch, and how it turned out."""

from django.views.generic import DetailView, ListView

from devices.models import Device, Source, SpecClaim
from devices.scorecard import claims_of, scorecard, scorecards
from newsroom.core.pagination import BoundedPaginator


class SourceListView(ListView):
    """Every source with its score."""

    queryset = Source.objects.all()
    context_object_name = "sources"
    template_name = "devices/source_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cards = scorecards(context["sources"])
        for source in context["sources"]:
            source.scorecard = cards[source.pk]
        return context


class SourceDetailView(DetailView):
    """A source's scorecard and the claims it made, grouped by device, a page
    of devices at a time: a prolific source has spoken about thousands."""

    queryset = Source.objects.all()
    context_object_name = "source"
    template_name = "devices/source_detail.html"
    devices_per_page = 25

    def get_context_data(self, **kwargs):
        source = self.object
        devices = (
            # IN, not EXISTS: the devices are looked up once, not per device.
            Device.objects.filter(
                pk__in=SpecClaim.objects.filter(source=source).values("device")
            )
            .order_by("name", "pk")
            .values_list("pk", flat=True)
        )
        paginator = BoundedPaginator(devices, self.devices_per_page)
        page = paginator.get_page(self.request.GET.get("page"))
        claims = claims_of(source).filter(device__in=list(page))
        return super().get_context_data(
            scorecard=scorecard(source, claims),
            paginator=paginator,
            page_obj=page,
            is_paginated=page.has_other_pages(),
            **kwargs,
        )
