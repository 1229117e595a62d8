"""Demo records: the Xiaomi 12S series, the 11 Ultra as it shipped, the camera
brands around them and the July 4 2022 launch.

Create-if-missing: a record that exists is left as it is (an editor may have
changed it), and claims and cameras are only added to devices created now.
"""

import datetime as dt
from contextlib import contextmanager

import reversion
from django.core.files.base import ContentFile
from django.db import transaction

from devices.confidence import Confidence
from devices.models import (
    CAMERA_FIELDS,
    Brand,
    CameraModule,
    Device,
    DeviceAlias,
    LaunchEvent,
    Partnership,
    Source,
    SpecField,
)
from devices.services import record_camera_claim, record_claim
from newsroom.core.illustrations import card, mark
from newsroom.core.images import make_renditions

CONFIRMED, EXPECTED, RUMOURED = (
    Confidence.CONFIRMED,
    Confidence.EXPECTED,
    Confidence.RUMOURED,
)
Role = CameraModule.Role
Group, Kind = SpecField.Group, SpecField.Kind

BRANDS = [
    ("Xiaomi", "xiaomi", "https://www.mi.com/"),
    ("Leica", "leica", "https://leica-camera.com/"),
    ("Huawei", "huawei", "https://consumer.huawei.com/"),
    ("Vivo", "vivo", "https://www.vivo.com/"),
    ("Zeiss", "zeiss", "https://www.zeiss.com/"),
    ("OnePlus", "oneplus", "https://www.oneplus.com/"),
    ("Hasselblad", "hasselblad", "https://www.hasselblad.com/"),
]

# Each brand's colour, for the demo's drawn marks and device cards.
BRAND_COLOURS = {
    "xiaomi": ("#ff6900", "Mi"),
    "leica": ("#d50c1c", "Leica"),
    "huawei": ("#c7000b", "HW"),
    "vivo": ("#415fff", "vivo"),
    "zeiss": ("#0a2a87", "Zeiss"),
    "oneplus": ("#eb0028", "1+"),
    "hasselblad": ("#1a1a1a", "H"),
}

# Only the years of these partnerships are recorded: year_only shows them so.
PARTNERSHIPS = [
    ("xiaomi", "leica", dt.date(2022, 1, 1), None, dt.date(2022, 5, 24)),
    ("huawei", "leica", dt.date(2016, 1, 1), dt.date(2022, 1, 1), None),
    ("vivo", "zeiss", dt.date(2020, 1, 1), None, None),
    ("oneplus", "hasselblad", dt.date(2021, 1, 1), None, None),
]

SOURCES = [
    ("Xiaomi on Weibo", "xiaomi-weibo", Source.Kind.OFFICIAL, ""),
    ("Xiaomi specifications", "xiaomi-official", Source.Kind.OFFICIAL, ""),
    ("Pre-launch reports", "pre-launch-reports", Source.Kind.OUTLET, ""),
]

# slug: (group, name, kind, unit, higher_is_better, position)
SPEC_FIELDS = {
    "chipset": (Group.PLATFORM, "Chipset", Kind.TEXT, "", None, 0),
    "screen-size": (Group.DISPLAY, "Screen size", Kind.NUMBER, "in", None, 0),
    "resolution": (Group.DISPLAY, "Resolution", Kind.TEXT, "", None, 1),
    "panel": (Group.DISPLAY, "Panel", Kind.TEXT, "", None, 2),
    "high-refresh-rate": (
        Group.DISPLAY,
        "High refresh rate",
        Kind.BOOLEAN,
        "",
        None,
        3,
    ),
    "refresh-rate": (Group.DISPLAY, "Refresh rate", Kind.NUMBER, "Hz", True, 4),
    "rear-cameras": (Group.CAMERAS, "Rear cameras", Kind.NUMBER, "", None, 0),
    "battery": (Group.BATTERY, "Battery capacity", Kind.NUMBER, "mAh", True, 0),
}

REPORTED = dt.date(2022, 6, 28)
OFFICIAL_11_ULTRA = dt.date(2021, 3, 29)

DEVICES = [
    {
        "slug": "xiaomi-12s-ultra",
        "name": "Xiaomi 12S Ultra",
        "series": "Xiaomi 12S series",
        "summary": "The camera flagship of the first Xiaomi phones made with Leica.",
        "aliases": [("12 Ultra", DeviceAlias.Kind.LEAKED)],
        "source": "pre-launch-reports",
        "stated_on": REPORTED,
        "claims": [
            ("chipset", "Snapdragon 8+ Gen 1", EXPECTED),
            ("screen-size", 6.6, EXPECTED),
            ("resolution", "1440p", EXPECTED),
            ("panel", "AMOLED", EXPECTED),
            ("high-refresh-rate", True, EXPECTED),
            ("refresh-rate", None, EXPECTED),
            ("rear-cameras", 4, EXPECTED),
            ("battery", None, RUMOURED),
        ],
        # role, megapixels, zoom, optics partner, confidence
        "cameras": [
            (Role.MAIN, 50, None, "leica", EXPECTED),
            (Role.ULTRAWIDE, 48, None, "leica", EXPECTED),
            (Role.PERISCOPE, 48, None, "leica", EXPECTED),
            (Role.UNKNOWN, None, None, None, RUMOURED),
        ],
    },
    {
        "slug": "xiaomi-12s-pro",
        "name": "Xiaomi 12S Pro",
        "series": "Xiaomi 12S series",
        "source": "pre-launch-reports",
        "stated_on": REPORTED,
        "claims": [("chipset", None, RUMOURED)],
    },
    {
        "slug": "xiaomi-12s",
        "name": "Xiaomi 12S",
        "series": "Xiaomi 12S series",
        "source": "pre-launch-reports",
        "stated_on": REPORTED,
        "claims": [("chipset", None, RUMOURED)],
    },
    {
        "slug": "xiaomi-11-ultra",
        "name": "Xiaomi 11 Ultra",
        "series": "Xiaomi 11 series",
        "status": Device.Status.RELEASED,
        "summary": "Xiaomi's camera flagship before the Leica partnership.",
        "aliases": [("Mi 11 Ultra", DeviceAlias.Kind.ALIAS)],
        "source": "xiaomi-official",
        "stated_on": OFFICIAL_11_ULTRA,
        "claims": [
            ("chipset", "Snapdragon 888", CONFIRMED),
            ("screen-size", 6.81, CONFIRMED),
            ("resolution", "1440p", CONFIRMED),
            ("panel", "AMOLED", CONFIRMED),
            ("high-refresh-rate", True, CONFIRMED),
            ("refresh-rate", 120, CONFIRMED),
            ("rear-cameras", 3, CONFIRMED),
            ("battery", 5000, CONFIRMED),
        ],
        "cameras": [
            (Role.MAIN, 50, None, None, CONFIRMED),
            (Role.ULTRAWIDE, 48, None, None, CONFIRMED),
            (Role.PERISCOPE, 48, 5, None, CONFIRMED),
        ],
    },
]

EVENT = {
    "slug": "xiaomi-12s-launch",
    "title": "Xiaomi 12S series launch",
    "brand": "xiaomi",
    "start_date": dt.date(2022, 7, 4),
    "time_zone": "Asia/Shanghai",
    "announced_by": "xiaomi-weibo",
    "devices": ["xiaomi-12s-ultra", "xiaomi-12s-pro", "xiaomi-12s"],
    "description": "Xiaomi unveils the 12S, 12S Pro and 12S Ultra, its first "
    "phones with Leica cameras.",
}


DEMO_REVISION_COMMENT = "Loaded with the demo"


def ensure_spec_fields(catalogue) -> dict:
    """The catalogue's spec lines ({slug: (group, name, kind, unit, higher is
    better, position)}), added where missing; an editor's changes are kept."""
    fields = {}
    for slug, (group, name, kind, unit, higher, position) in catalogue.items():
        fields[slug], _ = SpecField.objects.get_or_create(
            slug=slug,
            defaults={
                "group": group,
                "name": name,
                "kind": kind,
                "unit": unit,
                "higher_is_better": higher,
                "position": position,
            },
        )
    return fields


@contextmanager
def demo_revision():
    """The first revision of what is created inside, so History can bring
    the demo back after an edit."""
    with reversion.create_revision():
        reversion.set_comment(DEMO_REVISION_COMMENT)
        yield


def _get_or_create(model, created_names, label, *, lookup, defaults):
    with demo_revision():
        obj, created = model.objects.get_or_create(**lookup, defaults=defaults)
    if created:
        created_names.append(f"{label} {next(iter(lookup.values()))}")
    return obj, created


def _add_device(spec, brands, sources, fields, created_names):
    # One revision for the device with its aliases, claims and cameras.
    with demo_revision():
        return _fill_device(spec, brands, sources, fields, created_names)


def _fill_device(spec, brands, sources, fields, created_names):
    device, created = _get_or_create(
        Device,
        created_names,
        "device",
        lookup={"slug": spec["slug"]},
        defaults={
            "brand": brands["xiaomi"],
            "name": spec["name"],
            "series": spec["series"],
            "status": spec.get("status", Device.Status.RUMOURED),
            "summary": spec.get("summary", ""),
        },
    )
    if not created:
        return device
    for name, kind in spec.get("aliases", []):
        DeviceAlias.objects.create(device=device, name=name, kind=kind)
    source = sources[spec["source"]]
    for field_slug, value, confidence in spec["claims"]:
        record_claim(
            device=device,
            field=fields[field_slug],
            value=value,
            confidence=confidence,
            source=source,
            stated_on=spec["stated_on"],
        )
    for position, (role, megapixels, zoom, partner, confidence) in enumerate(
        spec.get("cameras", [])
    ):
        camera = CameraModule.objects.create(
            device=device,
            role=role,
            optics_partner=brands.get(partner),
            position=position,
        )
        # A camera's values are claims like any spec; an unknown resolution
        # is claimed as unknown.
        values = {"megapixels": megapixels}
        if zoom is not None:
            values["optical_zoom"] = zoom
        for attribute, value in values.items():
            record_camera_claim(
                camera=camera,
                attribute=attribute,
                value=value,
                confidence=confidence,
                source=source,
                stated_on=spec["stated_on"],
            )
    return device


def _draw_missing_pictures(brands, devices):
    """Drawn marks and device cards where a record has no picture yet:
    typographic illustrations in the brand's colours, not product photos."""
    for slug, brand in brands.items():
        colour, initials = BRAND_COLOURS.get(slug, ("#444444", brand.name[:2]))
        if not brand.logo:
            brand.logo.save(
                f"{slug}-mark.png", ContentFile(mark(initials, colour=colour, size=192))
            )
            make_renditions(brand.logo)
    for slug, device in devices.items():
        if device.image:
            continue
        colour, _ = BRAND_COLOURS.get(device.brand.slug, ("#444444", ""))
        picture = card(
            device.name,
            colour=colour,
            label=device.brand.name,
            size=(960, 960),
        )
        device.image.save(f"{slug}.jpg", ContentFile(picture), save=False)
        device.image_alt = (
            f"Illustration: a {device.brand.name} colour card with the name "
            f"{device.name} (not a photo of the phone)"
        )
        device.save(update_fields=["image", "image_alt"])
        make_renditions(device.image)


@transaction.atomic
def load_devices() -> list[str]:
    """Create whatever demo device records are missing; return what was created."""
    created_names = []
    brands = {}
    for name, slug, site in BRANDS:
        brands[slug], _ = _get_or_create(
            Brand,
            created_names,
            "brand",
            lookup={"slug": slug},
            defaults={"name": name, "site": site},
        )
    for brand, partner, started, ended, announced in PARTNERSHIPS:
        with demo_revision():
            Partnership.objects.get_or_create(
                brand=brands[brand],
                partner=brands[partner],
                defaults={
                    "started_on": started,
                    "ended_on": ended,
                    "announced_on": announced,
                    "year_only": True,
                },
            )
    sources = {}
    for name, slug, kind, url in SOURCES:
        sources[slug], _ = _get_or_create(
            Source,
            created_names,
            "source",
            lookup={"slug": slug},
            defaults={"name": name, "kind": kind, "url": url},
        )
    fields = ensure_spec_fields(SPEC_FIELDS)
    # The catalogue lines of camera values, so editors can claim any of them.
    for attribute in CAMERA_FIELDS:
        SpecField.objects.for_camera(attribute)
    devices = {
        spec["slug"]: _add_device(spec, brands, sources, fields, created_names)
        for spec in DEVICES
    }
    # Drawn after the devices' first revisions: the demo's pictures are
    # illustrations for the layout, not part of the records' history.
    _draw_missing_pictures(brands, devices)
    with demo_revision():
        _add_event(brands, sources, devices, created_names)
    return created_names


def _add_event(brands, sources, devices, created_names):
    event, created = _get_or_create(
        LaunchEvent,
        created_names,
        "launch event",
        lookup={"slug": EVENT["slug"]},
        defaults={
            "title": EVENT["title"],
            "brand": brands[EVENT["brand"]],
            "start_date": EVENT["start_date"],
            "time_zone": EVENT["time_zone"],
            "announced_by": sources[EVENT["announced_by"]],
            "description": EVENT["description"],
        },
    )
    if created:
        event.devices.set(devices[slug] for slug in EVENT["devices"])
    return event
