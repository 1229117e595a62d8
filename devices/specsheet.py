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


# --- Comparison ---------------------------------------------------------------

FIRST_BETTER, SECOND_BETTER, EQUAL, DIFFERENT = "first", "second", "equal", "different"
# Known for one device only, or for neither: nothing can be said yet.
FIRST_ONLY, SECOND_ONLY, UNKNOWN = "first-only", "second-only", "unknown"
VERDICTS = (FIRST_BETTER, SECOND_BETTER, EQUAL, DIFFERENT, FIRST_ONLY, SECOND_ONLY)


def verdict(first, second, *, higher_is_better):
    """Which of two values is better, when that can be said."""
    if first is None and second is None:
        return UNKNOWN
    if second is None:
        return FIRST_ONLY
    if first is None:
        return SECOND_ONLY
    if first == second:
        return EQUAL
    if higher_is_better is None or isinstance(first, (bool, str)):
        return DIFFERENT
    first_wins = (first > second) == higher_is_better
    return FIRST_BETTER if first_wins else SECOND_BETTER


@dataclass
class CompareRow:
    field: SpecField
    first: SpecClaim | None
    second: SpecClaim | None
    verdict: str

    @property
    def cells(self):
        """Each device's value with whether it is the better one."""
        return [
            (self.first, self.verdict == FIRST_BETTER),
            (self.second, self.verdict == SECOND_BETTER),
        ]


@dataclass
class CameraRow(CompareRow):
    field: str


def compare_specs(first_claims, second_claims) -> list[SpecGroup]:
    first, second = spec_lines(first_claims), spec_lines(second_claims)
    rows = []
    for field_id in first.keys() | second.keys():
        a, b = first.get(field_id), second.get(field_id)
        spec_field = (a or b).field
        a_claim, b_claim = a and a.best, b and b.best
        rows.append(
            CompareRow(
                spec_field,
                a_claim,
                b_claim,
                verdict(
                    a_claim and a_claim.value,
                    b_claim and b_claim.value,
                    higher_is_better=spec_field.higher_is_better,
                ),
            )
        )
    return group_lines(rows)


def _by_role(cameras):
    roles = {}
    for camera in sorted(cameras, key=lambda c: (c.position, c.pk)):
        roles.setdefault(camera.role, []).append(camera)
    return roles


def _camera_merit(camera):
    """What a camera offers, for comparing two in the same role: more
    megapixels, then more optical zoom. Unknown megapixels: nothing to say."""
    if camera is None or camera.megapixels is None:
        return None
    return (camera.megapixels, camera.optical_zoom or 0)


def compare_cameras(first_cameras, second_cameras) -> list[CameraRow]:
    """Cameras aligned by role (the first main with the first main, ...);
    more megapixels counts as better, then more optical zoom, so 48 MP with
    5x zoom beats 48 MP without."""
    first, second = _by_role(first_cameras), _by_role(second_cameras)
    rows = []
    for role in CameraModule.Role:
        a_list, b_list = first.get(role, []), second.get(role, [])
        for index in range(max(len(a_list), len(b_list))):
            a = a_list[index] if index < len(a_list) else None
            b = b_list[index] if index < len(b_list) else None
            label = role.label if index == 0 else f"{role.label} {index + 1}"
            rows.append(
                CameraRow(
                    label,
                    a,
                    b,
                    verdict(_camera_merit(a), _camera_merit(b), higher_is_better=True),
                )
            )
    return rows


def tally(groups, camera_rows) -> dict[str, int]:
    """How many compared lines fall under each verdict, for a summary line."""
    counts = dict.fromkeys((*VERDICTS, UNKNOWN), 0)
    for row in [*(r for g in groups for r in g.lines), *camera_rows]:
        counts[row.verdict] += 1
    # Templates read names, not the hyphenated verdicts.
    counts["first_only"] = counts.pop(FIRST_ONLY)
    counts["second_only"] = counts.pop(SECOND_ONLY)
    return counts


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
