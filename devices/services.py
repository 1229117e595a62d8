"""Writes about devices and events that take more than one step.

Claims are only ever added: confirming or changing a spec adds a claim and
keeps the earlier ones, which is what the history page shows.
"""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from devices.confidence import Confidence
from devices.models import Device, LaunchEvent, Source, SpecClaim, SpecField

Value = Decimal | int | float | str | bool | None


def _typed_value(field: SpecField, value: Value) -> dict:
    if value is None:
        return {"is_unknown": True}
    if field.kind == SpecField.Kind.NUMBER:
        return {"value_number": Decimal(str(value))}
    if field.kind == SpecField.Kind.BOOLEAN:
        return {"value_boolean": bool(value)}
    return {"value_text": str(value)}


@transaction.atomic
def record_claim(
    *,
    device: Device,
    field: SpecField,
    value: Value,
    confidence: Confidence = Confidence.RUMOURED,
    source: Source | None = None,
    source_url: str = "",
    stated_on: dt.date | None = None,
) -> SpecClaim:
    """Add what a source says about one spec of a device.

    `value=None` records that the value is unknown, which the page shows as
    unknown instead of leaving the line out.
    """
    claim = SpecClaim(
        device=device,
        field=field,
        confidence=confidence,
        source=source,
        source_url=source_url,
        stated_on=stated_on or timezone.localdate(),
        **_typed_value(field, value),
    )
    claim.full_clean()
    claim.save()
    Device.objects.filter(pk=device.pk).update(updated_at=timezone.now())
    return claim


def confirm_spec(
    *,
    device: Device,
    field: SpecField,
    value: Value,
    source: Source,
    source_url: str = "",
    stated_on: dt.date | None = None,
) -> SpecClaim:
    """Record the official value of a spec.

    The earlier claims stay, with their dates and sources: the history page
    shows whether the rumour was right.
    """
    return record_claim(
        device=device,
        field=field,
        value=value,
        confidence=Confidence.CONFIRMED,
        source=source,
        source_url=source_url,
        stated_on=stated_on,
    )


@transaction.atomic
def reschedule_event(
    *,
    event: LaunchEvent,
    start_date: dt.date,
    start_time: dt.time | None = None,
    time_zone: dt.tzinfo | str | None = None,
    status: str | None = None,
) -> LaunchEvent:
    """Move an event (or change its status) so calendars notice.

    The stored start becomes the previous start, the sequence number goes up,
    and an event moved later is marked postponed unless a status is given.
    Other unsaved changes on `event` are saved with it.
    """
    stored = LaunchEvent.objects.select_for_update().get(pk=event.pk)
    event.start_date, event.start_time = start_date, start_time
    if time_zone:
        event.time_zone = time_zone
    moved = (stored.start_date, stored.start_time, stored.time_zone) != (
        event.start_date,
        event.start_time,
        event.time_zone,
    )
    if moved:
        event.previous_start_date = stored.start_date
        event.previous_start_time = stored.start_time
    if status is None and moved and event.utc_span()[0] > stored.starts_at:
        status = LaunchEvent.Status.POSTPONED
    if status:
        event.status = status
    if moved or event.status != stored.status:
        event.sequence = stored.sequence + 1
    event.full_clean()
    event.save()
    return event
