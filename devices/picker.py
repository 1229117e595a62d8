"""The form that picks devices to compare, by name, alias or slug, and the
names it suggests.

A page carries only a few names in the picker's <datalist>, chosen for that
page; any other device is suggested as the reader types (`suggestions`,
which the script asks for at /devices/suggest.json). So a page weighs the
same whatever the catalogue holds.
"""

from django import forms
from django.db.models import Case, F, IntegerField, Q, When
from django.db.models.functions import Length

from devices.comparison import MAX_DEVICES, MIN_DEVICES
from devices.models import Device
from newsroom.core.text import clean_line

# Names a page's <datalist> carries. Every one is weight on every device and
# compare page, read on phones; a popup shows about this many at a time, and
# the script finds the others.
OFFERED = 8
# Devices /devices/suggest.json answers with: a popup's worth. A reader who
# sees none they want types another word rather than scrolls.
SUGGESTED = 10
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


class PickerForm(forms.Form):
    """Up to four devices by name, alias or slug. `offered`: the names its
    <datalist> suggests (by default the newest devices)."""

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

    def offered_names(self) -> list[str]:
        if self.offered is not None:
            return list(self.offered)[:OFFERED]
        return recently_announced()

    def clean(self):
        given = [t for t in self.typed if t]
        unknown = []
        for text in given:
            slug = device_named(text)
            if slug is None:
                unknown.append(text)
            elif slug not in self.slugs:
                self.slugs.append(slug)
        if unknown:
            raise forms.ValidationError(
                "No device goes by " + ", ".join(f"“{t}”" for t in unknown) + "."
            )
        if not MIN_DEVICES <= len(self.slugs) <= MAX_DEVICES:
            raise forms.ValidationError(
                f"Pick {MIN_DEVICES} to {MAX_DEVICES} different devices "
                f"({len(self.slugs)} picked)."
            )
        return {}
