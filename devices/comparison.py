"""Two to four devices side by side, built from claims already loaded.

Each spec line (and each camera, aligned by role) gets one cell per device
with the best-supported value (`devices.specsheet.spec_lines`, the rule the
device page shows), and a verdict: which device is better where the field
has a direction (more megapixels, more battery), the same, different, known
for one device only, or not known for any yet.
"""

from dataclasses import dataclass, field

from django.urls import reverse

from devices.models import CameraModule, SpecField
from devices.specsheet import camera_sheet, group_lines, spec_lines

MIN_DEVICES, MAX_DEVICES = 2, 4

BETTER, EQUAL, DIFFERENT, ONE_ONLY, UNKNOWN = (
    "better",
    "equal",
    "different",
    "one-only",
    "unknown",
)


def compare_path(slugs) -> str:
    """The one address of a comparison: the slugs in alphabetical order, each
    once, whichever order a link names them in."""
    ordered = sorted(set(slugs))
    return reverse("devices:compare", kwargs={"slugs": "-vs-".join(ordered)})


@dataclass
class Cell:
    value: object  # a SpecClaim or a CameraModule, or None
    better: bool = False


@dataclass
class Row:
    field: object  # a SpecField, or a camera row's label
    cells: list
    verdict: str
    # The devices the verdict names: the better ones, or the one that is known.
    named: list = field(default_factory=list)


def verdict(values, devices, *, higher_is_better):
    """The verdict on one line and the devices it names, from each device's
    value (None when unknown)."""
    known = [(device, value) for device, value in zip(devices, values, strict=True)]
    known = [(device, value) for device, value in known if value is not None]
    if not known:
        return UNKNOWN, []
    if len(known) == 1:
        return ONE_ONLY, [known[0][0]]
    distinct = {value for _, value in known}
    if len(distinct) == 1:
        return EQUAL, []
    if higher_is_better is None or any(isinstance(v, (bool, str)) for v in distinct):
        return DIFFERENT, []
    pick = max if higher_is_better else min
    best = pick(distinct)
    return BETTER, [device for device, value in known if value == best]


def _row(label, devices, held, values, *, higher_is_better):
    outcome, named = verdict(values, devices, higher_is_better=higher_is_better)
    cells = [
        Cell(item, better=outcome == BETTER and device in named)
        for device, item in zip(devices, held, strict=True)
    ]
    return Row(label, cells, outcome, named)


def _camera_merit(camera):
    """What a camera offers against another in the same role: more
    megapixels, then more optical zoom. Unknown megapixels: nothing to say."""
    if camera is None or camera.megapixels is None:
        return None
    return (camera.megapixels, camera.optical_zoom or 0)


@dataclass
class Comparison:
    devices: list
    groups: list
    camera_rows: list

    @property
    def rows(self):
        return [
            *(row for group in self.groups for row in group.lines),
            *self.camera_rows,
        ]

    @property
    def summary(self):
        """How many lines each device is better on, known only for it, and
        how many are the same, different or unknown, for the summary list."""
        per_device = {device.pk: {"better": 0, "only": 0} for device in self.devices}
        counts = dict.fromkeys((EQUAL, DIFFERENT, UNKNOWN), 0)
        for row in self.rows:
            if row.verdict == BETTER:
                for device in row.named:
                    per_device[device.pk]["better"] += 1
            elif row.verdict == ONE_ONLY:
                per_device[row.named[0].pk]["only"] += 1
            else:
                counts[row.verdict] += 1
        return {
            "devices": [(d, per_device[d.pk]) for d in self.devices],
            "equal": counts[EQUAL],
            "different": counts[DIFFERENT],
            "unknown": counts[UNKNOWN],
            "any_better": any(row.verdict == BETTER for row in self.rows),
        }

    @property
    def path(self):
        return compare_path(device.slug for device in self.devices)


def compare(devices, claims_of, cameras_of) -> Comparison:
    """Compare `devices` (in the order given); `claims_of(device)` and
    `cameras_of(device)` give what was loaded for each."""
    lines = [spec_lines(claims_of(device)) for device in devices]
    field_ids = set().union(*(line.keys() for line in lines))
    rows = []
    for field_id in field_ids:
        held = [line.get(field_id) for line in lines]
        spec_field: SpecField = next(line for line in held if line).field
        claims = [line.best if line else None for line in held]
        rows.append(
            _row(
                spec_field,
                devices,
                claims,
                [claim.value if claim else None for claim in claims],
                higher_is_better=spec_field.higher_is_better,
            )
        )
    sheets = [camera_sheet(cameras_of(d), claims_of(d)) for d in devices]
    return Comparison(list(devices), group_lines(rows), _camera_rows(devices, sheets))


def _camera_rows(devices, sheets):
    """Cameras aligned by role: the first main with the first main, and so on."""
    by_role = []
    for sheet in sheets:
        roles = {}
        for camera in sheet:
            roles.setdefault(camera.role, []).append(camera)
        by_role.append(roles)
    rows = []
    for role in CameraModule.Role:
        depth = max(len(roles.get(role, [])) for roles in by_role)
        for index in range(depth):
            held = [
                roles[role][index] if index < len(roles.get(role, [])) else None
                for roles in by_role
            ]
            label = role.label if index == 0 else f"{role.label} {index + 1}"
            rows.append(
                _row(
                    label,
                    devices,
                    held,
                    [_camera_merit(camera) for camera in held],
                    higher_is_better=True,
                )
            )
    return rows
