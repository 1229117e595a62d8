"""What an editor may embed, found by name: the story form's "Insert" picker.

Typed text (a name, an alias or leaked name, a slug, or "A vs B" for a
comparison) becomes ready-made embed lines, written by `embeds.Embed` so the
syntax stays defined in one place. An embed kind typed first ("specs 12S",
as after `[[` in the body) keeps to that kind.
"""

import re
from dataclasses import dataclass

from django.db.models import Q

from devices import embeds
from devices.models import Device, LaunchEvent

# Enough to choose from without scrolling: a few records, each with its kinds.
RECORDS = 4
MOST = 12
VERSUS = re.compile(r"\s+(?:vs\.?|versus)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Suggestion:
    embed: embeds.Embed
    label: str

    def as_json(self):
        return {
            "line": self.embed.line(),
            "kind": self.embed.kind,
            "label": self.label,
            "shows": embeds.SHOWS[self.embed.kind],
        }


def _devices(text):
    devices = Device.objects.select_related("brand")
    if text:
        devices = devices.filter(
            Q(name__icontains=text)
            | Q(slug__icontains=text)
            | Q(aliases__name__icontains=text)
        ).distinct()
    return list(devices.order_by("-updated_at", "name")[:RECORDS])


def _events(text):
    events = LaunchEvent.objects.all()
    if text:
        events = events.filter(Q(title__icontains=text) | Q(slug__icontains=text))
    return list(events.order_by("-start_date", "title")[:RECORDS])


def _comparisons(text):
    first, second = VERSUS.split(text, maxsplit=1)
    found = [
        (a, b)
        for a in _devices(first.strip())
        for b in _devices(second.strip())
        if a.pk != b.pk
    ]
    return [
        Suggestion(embeds.Embed("compare", (a.slug, b.slug)), f"{a.name} vs {b.name}")
        for a, b in found
    ]


def suggest(query: str) -> list[Suggestion]:
    """Embed lines for what `query` names, best first, at most MOST."""
    text = " ".join((query or "").replace("[", " ").replace("]", " ").split())
    # No name is this long; a pasted essay is cut, not sent to the database.
    text = text[:120]
    kinds = list(embeds.KINDS)
    first, _, rest = text.partition(" ")
    if first.lower() in embeds.KINDS:
        kinds, text = [first.lower()], rest
    if VERSUS.search(text):
        found = _comparisons(text) if "compare" in kinds else []
        return found[:MOST]
    found = []
    if {"specs", "cameras"} & set(kinds):
        for device in _devices(text):
            found += [
                Suggestion(embeds.Embed(kind, (device.slug,)), device.name)
                for kind in ("specs", "cameras")
                if kind in kinds
            ]
    if "event" in kinds:
        found += [
            Suggestion(embeds.Embed("event", (event.slug,)), event.title)
            for event in _events(text)
        ]
    return found[:MOST]
