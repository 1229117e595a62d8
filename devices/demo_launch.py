"""Act two of the demo: what Xiaomi announced on 4 July 2022.

Act one (devices/demo.py) is what was expected before the launch. This adds
the launch's own word: official claims for the three phones, the event
refined to its hour and held, the devices announced, the 12S Ultra named the
11 Ultra's successor. Each step is taken only when it has not been, through
the same services editors use, so running it twice changes nothing.
"""

import datetime as dt
from contextlib import contextmanager

import reversion
from django.db import transaction

from devices.demo import CONFIRMED, EVENT, ensure_spec_fields
from devices.models import (
    Brand,
    CameraModule,
    Device,
    LaunchEvent,
    Source,
    SpecClaim,
    SpecField,
)
from devices.services import (
    record_camera_claim,
    record_claim,
    reschedule_event,
    withdraw_claim,
)

Role = CameraModule.Role
Group, Kind = SpecField.Group, SpecField.Kind

LAUNCH_DAY = dt.date(2022, 7, 4)
LAUNCH_HOUR = dt.time(19, 0)
LAUNCH_SOURCE = ("Xiaomi launch event", "xiaomi-launch-event", Source.Kind.OFFICIAL)

# How far apart a rumour and the official number may be and still agree.
TOLERANCES = {"screen-size": "0.05"}

# Lines the launch answered that the leaks never mentioned.
# slug: (group, name, kind, unit, higher_is_better, position)
NEW_FIELDS = {
    "ltpo": (Group.DISPLAY, "LTPO (variable refresh)", Kind.BOOLEAN, "", None, 5),
    "wired-charging": (Group.BATTERY, "Wired charging", Kind.NUMBER, "W", True, 1),
    "wireless-charging": (
        Group.BATTERY,
        "Wireless charging",
        Kind.NUMBER,
        "W",
        True,
        2,
    ),
}

# What the launch said, by device: spec values, then the cameras (role,
# megapixels, sensor, zoom). A camera whose role the leaks already gave is
# claimed on that camera; the others are added.
ANNOUNCED = {
    "xiaomi-12s-ultra": {
        "specs": {
            "chipset": "Snapdragon 8+ Gen 1",
            "screen-size": 6.73,
            "resolution": "1440p",
            "panel": "AMOLED",
            "ltpo": True,
            "high-refresh-rate": True,
            "refresh-rate": 120,
            "rear-cameras": 3,
            "battery": 4860,
            "wired-charging": 67,
            "wireless-charging": 50,
        },
        "cameras": [
            (Role.MAIN, 50, "Sony IMX989, 1-inch type", None),
            (Role.ULTRAWIDE, 48, None, None),
            (Role.PERISCOPE, 48, None, 5),
        ],
        # The leaks' mystery fourth sensor: a depth sensor, not a camera.
        "mystery": "Time-of-flight (ToF) depth sensor",
    },
    "xiaomi-12s-pro": {
        "specs": {
            "chipset": "Snapdragon 8+ Gen 1",
            "screen-size": 6.73,
            "resolution": "1440p",
            "panel": "AMOLED",
            "high-refresh-rate": True,
            "refresh-rate": 120,
            "rear-cameras": 3,
            "battery": 4600,
            "wired-charging": 120,
        },
        "cameras": [
            (Role.MAIN, 50, "Sony IMX707", None),
            (Role.ULTRAWIDE, 50, None, None),
            (Role.TELEPHOTO, 50, None, 2),
        ],
    },
    "xiaomi-12s": {
        "specs": {
            "chipset": "Snapdragon 8+ Gen 1",
            "screen-size": 6.28,
            "resolution": "1080p",
            "panel": "AMOLED",
            "high-refresh-rate": True,
            "refresh-rate": 120,
            "rear-cameras": 3,
            "battery": 4500,
            "wired-charging": 67,
        },
        "cameras": [
            (Role.MAIN, 50, "Sony IMX707", None),
            (Role.ULTRAWIDE, 13, None, None),
            (Role.MACRO, 5, None, None),
        ],
    },
}

# Device: the model it follows.
LINEAGE = {"xiaomi-12s-ultra": "xiaomi-11-ultra"}

# The leaks' "four rear cameras" counted the depth sensor as a camera: the
# editors withdraw the count rather than score a miscount as a miss (the
# camera resolutions it came with are scored one by one).
WITHDRAWN_COUNT = ("xiaomi-12s-ultra", "rear-cameras", "pre-launch-reports")


LAUNCH_DAY_COMMENT = "The launch day, loaded with the demo"


@contextmanager
def launch_revision():
    """A revision of its own for each act-two change, after act one's first."""
    with reversion.create_revision():
        reversion.set_comment(LAUNCH_DAY_COMMENT)
        yield


def _fields():
    ensure_spec_fields(NEW_FIELDS)
    # Set where no one chose a tolerance yet.
    for slug, tolerance in TOLERANCES.items():
        SpecField.objects.filter(slug=slug, tolerance=0).update(tolerance=tolerance)
    return {field.slug: field for field in SpecField.objects.all()}


def _announce(device, announced, fields, source, leica, created_names):
    for slug, value in announced["specs"].items():
        record_claim(
            device=device,
            field=fields[slug],
            value=value,
            confidence=CONFIRMED,
            source=source,
            stated_on=LAUNCH_DAY,
        )
    cameras = list(device.cameras.all())
    for position, (role, megapixels, sensor, zoom) in enumerate(announced["cameras"]):
        camera = next((c for c in cameras if c.role == role), None)
        if camera is None:
            camera = CameraModule.objects.create(
                device=device, role=role, optics_partner=leica, position=position
            )
        values = {"megapixels": megapixels, "sensor": sensor, "optical_zoom": zoom}
        for attribute, value in values.items():
            if value is not None:
                record_camera_claim(
                    camera=camera,
                    attribute=attribute,
                    value=value,
                    confidence=CONFIRMED,
                    source=source,
                    stated_on=LAUNCH_DAY,
                )
    mystery = next((c for c in cameras if c.role == Role.UNKNOWN), None)
    if mystery is not None and announced.get("mystery"):
        mystery.role = Role.DEPTH
        mystery.save(update_fields=["role"])
        record_camera_claim(
            camera=mystery,
            attribute="sensor",
            value=announced["mystery"],
            confidence=CONFIRMED,
            source=source,
            stated_on=LAUNCH_DAY,
        )
    created_names.append(f"launch-day claims {device.slug}")


def _announce_devices(source, fields, created_names):
    leica = Brand.objects.filter(slug="leica").first()
    for slug, announced in ANNOUNCED.items():
        device = Device.objects.filter(slug=slug).first()
        if device is None:
            continue
        with launch_revision():
            if not device.spec_claims.filter(source=source).exists():
                _announce(device, announced, fields, source, leica, created_names)
            if device.status == Device.Status.RUMOURED:
                device.refresh_from_db()
                device.status = Device.Status.ANNOUNCED
                device.announced_on = device.announced_on or LAUNCH_DAY
                device.save()
                created_names.append(f"status announced {slug}")
    for slug, predecessor_slug in LINEAGE.items():
        device = Device.objects.filter(slug=slug, predecessor__isnull=True).first()
        predecessor = Device.objects.filter(slug=predecessor_slug).first()
        if device and predecessor:
            with launch_revision():
                device.predecessor = predecessor
                device.save()
            created_names.append(f"lineage {slug}")


def _hold_event(created_names):
    """The day was announced first, the hour later: a refinement, not a
    move; then the event took place."""
    event = LaunchEvent.objects.filter(slug=EVENT["slug"]).first()
    if event is None:
        return
    if event.start_time is None and event.start_date == LAUNCH_DAY:
        with launch_revision():
            reschedule_event(event=event, start_date=LAUNCH_DAY, start_time=LAUNCH_HOUR)
        created_names.append("event refined to 19:00")
    if event.status == LaunchEvent.Status.SCHEDULED:
        with launch_revision():
            reschedule_event(
                event=event,
                start_date=event.start_date,
                start_time=event.start_time,
                status=LaunchEvent.Status.HELD,
            )
        created_names.append("event held")


def _withdraw_miscount(editor, created_names):
    device_slug, field_slug, source_slug = WITHDRAWN_COUNT
    miscount = SpecClaim.objects.filter(
        device__slug=device_slug,
        field__slug=field_slug,
        source__slug=source_slug,
        withdrawn_at__isnull=True,
    ).first()
    if miscount is not None and editor is not None:
        withdraw_claim(claim=miscount, by=editor)
        created_names.append("withdrawn the leaks' camera count")


@transaction.atomic
def load_launch_day(*, editor) -> list[str]:
    """Add whatever of the launch day is missing; return what was added.

    `editor` withdraws the leaks' camera count (withdrawing is an editor's
    act)."""
    created_names = []
    name, slug, kind = LAUNCH_SOURCE
    with launch_revision():
        source, created = Source.objects.get_or_create(
            slug=slug, defaults={"name": name, "kind": kind}
        )
    if created:
        created_names.append(f"source {slug}")
    fields = _fields()
    _announce_devices(source, fields, created_names)
    _hold_event(created_names)
    _withdraw_miscount(editor, created_names)
    return created_names
