"""The form that picks devices to compare, by name, alias or slug, and the
names it suggests.

A page carries only a few names in the picker's <datalist>, chosen for that
page; any other device is suggested as the reader types (`suggestions`,
which the script asks for at /devices/suggest.json) or, without a script,
offered as "Did you mean" after a name that fits no device (`closest`). So
a page weighs the same whatever the catalogue holds.
"""

import difflib
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.db.models import Case, F, IntegerField, Q, When
from django.db.models.functions import Length

from devices.comparison import MAX_DEVICES, MIN_DEVICES
from devices.models import Device
from newsroom.core.text import clean_line

# Names a page's <datalist> carries. Every one is weight on every device and
# compare page, read on phones; a popup shows about this many at a time, and
# the script or "Did you mean" finds the others.
OFFERED = 8
# Devices /devices/suggest.json answers with: a popup's worth. A reader who
# sees none they want types another word rather than scrolls.
SUGGESTED = 10
# Devices "Did you mean" offers for a name that fits none or several.
CLOSEST = 5
# Near misses weighed for "Did you mean" (those holding the most typed words
# come first): enough to hold the best, few enough to rank here.
NEAR_MISSES = 50
# As long as a device's name may be; a longer text is cut, not looked up.
MAX_TYPED = 120


def typed_name(text: str) -> str:
    """What a reader typed, as names are looked up: one line of single
    spaces, nothing a document cannot hold, no longer than a name."""
    return " ".join(clean_line(text).split())[:MAX_TYPED]


def going_by(text: str):
    """The devices going by `text`: its slug, its name or one of its
    aliases, in any case."""
    text = typed_name(text)
    if not text:
        return Device.objects.none()
    return Device.objects.filter(
        Q(slug=text.lower()) | Q(name__iexact=text) | Q(aliases__name__iexact=text)
    ).distinct()


def device_named(text: str):
    """The device a reader typed or ticked: its slug, its name or one of its
    aliases, in any case; None when nothing or more than one fits."""
    found = list(going_by(text).values_list("slug", flat=True)[:2])
    return found[0] if len(found) == 1 else None


def suggestions(text: str) -> list[Device]:
    """Devices whose names hold every word typed (`Device.objects.matching`:
    name, series, brand, alias or leaked name), at most SUGGESTED, with
    brands and aliases; best first: the name as typed, a name starting with
    it, a word of the name starting with it, then the shortest names."""
    text = typed_name(text)
    found = Device.objects.select_related("brand").prefetch_related("aliases")
    fit = Case(
        When(name__iexact=text, then=0),
        When(name__istartswith=text, then=1),
        When(name__icontains=f" {text}", then=2),
        When(name__icontains=text, then=3),
        default=4,
        output_field=IntegerField(),
    )
    ranked = found.matching(text).order_by(fit, Length("name"), "name")
    return list(ranked[:SUGGESTED])


def also_known_as(device) -> str:
    """The other names a suggestion was found by (brand, series, aliases),
    for its label: browsers show a <datalist> option only when each typed
    word is in its value or its label, so they must be there."""
    names = [device.brand.name, device.series, *(a.name for a in device.aliases.all())]
    folded = device.name.casefold()
    return " · ".join(
        name for name in dict.fromkeys(names) if name and name.casefold() not in folded
    )


def suggestions_json(text: str) -> dict:
    """What /devices/suggest.json answers: the text looked up, and for each
    suggestion the name to put in the box, a label and its page."""
    return {
        "query": typed_name(text),
        "results": [
            {
                "name": device.name,
                "slug": device.slug,
                "label": also_known_as(device),
                "url": device.get_absolute_url(),
            }
            for device in suggestions(text)
        ],
    }


def closest(text: str) -> list[Device]:
    """The devices a reader most likely meant by `text`: those whose names
    hold the most of its words, then the most alike; at most CLOSEST."""
    text = typed_name(text)
    near = list(Device.objects.matching_most(text)[:NEAR_MISSES])
    typed = text.casefold()

    def likeness(device):
        alike = difflib.SequenceMatcher(None, typed, device.name.casefold()).ratio()
        return (device.words_matched, alike)

    return sorted(near, key=likeness, reverse=True)[:CLOSEST]


def recently_announced() -> list[str]:
    """Names for a picker about no device in particular: the newest."""
    return list(
        Device.objects.order_by(
            F("announced_on").desc(nulls_last=True), "-pk"
        ).values_list("name", flat=True)[:OFFERED]
    )


def worth_adding(devices) -> list[str]:
    """Names for the picker of a comparison: devices like those compared."""
    return [
        device.name
        for device in Device.objects.worth_comparing_with_any(devices, limit=OFFERED)
    ]


@dataclass(frozen=True)
class Choice:
    """A device offered for a name typed wrong; `query` is the picker's with
    the device in that name's place."""

    name: str
    query: str


@dataclass(frozen=True)
class Unknown:
    """A typed name that fits no device, or several, and what may be meant."""

    typed: str
    message: str
    closest: list[Choice]


class PickerForm(forms.Form):
    """Up to four devices by name, alias or slug. `offered`: the names its
    <datalist> suggests (by default the newest devices, or after a name typed
    wrong those closest to it)."""

    device = forms.CharField(required=False)

    def __init__(self, data=None, initial=None, offered=None):
        super().__init__(data)
        typed = data.getlist("device") if data is not None else None
        if typed is None:
            typed = (initial or {}).get("device", [])
        typed = [typed_name(t) for t in typed][:8]
        self.typed = typed + [""] * (MAX_DEVICES - len(typed))
        self.offered = offered
        self.slugs = []
        self.unknown = []

    def offered_names(self) -> list[str]:
        if self.offered is not None:
            return list(self.offered)[:OFFERED]
        names = [choice.name for u in self.unknown for choice in u.closest]
        if names:
            return list(dict.fromkeys(names))[:OFFERED]
        return recently_announced()

    def clean(self):
        wrong = []
        for index, text in enumerate(self.typed):
            slug = device_named(text) if text else None
            if slug is None and text:
                wrong.append((index, text))
            elif slug is not None and slug not in self.slugs:
                self.slugs.append(slug)
        for index, text in wrong:
            several = list(going_by(text).order_by("name")[:CLOSEST])
            if several:
                message = f"Several devices go by “{text}”."
            else:
                message = f"No device goes by “{text}”."
            choices = [
                self._choice(index, device)
                for device in several or closest(text)
                if device.slug not in self.slugs
            ]
            self.unknown.append(Unknown(text, message, choices))
        if self.unknown:
            raise forms.ValidationError([unknown.message for unknown in self.unknown])
        if not MIN_DEVICES <= len(self.slugs) <= MAX_DEVICES:
            raise forms.ValidationError(
                f"Pick {MIN_DEVICES} to {MAX_DEVICES} different devices "
                f"({len(self.slugs)} picked)."
            )
        return {}

    def _choice(self, index, device) -> Choice:
        names = [*self.typed[:index], device.slug, *self.typed[index + 1 :]]
        return Choice(
            device.name, urlencode([("device", name) for name in names if name])
        )
