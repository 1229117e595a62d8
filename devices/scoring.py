"""Keeps what the settlement rule says stored: each claim's outcome, and each
source's score.

`devices.settlement` decides; this module writes its answers down whenever
they can change (a claim added, withdrawn or deleted, a source made
authoritative or not, a field's tolerance changed), so that a page showing
"7 of 8 confirmed" beside a source reads five numbers instead of settling
every claim the source ever made. A prolific source has hundreds of
thousands: settling them per page made a device page take seconds.

The writes are `update()`s: they send no signal and never move a record's
`version`, so an editor's open form is not refused because a score moved.
"""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Avg, Count, Q

from devices.models import Source, SpecClaim
from devices.models.devices import SETTLEMENT_FIELDS
from devices.settlement import Outcome, settle

# Devices settled per query: the claims of a few thousand at a time.
BATCH = 2000


def _stored(claim) -> tuple:
    return (claim.outcome, claim.settled_by_id, claim.lead_days, claim.changed_at)


def settle_devices(*, device_ids: Iterable[int]) -> set[int]:
    """Store the settlement of every claim about these devices; the ids of
    the sources whose score may have moved."""
    device_ids = sorted(set(device_ids))
    sources = set()
    for start in range(0, len(device_ids), BATCH):
        batch = device_ids[start : start + BATCH]
        claims = list(
            SpecClaim.objects.select_related("field", "source")
            .filter(device_id__in=batch)
            .order_by()
        )
        by_device = {}
        for claim in claims:
            by_device.setdefault(claim.device_id, []).append(claim)
        changed = []
        for claim in claims:
            before = _stored(claim)
            settlement = settle(claim, by_device[claim.device_id])
            moments = [claim.recorded_at, claim.withdrawn_at]
            if settlement.by is not None:
                moments.append(settlement.by.recorded_at)
            claim.outcome = settlement.outcome.value
            claim.settled_by_id = settlement.by.pk if settlement.by else None
            claim.lead_days = settlement.lead_days
            claim.changed_at = max(m for m in moments if m is not None)
            if _stored(claim) != before:
                changed.append(claim)
            if claim.source_id is not None:
                sources.add(claim.source_id)
        SpecClaim.objects.bulk_update(changed, SETTLEMENT_FIELDS, batch_size=500)
    return sources


def rescore_sources(*, source_ids: Iterable[int]) -> None:
    """Count again the settled claims of these sources."""
    source_ids = set(source_ids)
    if not source_ids:
        return
    counts = {
        row["source"]: row
        for row in SpecClaim.objects.filter(source__in=source_ids)
        .order_by()
        .values("source")
        .annotate(
            confirmed=Count("pk", filter=Q(outcome=Outcome.CONFIRMED)),
            contradicted=Count("pk", filter=Q(outcome=Outcome.CONTRADICTED)),
            open=Count("pk", filter=Q(outcome=Outcome.OPEN)),
            withdrawn=Count("pk", filter=Q(outcome=Outcome.WITHDRAWN)),
            lead=Avg("lead_days", filter=Q(outcome=Outcome.CONFIRMED)),
        )
    }
    for source_id in source_ids:
        row = counts.get(source_id, {})
        Source.objects.filter(pk=source_id).update(
            claims_confirmed=row.get("confirmed", 0),
            claims_contradicted=row.get("contradicted", 0),
            claims_open=row.get("open", 0),
            claims_withdrawn=row.get("withdrawn", 0),
            lead_days=row.get("lead"),
        )


@transaction.atomic
def settle_and_score(
    *, device_ids: Iterable[int], source_ids: Iterable[int] = ()
) -> None:
    """After claims about these devices changed: their settlements, then the
    scores of every source that spoke about them (and of `source_ids`, whose
    claim about them is gone)."""
    spoke = settle_devices(device_ids=device_ids)
    rescore_sources(source_ids=spoke | set(source_ids))


def settle_unsettled() -> None:
    """Claims stored without a settlement (added in bulk, or before the
    settlement was stored) get one, and their sources a score."""
    device_ids = (
        SpecClaim.objects.filter(outcome="")
        .order_by()
        .values_list("device_id", flat=True)
        .distinct()
    )
    settle_and_score(device_ids=list(device_ids))
