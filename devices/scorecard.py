"""How often a source was right: its claims, settled, and the figures readers see.

The settlement of each claim is `devices.settlement`'s; this module loads the
claims it needs in two queries and adds them up.
"""

import datetime as dt
from dataclasses import dataclass, field
from itertools import groupby

from devices.models import SpecClaim
from devices.settlement import AUTHORITATIVE_CLAIMS, Outcome, Settlement, settle

# Below this many settled claims a percentage says more than it knows: the
# page gives the counts and says why there is no percentage.
SMALLEST_SAMPLE = 5


@dataclass
class ScoredClaim:
    claim: SpecClaim
    settlement: Settlement

    @property
    def outcome(self) -> Outcome:
        return self.settlement.outcome

    @property
    def changed_at(self) -> dt.datetime:
        """When this line last changed: stated, settled or withdrawn."""
        moments = [self.claim.recorded_at, self.claim.withdrawn_at]
        if self.settlement.by is not None:
            moments.append(self.settlement.by.recorded_at)
        return max(moment for moment in moments if moment is not None)


@dataclass
class Scorecard:
    claims: list[ScoredClaim] = field(default_factory=list)

    def count(self, outcome) -> int:
        return sum(1 for scored in self.claims if scored.outcome == outcome)

    @property
    def confirmed(self) -> int:
        return self.count(Outcome.CONFIRMED)

    @property
    def contradicted(self) -> int:
        return self.count(Outcome.CONTRADICTED)

    @property
    def open(self) -> int:
        return self.count(Outcome.OPEN)

    @property
    def withdrawn(self) -> int:
        return self.count(Outcome.WITHDRAWN)

    @property
    def settled(self) -> int:
        return self.confirmed + self.contradicted

    @property
    def accuracy(self) -> float | None:
        """The share confirmed of the settled claims; None below the smallest
        sample, where a percentage would mislead."""
        if self.settled < SMALLEST_SAMPLE:
            return None
        return self.confirmed / self.settled

    @property
    def mark(self) -> str:
        """The short mark beside a claim's source: "7 of 8 confirmed"."""
        if not self.settled:
            return "nothing settled yet"
        return f"{self.confirmed} of {self.settled} confirmed"

    @property
    def accuracy_text(self) -> str:
        """The accuracy with its sample, in words."""
        if not self.settled:
            return "No claim settled yet, so no accuracy to give."
        if self.accuracy is None:
            return (
                f"{self.mark}: too few settled claims (under {SMALLEST_SAMPLE}) "
                "for a percentage."
            )
        return f"{self.mark} ({self.accuracy:.0%} of {self.settled} settled claims)."

    @property
    def lead_days(self) -> float | None:
        """On average, how many days before the official word its confirmed
        claims were made."""
        leads = [
            scored.settlement.lead_days
            for scored in self.claims
            if scored.outcome == Outcome.CONFIRMED
            and scored.settlement.lead_days is not None
        ]
        return sum(leads) / len(leads) if leads else None

    @property
    def by_device(self) -> list[tuple]:
        """(device, its scored claims, open ones first) by device name."""
        order = {Outcome.OPEN: 0}
        ordered = sorted(
            self.claims,
            key=lambda s: (s.claim.device.name, s.claim.device_id),
        )
        return [
            (
                device,
                sorted(
                    members,
                    key=lambda s: (order.get(s.outcome, 1), s.claim.subject),
                ),
            )
            for device, members in groupby(ordered, key=lambda s: s.claim.device)
        ]


def _settled(claims) -> list[ScoredClaim]:
    claims = list(claims)
    devices = {claim.device_id for claim in claims}
    officials = {}
    for official in (
        SpecClaim.objects.for_sheets()
        .filter(AUTHORITATIVE_CLAIMS, device__in=devices)
        .order_by()
    ):
        officials.setdefault(official.device_id, []).append(official)
    return [
        ScoredClaim(claim, settle(claim, officials.get(claim.device_id, [])))
        for claim in claims
    ]


def _claims_of(sources):
    return (
        SpecClaim.objects.for_sheets()
        .select_related("device", "camera")
        .filter(source__in=sources)
        .order_by("device__name", "stated_on", "pk")
    )


def scorecard(source) -> Scorecard:
    """Every claim `source` made, each settled, in two queries."""
    return Scorecard(_settled(_claims_of([source])))


def scorecards(sources) -> dict[int, Scorecard]:
    """The scorecard of each of `sources`, by id, in two queries."""
    cards = {source.pk: Scorecard() for source in sources}
    for scored in _settled(_claims_of(list(cards))):
        cards[scored.claim.source_id].claims.append(scored)
    return cards


def mark_sources(claims) -> None:
    """Give each of `claims` (loaded with their sources) its source's score,
    as `claim.source_score` and `claim.source.scorecard`, for the mark beside
    it ("7 of 8 confirmed"); official sources get none: they settle the rest."""
    claims = list(claims)
    scored = {
        claim.source_id: claim.source
        for claim in claims
        if claim.source is not None and not claim.source.settles_claims
    }
    cards = scorecards(scored.values()) if scored else {}
    for claim in claims:
        claim.source_score = cards.get(claim.source_id)
        if claim.source is not None:
            claim.source.scorecard = claim.source_score
