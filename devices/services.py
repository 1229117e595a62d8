"""Writes about devices and events that take more than one step.

Claims are only ever added: confirming or changing a spec adds a claim and
keeps the earlier ones, which is what the history page shows.
"""

import datetime as dt
import enum
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


class StartChange(enum.Enum):
    """How an edited event's start differs from the stored one."""

    NONE = "unchanged"
    # The same day at the same venue, now with its hour (or without it): the
    # event did not move, it is known better. Calendars update; no one is
    # told it was postponed or moved.
    REFINED = "refined"
    # Another day, another hour, or another time zone.
    MOVED = "moved"


def start_change(*, before: LaunchEvent, after: LaunchEvent) -> StartChange:
    """Whether `after` starts as `before` did, more precisely, or elsewhere in
    time. The one place that tells a move from a refinement."""
    old = (before.start_date, before.start_time, before.time_zone)
    new = (after.start_date, after.start_time, after.time_zone)
    if old == new:
        return StartChange.NONE
    same_day = (before.start_date, before.time_zone) == (
        after.start_date,
        after.time_zone,
    )
    if same_day and (before.start_time is None or after.start_time is None):
        return StartChange.REFINED
    return StartChange.MOVED


@transaction.atomic
def reschedule_event(
    *,
    event: LaunchEvent,
    start_date: dt.date,
    start_time: dt.time | None = None,
    time_zone: dt.tzinfo | str | None = None,
    status: str | None = None,
) -> LaunchEvent:
    """Move or refine an event's start (or change its status) so calendars
    notice.

    Every change raises the sequence number. A move (see `start_change`) also
    keeps the stored start as the previous one ("moved from"), and an event
    moved later is marked postponed unless a status is given; a refinement
    (the hour added to a date-only event, same day) does neither. Other
    unsaved changes on `event` are saved with it.
    """
    stored = LaunchEvent.objects.select_for_update().get(pk=event.pk)
    event.start_date, event.start_time = start_date, start_time
    if time_zone:
        event.time_zone = time_zone
    change = start_change(before=stored, after=event)
    if change is StartChange.MOVED:
        event.previous_start_date = stored.start_date
        event.previous_start_time = stored.start_time
        if status is None and event.utc_span()[0] > stored.starts_at:
            status = LaunchEvent.Status.POSTPONED
    if status:
        event.status = status
    if change is not StartChange.NONE or event.status != stored.status:
        event.sequence = stored.sequence + 1
    event.full_clean()
    event.save()
    return event
