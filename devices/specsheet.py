"""Spec sheets and comparisons built from claims already loaded.

Nothing here queries the database: the callers load the claims and cameras
of every device they need in one go, and these functions arrange them.
"""

from dataclasses import dataclass, field
from itertools import groupby

from django.utils import timezone

from devices.models import CameraModule, SpecClaim, SpecField, best_supported
from devices.settlement import values_agree


@dataclass
class SpecLine:
    field: SpecField
    best: SpecClaim
    others: list[SpecClaim]

    @property
    def history(self):
        """Every claim for this line, oldest first."""
        return sorted([self.best, *self.others], key=lambda c: (c.stated_on, c.pk))


@dataclass
class SpecGroup:
    key: str
    label: str
    lines: list = field(default_factory=list)

    @property
    def shared_claim(self):
        """The claim standing for the whole group when every line's value comes
        from one source on one date at one confidence (unknown values aside),
        so the page says so once; None otherwise."""
        bests = [getattr(line, "best", None) for line in self.lines]
        if len(bests) < 2 or None in bests:
            return None
        known = [claim for claim in bests if not claim.is_unknown]
        if not known:
            return None
        where = {(c.source_id, c.source_url, c.stated_on) for c in bests}
        sure = {c.confidence for c in known}
        return known[0] if len(where) == 1 and len(sure) == 1 else None


def _field_order(spec_field):
    return (spec_field.group_position, spec_field.position, spec_field.name)


def spec_lines(claims) -> dict[int, SpecLine]:
    """The best-supported claim of each field (highest confidence, then newest,
    never a withdrawn one), with the other claims beneath it, keyed by field
    id. Cameras' claims are left to `camera_sheet`; a field whose claims were
    all withdrawn has no line."""
    by_field = {}
    for claim in claims:
        if claim.camera_id is None:
            by_field.setdefault(claim.field_id, []).append(claim)
    lines = {}
    for field_id, field_claims in by_field.items():
        best = best_supported(field_claims)
        if best is None:
            continue
        others = sorted(
            (c for c in field_claims if c is not best),
            key=lambda c: (not c.is_withdrawn, c.support),
            reverse=True,
        )
        lines[field_id] = SpecLine(best.field, best, others)
    return lines


def camera_sheet(cameras, claims) -> list[CameraModule]:
    """The cameras in order, each with the best of its claims (from `claims`,
    already loaded) as its values."""
    by_camera = {}
    for claim in claims:
        if claim.camera_id is not None:
            by_camera.setdefault(claim.camera_id, []).append(claim)
    ordered = sorted(cameras, key=lambda c: (c.position, c.pk))
    for camera in ordered:
        camera.attach_claims(by_camera.get(camera.pk, []))
    return ordered


def group_lines(items, *, spec_field=lambda item: item.field) -> list[SpecGroup]:
    """Items with a spec field, in catalogue order, grouped by the field's group."""
    ordered = sorted(items, key=lambda item: _field_order(spec_field(item)))
    groups = []
    for key, members in groupby(ordered, key=lambda item: spec_field(item).group):
        label = SpecField.Group(key).label
        groups.append(SpecGroup(key, label, list(members)))
    return groups


def spec_sheet(claims) -> list[SpecGroup]:
    return group_lines(spec_lines(claims).values())


def spec_timeline(claims) -> list[dict]:
    """The claims in the order they were stated, each with what the same spec
    (or camera value) said before and what happened: "first" reported,
    "confirmed" (the same value by the settlement rule, surer), "changed",
    or "repeated" (nothing new); and each withdrawal, dated when it happened
    ("withdrawn"). The history page and the spec-change feed both read it."""
    ordered = sorted(claims, key=lambda c: (c.stated_on, c.recorded_at, c.pk))
    last_value, timeline = {}, []
    for claim in ordered:
        before = last_value.get(claim.line_key)
        if before is None:
            change = "first"
        elif before.display_value == claim.display_value or values_agree(
            claim.field, before.value, claim.value
        ):
            change = (
                "confirmed"
                if claim.confidence_rank > before.confidence_rank
                else "repeated"
            )
        else:
            change = "changed"
        timeline.append(
            {
                "claim": claim,
                "before": before,
                "change": change,
                "on": claim.stated_on,
                "at": claim.recorded_at,
            }
        )
        last_value[claim.line_key] = claim
    withdrawals = [
        {
            "claim": claim,
            "before": None,
            "change": "withdrawn",
            "on": timezone.localdate(claim.withdrawn_at),
            "at": claim.withdrawn_at,
        }
        for claim in ordered
        if claim.is_withdrawn
    ]
    timeline += withdrawals
    timeline.sort(key=lambda entry: (entry["on"], entry["at"], entry["claim"].pk))
    return timeline
