"""The comparison page (two to four devices), the picker that leads to it
and the suggestions its script asks for.

A comparison's address is /compare/a-vs-b/ (up to a-vs-b-vs-c-vs-d), the
slugs in alphabetical order; any other order redirects there. Slugs may hold
hyphens, even "-vs-", so the address is split where real slugs fit.
"""

from functools import cache

from django.http import (
    Http404,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
    JsonResponse,
)
from django.views import View
from django.views.generic import TemplateView

from devices.comparison import MAX_DEVICES, MIN_DEVICES, compare, compare_path
from devices.picker import PickerForm, suggestions_json, worth_adding
from devices.views import device_queryset

# Pieces of an address between "-vs-"; beyond this it is no comparison (and
# the number of ways to split it stays small).
MAX_PIECES = 12
TOO_MANY = f"A comparison takes {MIN_DEVICES} to {MAX_DEVICES} devices."


def split_slugs(text: str, known: set[str]) -> list[str] | None:
    """The fewest slugs among `known` that joined by "-vs-" make `text`."""
    pieces = text.split("-vs-")

    @cache
    def fewest(start):
        if start == len(pieces):
            return []
        best = None
        for end in range(start + 1, len(pieces) + 1):
            slug = "-vs-".join(pieces[start:end])
            rest = fewest(end) if slug in known else None
            if rest is not None and (best is None or len(rest) + 1 < len(best)):
                best = [slug, *rest]
        return best

    return fewest(0)


class CompareView(TemplateView):
    template_name = "devices/compare.html"

    def load(self, text):
        pieces = text.split("-vs-")
        if len(pieces) > MAX_PIECES or len(text) > 600:
            raise Http404(TOO_MANY)
        candidates = {
            "-vs-".join(pieces[i:j])
            for i in range(len(pieces))
            for j in range(i + 1, len(pieces) + 1)
        }
        devices = {d.slug: d for d in device_queryset().filter(slug__in=candidates)}
        slugs = split_slugs(text, set(devices))
        if not slugs or len(set(slugs)) < MIN_DEVICES:
            raise Http404("No such devices to compare.")
        if len(slugs) > MAX_DEVICES:
            return slugs, None
        return slugs, [devices[slug] for slug in sorted(set(slugs))]

    def get(self, request, *args, **kwargs):
        slugs, devices = self.load(kwargs["slugs"])
        if devices is None:
            return self.render_to_response(
                {"refusal": TOO_MANY, "picker": PickerForm()}, status=400
            )
        canonical = compare_path(slugs)
        if canonical != request.path:
            return HttpResponsePermanentRedirect(canonical)
        self.comparison = compare(
            devices,
            lambda device: device.spec_claims.all(),
            lambda device: device.cameras.all(),
        )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        comparison = self.comparison
        return super().get_context_data(
            comparison=comparison,
            devices=comparison.devices,
            picker=PickerForm(
                initial={"device": [d.name for d in comparison.devices]},
                offered=worth_adding(comparison.devices),
            ),
            **kwargs,
        )


class PickerView(TemplateView):
    """/compare/?device=a&device=b: the picker's (and the finder's ticks')
    destination, which redirects to the comparison or says what is wrong."""

    template_name = "devices/compare_picker.html"

    def get(self, request, *args, **kwargs):
        if "device" not in request.GET:
            return self.render_to_response({"picker": PickerForm()})
        form = PickerForm(request.GET)
        if form.is_valid():
            return HttpResponseRedirect(compare_path(form.slugs))
        return self.render_to_response({"picker": form}, status=400)


class SuggestView(View):
    """/devices/suggest.json?q=12s: the devices whose names hold what was
    typed, which the picker's script puts in its <datalist>. Read-only, the
    same for every reader: stored by the page cache like a page."""

    http_method_names = ["get", "head"]

    def get(self, request, *args, **kwargs):
        return JsonResponse(suggestions_json(request.GET.get("q", "")))
