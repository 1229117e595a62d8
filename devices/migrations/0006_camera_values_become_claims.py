"""Camera modules' values become claims, like every other spec.

Each camera's resolution, sensor, aperture and zoom becomes a claim of a
"Camera …" spec field with the camera's confidence and source. Cameras had
no date of their own, so a claim is dated by the device's latest claim from
the same source, else its announcement, else its last edit. A camera with no
known resolution gets an "unknown" claim, keeping its confidence.
Reversed, the newest standing claim of each value goes back into the columns.
"""

from django.db import migrations

# attribute: (slug, name, kind, unit, position): as in devices.models.
CAMERA_FIELDS = {
    "megapixels": ("camera-megapixels", "Camera resolution", "number", "MP", 0),
    "sensor": ("camera-sensor", "Camera sensor", "text", "", 1),
    "aperture": ("camera-aperture", "Camera aperture", "text", "", 2),
    "optical_zoom": ("camera-optical-zoom", "Camera optical zoom", "number", "×", 3),
}


def _fields(SpecField):
    fields = {}
    for attribute, (slug, name, kind, unit, position) in CAMERA_FIELDS.items():
        fields[attribute], _ = SpecField.objects.get_or_create(
            slug=slug,
            defaults={
                "group": "cameras",
                "name": name,
                "kind": kind,
                "unit": unit,
                "higher_is_better": True if attribute == "megapixels" else None,
                "position": 100 + position,
            },
        )
    return fields


def _stated_on(camera, SpecClaim):
    same_source = (
        SpecClaim.objects.filter(
            device_id=camera.device_id, source_id=camera.source_id, camera=None
        )
        .order_by("-stated_on")
        .values_list("stated_on", flat=True)
        .first()
    )
    device = camera.device
    return same_source or device.announced_on or device.updated_at.date()


def values_to_claims(apps, schema_editor):
    CameraModule = apps.get_model("devices", "CameraModule")
    SpecClaim = apps.get_model("devices", "SpecClaim")
    fields = _fields(apps.get_model("devices", "SpecField"))
    for camera in CameraModule.objects.select_related("device"):
        common = {
            "device_id": camera.device_id,
            "camera": camera,
            "confidence": camera.confidence,
            "source_id": camera.source_id,
            "stated_on": _stated_on(camera, SpecClaim),
        }
        values = {
            "megapixels": ("value_number", camera.megapixels),
            "sensor": ("value_text", camera.sensor or None),
            "aperture": ("value_text", camera.aperture or None),
            "optical_zoom": ("value_number", camera.optical_zoom),
        }
        for attribute, (column, value) in values.items():
            if value is not None:
                SpecClaim.objects.create(
                    field=fields[attribute], **{column: value}, **common
                )
            elif attribute == "megapixels":
                SpecClaim.objects.create(
                    field=fields[attribute], is_unknown=True, **common
                )


def claims_to_values(apps, schema_editor):
    CameraModule = apps.get_model("devices", "CameraModule")
    SpecClaim = apps.get_model("devices", "SpecClaim")
    columns = {
        "camera-megapixels": ("megapixels", "value_number"),
        "camera-sensor": ("sensor", "value_text"),
        "camera-aperture": ("aperture", "value_text"),
        "camera-optical-zoom": ("optical_zoom", "value_number"),
    }
    for camera in CameraModule.objects.all():
        claims = (
            SpecClaim.objects.filter(camera=camera, withdrawn_at=None)
            .select_related("field")
            .order_by("stated_on", "pk")
        )
        for claim in claims:
            attribute, column = columns[claim.field.slug]
            value = None if claim.is_unknown else getattr(claim, column)
            setattr(camera, attribute, value if value is not None else "")
            if attribute in ("megapixels", "optical_zoom") and value is None:
                setattr(camera, attribute, None)
            camera.confidence = claim.confidence
            camera.source_id = claim.source_id
        camera.save()
    SpecClaim.objects.exclude(camera=None).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("devices", "0005_claims_withdrawal_camera_claims_and_versions"),
    ]

    operations = [migrations.RunPython(values_to_claims, claims_to_values)]
