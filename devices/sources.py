"""Pages about sources: who said what before the launch, and how it turned out."""

from django.views.generic import DetailView, ListView

from devices.models import Source
from devices.scorecard import scorecard, scorecards


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
    """A source's scorecard and every claim it made, grouped by device."""

    queryset = Source.objects.all()
    context_object_name = "source"
    template_name = "devices/source_detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(scorecard=scorecard(self.object), **kwargs)
