"""Writes about devices and events that take more than one step.

Claims are only ever added: confirming or changing a spec adds a claim and
keeps the earlier ones, which is what the history page shows. A claim found
wrong is withdrawn by an editor: it stays, marked, and no longer counts.
"""

import datetime as dt
import enum
from decimal import Decimal

import reversion
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from devices.confidence import Confidence
from devices.models import (
    CameraModule,
    ClaimIsFixed,
    DatePrecision,
    Device,
    LaunchEvent,
    Source,
    SpecClaim,
    SpecField,
)
from devices.models.events import period_start
from devices.scoring import settle_and_score
from newsroom.core.page_cache import content_changed

# The permission of the role that may withdraw claims (Editors hold it).
WITHDRAW_CLAIM = "devices.withdraw_specclaim"

Value = Decimal | int | float | str | bool | None


def _typed_value(field: SpecField, value: Value) -> dict:
    if value is None:
        return {"is_unknown": True}
    if field.kind == SpecField.Kind.NUMBER:
        return {"value_number": Decimal(str(value))}
    if field.kind == SpecField.Kind.BOOLEAN:
        return {"value_boolean": bool(value)}
    return {"value_text": str(value)}


def _touch(device_id: int) -> None:
    """The device changed: its pages, feeds and open forms must notice."""
    Device.objects.filter(pk=device_id).update(
        updated_at=timezone.now(), version=F("version") + 1
    )
    # An update sends no signal: stored pages are told here.
    content_changed()


@transaction.atomic
def add_claim(*, claim: SpecClaim) -> SpecClaim:
    """Store a new claim (built by a form or by `record_claim`).

    A claim that is already stored is refused: claims are never rewritten.
    """
    if claim.pk is not None or not claim._state.adding:
        raise ClaimIsFixed("A saved claim is never changed: add a newer claim instead.")
    if not claim.stated_on:
        claim.stated_on = timezone.localdate()
    claim.full_clean()
    claim.save()
    _touch(claim.device_id)
    return claim


def record_claim(
    *,
    device: Device,
    field: SpecField,
    value: Value,
    confidence: Confidence = Confidence.RUMOURED,
    source: Source | None = None,
    source_url: str = "",
    stated_on: dt.date | None = None,
    camera: CameraModule | None = None,
) -> SpecClaim:
    """Add what a source says about one spec of a device (or of one of its
    cameras, with `camera` and a camera field).

    `value=None` records that the value is unknown, which the page shows as
    unknown instead of leaving the line out.
    """
    return add_claim(
        claim=SpecClaim(
            device=device,
            camera=camera,
            field=field,
            confidence=confidence,
            source=source,
            source_url=source_url,
            stated_on=stated_on or timezone.localdate(),
            **_typed_value(field, value),
        )
    )


def record_camera_claim(
    *,
    camera: CameraModule,
    attribute: str,
    value: Value,
    confidence: Confidence = Confidence.RUMOURED,
    source: Source | None = None,
    source_url: str = "",
    stated_on: dt.date | None = None,
) -> SpecClaim:
    """Add what a source says about one value of a camera ("sensor"...)."""
    return record_claim(
        device=camera.device,
        camera=camera,
        field=SpecField.objects.for_camera(attribute),
        value=value,
        confidence=confidence,
        source=source,
        source_url=source_url,
        stated_on=stated_on,
    )


def may_withdraw_claims(user) -> bool:
    return bool(user and user.is_active and user.has_perm(WITHDRAW_CLAIM))


@transaction.atomic
def withdraw_claim(*, claim: SpecClaim, by) -> SpecClaim:
    """Mark a claim withdrawn by `by` now. It stays in the history and the
    spec-change feed, and no longer counts as a value. Editors only."""
    if not may_withdraw_claims(by):
        raise PermissionDenied("Only editors can withdraw a claim.")
    stored = SpecClaim.objects.select_for_update().get(pk=claim.pk)
    if stored.withdrawn_at is None:
        # An update, not save(): the claim's own content is never written.
        now = timezone.now()
        SpecClaim.objects.filter(pk=claim.pk).update(withdrawn_at=now, withdrawn_by=by)
        # No signal from an update: the settlements and scores it moves, here.
        settle_and_score(device_ids=[stored.device_id])
        _touch(stored.device_id)
    claim.refresh_from_db()
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


PRECISION_ORDER = [
    DatePrecision.YEAR,
    DatePrecision.QUARTER,
    DatePrecision.MONTH,
    DatePrecision.DAY,
]


def _narrows(before: LaunchEvent, after: LaunchEvent) -> bool:
    """Whether `after` names a finer date within the period `before` gave."""
    coarse, fine = before.date_precision, after.date_precision
    if PRECISION_ORDER.index(fine) <= PRECISION_ORDER.index(coarse):
        return False
    return period_start(after.start_date, coarse) == before.start_date


def describe_start(event: LaunchEvent) -> str:
    """The start as precisely as it is known, for logs: "Q3 2022"."""
    if event.period:
        return event.period
    if event.start_time is None:
        return f"{event.start_date:%-d %B %Y}"
    return f"{event.start_date:%-d %B %Y}, {event.start_time:%H:%M}"


def start_change(*, before: LaunchEvent, after: LaunchEvent) -> StartChange:
    """Whether `after` starts as `before` did, more precisely, or elsewhere in
    time. The one place that tells a move from a refinement."""
    old = (before.start_date, before.start_time, before.time_zone)
    new = (after.start_date, after.start_time, after.time_zone)
    if old == new and before.date_precision == after.date_precision:
        return StartChange.NONE
    if before.time_zone == after.time_zone and _narrows(before, after):
        # "Q3 2022", then "July 2022", then "4 July": known better, not moved.
        return StartChange.REFINED
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
    date_precision: str | None = None,
) -> LaunchEvent:
    """Move or refine an event's start (or change its status) so calendars
    notice.

    Every change raises the sequence number. A move (see `start_change`) also
    keeps the stored start as the previous one ("moved from"), and an event
    moved later is marked postponed unless a status is given; a refinement
    (the hour added to a date-only event, same day) does neither. Other
    unsaved changes on `event` are saved with it. A refinement is logged
    in the revision's comment ("Refined from Q3 2022 to 4 July 2022").
    """
    stored = LaunchEvent.objects.select_for_update().get(pk=event.pk)
    event.start_date, event.start_time = start_date, start_time
    if date_precision:
        event.date_precision = date_precision
    if not event.is_day_known:
        event.start_date = period_start(event.start_date, event.date_precision)
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
    if change is StartChange.REFINED and reversion.is_active():
        reversion.set_comment(
            f"Refined from {describe_start(stored)} to {describe_start(event)}"
        )
    return event
