"""Embeds: live device and event blocks inside a story.

The syntax is defined here and nowhere else. An embed is a line of its own:

    [[specs xiaomi-12s-ultra]]
    [[cameras xiaomi-12s-ultra]]
    [[event xiaomi-12s-launch]]
    [[compare xiaomi-12s-ultra xiaomi-11-ultra]]

When a story is saved, each embed line becomes an empty placeholder element
in its HTML (`placeholder()`); on every request `render_placeholders()` fills
the placeholders of a whole batch of stories from current data, in a fixed
number of queries, so a spec confirmed later shows in every story at once.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string

from devices.comparison import MAX_DEVICES, compare
from devices.models import (
    CameraModule,
    Device,
    LaunchEvent,
    Source,
    SpecClaim,
    SpecField,
)
from devices.specsheet import camera_sheet, spec_sheet

# How many slugs each kind takes, and what they name.
KINDS = {
    "specs": ("device",),
    "cameras": ("device",),
    "event": ("event",),
    "compare": ("device", "device"),
}

# What each kind shows, as editors are told beside a story's body.
SHOWS = {
    "specs": "the device's spec table, with confidence marks",
    "cameras": "the device's camera modules",
    "event": "a launch-event card: venue time, the reader's time, .ics link",
    "compare": f"two devices side by side (or up to {MAX_DEVICES})",
}


def slug_kinds(kind: str, count: int) -> tuple | None:
    """What each of `count` slugs names in a `kind` embed, or None when the
    kind takes another number: compare takes two to four devices, the others
    exactly their slugs."""
    wanted = KINDS[kind]
    if kind == "compare" and len(wanted) <= count <= MAX_DEVICES:
        return ("device",) * count
    return wanted if count == len(wanted) else None


def syntax_help() -> str:
    """Every embed kind, written as a line to copy, and what it shows."""
    examples = (
        f"[[{kind} {' '.join(what.upper() + '-SLUG' for what in KINDS[kind])}]] "
        f"{SHOWS[kind]}"
        for kind in KINDS
    )
    return "Embeds go on a line of their own: " + "; ".join(examples) + "."


# Anything that looks like an embed line, well formed or not, so that a typo
# is reported instead of silently shown as text. At most three spaces of
# indent: four (or a tab) would make it a Markdown code block. A line ends at
# LF, CR LF (what browsers send from a textarea) or a lone CR, and may carry
# trailing spaces or tabs; the line break itself is left out of the match.
LINE_START = r"(?:\A|(?<=\n)|(?<=\r))"
LINE_END = r"(?=\r\n|\r|\n|\Z)"
EMBED_LINE = re.compile(
    LINE_START + r" {0,3}\[\[(?P<inner>[^\]\r\n]*)\]\][^\S\r\n]*" + LINE_END
)
SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")

# What `placeholder()` writes; only well-formed slugs can ever match.
PLACEHOLDER = re.compile(
    r'<div class="embed-placeholder" data-embed="(?P<kind>[a-z]+)" '
    r'data-slugs="(?P<slugs>[a-z0-9_ -]+)"></div>'
)


@dataclass(frozen=True)
class Embed:
    kind: str
    slugs: tuple[str, ...]

    @property
    def device_slugs(self):
        return [
            s
            for s, what in zip(
                self.slugs, slug_kinds(self.kind, len(self.slugs)), strict=True
            )
            if what == "device"
        ]

    @property
    def event_slugs(self):
        return [
            s
            for s, what in zip(
                self.slugs, slug_kinds(self.kind, len(self.slugs)), strict=True
            )
            if what == "event"
        ]

    def line(self) -> str:
        """The embed as an author writes it: `[[kind slug ...]]`."""
        return f"[[{self.kind} {' '.join(self.slugs)}]]"

    def placeholder(self) -> str:
        return (
            f'<div class="embed-placeholder" data-embed="{self.kind}" '
            f'data-slugs="{" ".join(self.slugs)}"></div>'
        )


class EmbedSyntaxError(ValueError):
    pass


def parse(inner: str) -> Embed:
    """The embed written between `[[` and `]]`, or EmbedSyntaxError saying why not."""
    kind, *slugs = inner.split()
    if kind not in KINDS:
        raise EmbedSyntaxError(
            f"“[[{inner}]]” is not an embed: use one of "
            + ", ".join(f"[[{name} …]]" for name in KINDS)
            + "."
        )
    if slug_kinds(kind, len(slugs)) is None:
        count = len(KINDS[kind])
        if kind == "compare":
            count = f"{count} to {MAX_DEVICES}"
        raise EmbedSyntaxError(
            f"“[[{inner}]]”: [[{kind} …]] takes {count} "
            f"slug{'s' if len(KINDS[kind]) > 1 else ''}."
        )
    for slug in slugs:
        if not SLUG.match(slug):
            raise EmbedSyntaxError(
                f"“[[{inner}]]”: “{slug}” is not a slug (lowercase letters, "
                "digits and hyphens)."
            )
    return Embed(kind, tuple(slugs))


def _inner(match) -> str:
    return match.group("inner").strip()


def find_embeds(text: str) -> list[Embed]:
    """The well-formed embeds of a body, in order."""
    embeds = []
    for match in EMBED_LINE.finditer(text or ""):
        try:
            embeds.append(parse(_inner(match) or "?"))
        except EmbedSyntaxError:
            continue
    return embeds


def replace_embed_lines(text: str, replace) -> str:
    """`text` with each well-formed embed line replaced by `replace(embed)`."""

    def substitute(match):
        try:
            return replace(parse(_inner(match) or "?"))
        except EmbedSyntaxError:
            return match.group(0)

    return EMBED_LINE.sub(substitute, text or "")


def referenced_slugs(embeds) -> tuple[set[str], set[str]]:
    devices, events = set(), set()
    for embed in embeds:
        devices.update(embed.device_slugs)
        events.update(embed.event_slugs)
    return devices, events


@dataclass(frozen=True)
class LineCheck:
    """One embed line of a body as the save will judge it."""

    number: int  # 1-based, counting CR LF, CR and LF alike as one break
    line: str
    embed: Embed | None
    problems: tuple[str, ...]


LINE_BREAK = re.compile(r"\r\n|\r|\n")


def check_lines(text: str) -> list[LineCheck]:
    """Every embed line of `text`, in order, with what is wrong with it.

    The one check behind both the save (`validate_embeds`) and the editor's
    as-you-type marks; unknown slugs cost two queries for the whole body.
    """
    text = text or ""
    found, line, seen_up_to = [], 1, 0
    for match in EMBED_LINE.finditer(text):
        line += len(LINE_BREAK.findall(text, seen_up_to, match.start()))
        seen_up_to = match.start()
        try:
            found.append((line, match, parse(_inner(match) or "?"), ()))
        except EmbedSyntaxError as error:
            found.append((line, match, None, (str(error),)))
    device_slugs, event_slugs = referenced_slugs(e for _, _, e, _ in found if e)
    known_devices = set(
        Device.objects.filter(slug__in=device_slugs).values_list("slug", flat=True)
    )
    known_events = set(
        LaunchEvent.objects.filter(slug__in=event_slugs).values_list("slug", flat=True)
    )
    checks = []
    for number, match, embed, problems in found:
        if embed is not None:
            problems = (
                *(
                    f"No device has the slug “{slug}”."
                    for slug in embed.device_slugs
                    if slug not in known_devices
                ),
                *(
                    f"No launch event has the slug “{slug}”."
                    for slug in embed.event_slugs
                    if slug not in known_events
                ),
            )
        checks.append(LineCheck(number, match.group(0).strip(), embed, problems))
    return checks


def validate_embeds(text: str) -> None:
    """Raise ValidationError naming every malformed embed and unknown slug."""
    checks = check_lines(text)
    errors = [check.problems[0] for check in checks if check.embed is None]
    # Each unknown slug once, however many lines name it.
    unknown = {
        problem
        for check in checks
        if check.embed is not None
        for problem in check.problems
    }
    errors += sorted(p for p in unknown if p.startswith("No device"))
    errors += sorted(p for p in unknown if p.startswith("No launch event"))
    if errors:
        raise ValidationError(errors)


# --- Rendering ------------------------------------------------------------------


def _by_slug(queryset, slugs) -> dict:
    """The records of `queryset` with these slugs, by slug (no query if none)."""
    if not slugs:
        return {}
    return {record.slug: record for record in queryset.filter(slug__in=slugs)}


class EmbedData:
    """Everything a batch of embeds shows, loaded in at most six queries.

    A story page or a feed renders many embeds of the same few devices, so
    the rows are loaded once and shared: each spec field and source is one
    object however many claims point at it, where `select_related` would
    build a copy per claim, and a device shown only as a spec table has no
    camera rows loaded.
    """

    def __init__(self, embeds):
        spec_slugs, camera_slugs, event_slugs = set(), set(), set()
        for embed in embeds:
            if embed.kind in ("specs", "compare"):
                spec_slugs.update(embed.device_slugs)
            if embed.kind in ("cameras", "compare"):
                camera_slugs.update(embed.device_slugs)
            event_slugs.update(embed.event_slugs)
        self.devices = _by_slug(
            Device.objects.select_related("brand"), spec_slugs | camera_slugs
        )
        self.cameras = self._by_device(
            CameraModule.objects.select_related("optics_partner").order_by(),
            camera_slugs,
        )
        self.claims = self._claims(spec_slugs, camera_slugs)
        self.events = _by_slug(LaunchEvent.objects.select_related("brand"), event_slugs)

    def camera_sheet(self, device):
        return camera_sheet(self.cameras[device.pk], self.claims[device.pk])

    def _ids(self, slugs):
        return [self.devices[s].pk for s in slugs if s in self.devices]

    def _by_device(self, queryset, slugs):
        ids = self._ids(slugs)
        grouped = {pk: [] for pk in ids}
        if ids:
            for row in queryset.filter(device_id__in=ids):
                grouped[row.device_id].append(row)
        return grouped

    def _claims(self, spec_slugs, camera_slugs):
        """Each device's claims: spec lines for spec tables, camera values
        too where cameras are shown; fields, sources and cameras shared."""
        grouped = {pk: [] for pk in self._ids(spec_slugs | camera_slugs)}
        if not grouped:
            return grouped
        # The sheets sort claims themselves: no ordering, so no join for it.
        # One IN list for the index to walk; spec-only devices' camera
        # values are then left out row by row.
        claims = list(
            SpecClaim.objects.filter(device_id__in=list(grouped))
            .exclude(
                device_id__in=self._ids(spec_slugs - camera_slugs),
                camera__isnull=False,
            )
            .order_by()
        )
        fields = SpecField.objects.in_bulk({claim.field_id for claim in claims})
        sources = Source.objects.in_bulk(
            {claim.source_id for claim in claims if claim.source_id}
        )
        cameras = {
            camera.pk: camera for group in self.cameras.values() for camera in group
        }
        for claim in claims:
            SpecClaim.field.field.set_cached_value(claim, fields[claim.field_id])
            SpecClaim.source.field.set_cached_value(claim, sources.get(claim.source_id))
            if claim.camera_id is not None:
                SpecClaim.camera.field.set_cached_value(claim, cameras[claim.camera_id])
            grouped[claim.device_id].append(claim)
        return grouped


def _render_embed(embed, data, *, plain, site_url):
    context = {"plain": plain, "site_url": site_url, "kind": embed.kind}
    if embed.kind == "event":
        event = data.events.get(embed.slugs[0])
        if event is None:
            return ""
        context["event"] = event
    else:
        devices = [data.devices.get(slug) for slug in embed.slugs]
        if None in devices:
            return ""
        context["devices"] = devices
        context["device"] = devices[0]
        if embed.kind == "specs":
            context["groups"] = spec_sheet(data.claims[devices[0].pk])
        elif embed.kind == "cameras":
            context["cameras"] = data.camera_sheet(devices[0])
        else:
            context["comparison"] = compare(
                devices,
                lambda device: data.claims[device.pk],
                lambda device: data.cameras[device.pk],
            )
    return render_to_string(f"devices/embeds/{embed.kind}.html", context)


def render_placeholders(htmls: list[str], *, plain: bool = False) -> list[str]:
    """Fill the embed placeholders of many stories at once.

    `plain=True` renders for feed readers: tables and links with absolute
    addresses, no classes or data attributes meant for our own script.
    An embed whose record has since been deleted renders as nothing.
    """
    found = [
        Embed(m.group("kind"), tuple(m.group("slugs").split()))
        for html in htmls
        for m in PLACEHOLDER.finditer(html)
        if m.group("kind") in KINDS
    ]
    if not found:
        return list(htmls)
    data = EmbedData(found)
    site_url = settings.SITE_URL if plain else ""
    rendered = {}

    def fill(match):
        embed = Embed(match.group("kind"), tuple(match.group("slugs").split()))
        if embed.kind not in KINDS or slug_kinds(embed.kind, len(embed.slugs)) is None:
            return ""
        if embed not in rendered:
            rendered[embed] = _render_embed(embed, data, plain=plain, site_url=site_url)
        return rendered[embed]

    return [PLACEHOLDER.sub(fill, html) for html in htmls]
