"""The data migration that turns camera columns into claims."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("devices", "0005_claims_withdrawal_camera_claims_and_versions")]
AFTER = [("devices", "0007_remove_camera_value_columns")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_camera_values_become_claims_with_their_source_and_confidence():
    old = migrate(BEFORE)
    try:
        brand = old.get_model("devices", "Brand").objects.create(
            name="Xiaomi", slug="xiaomi"
        )
        source = old.get_model("devices", "Source").objects.create(
            name="Pre-launch reports", slug="reports", kind="outlet"
        )
        device = old.get_model("devices", "Device").objects.create(
            brand=brand, name="Xiaomi 12S Ultra", slug="ultra"
        )
        chipset = old.get_model("devices", "SpecField").objects.create(
            group="platform", name="Chipset", slug="chipset"
        )
        old.get_model("devices", "SpecClaim").objects.create(
            device=device,
            field=chipset,
            value_text="Snapdragon",
            source=source,
            stated_on=dt.date(2022, 6, 28),
        )
        Camera = old.get_model("devices", "CameraModule")
        Camera.objects.create(
            device=device,
            role="main",
            megapixels=Decimal("50"),
            sensor="Sony IMX989",
            confidence="expected",
            source=source,
        )
        Camera.objects.create(device=device, role="unknown", confidence="rumoured")

        new = migrate(AFTER)
        claims = new.get_model("devices", "SpecClaim").objects.exclude(camera=None)
        found = {
            (c.camera.role, c.field.slug): (
                None if c.is_unknown else (c.value_number or c.value_text),
                c.confidence,
                c.source_id,
                c.stated_on,
            )
            for c in claims.select_related("camera", "field")
        }
        june = dt.date(2022, 6, 28)  # dated like the same source's claims
        assert found[("main", "camera-megapixels")] == (
            Decimal("50"),
            "expected",
            source.pk,
            june,
        )
        assert found[("main", "camera-sensor")] == (
            "Sony IMX989",
            "expected",
            source.pk,
            june,
        )
        # The mystery camera keeps its "rumoured", as an unknown resolution.
        assert found[("unknown", "camera-megapixels")][:3] == (None, "rumoured", None)
        assert len(found) == 3
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
