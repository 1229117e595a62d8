"""How often a source was right: its claims, settled, and the figures readers see.

The settlement of each claim is `devices.settlement`'s, and devices.scoring
stores it with each claim and the counts with each source: this module reads
them.
"""

import datetime as dt
from dataclasses import dataclass, field
from itertools import groupby

from devices.models import Source, SpecClaim
from devices.settlement import Outcome, Settlement

# Below this many settled claims a percentage says more than it knows: the
# page gives the counts and says why there is no percentage.
SMALLEST_SAMPLE = 5


@dataclass
class ScoredClaim:
    """A claim with its settlement, as devices.scoring stored it."""

    claim: SpecClaim

    @property
    def settlement(self) -> Settlement:
        claim = self.claim
        return Settlement(
            Outcome(claim.outcome), by=claim.settled_by, claim_stated_on=claim.stated_on
        )

    @property
    def outcome(self) -> Outcome:
        return Outcome(self.claim.outcome)

    @property
    def changed_at(self) -> dt.datetime:
        """When this line last changed: stated, settled or withdrawn."""
        return self.claim.changed_at


@dataclass
class Scorecard:
    confirmed: int = 0
    contradicted: int = 0
    open: int = 0
    withdrawn: int = 0
    # On average, how many days before the official word its confirmed
    # claims were made.
    lead_days: float | None = None
    # Only where a page lists them (the source's own page).
    claims: list[ScoredClaim] = field(default_factory=list)

    @classmethod
    def of(cls, source, claims=()) -> "Scorecard":
        """The score devices.scoring keeps on `source`."""
        return cls(
            confirmed=source.claims_confirmed,
            contradicted=source.claims_contradicted,
            open=source.claims_open,
            withdrawn=source.claims_withdrawn,
            lead_days=source.lead_days,
            claims=[ScoredClaim(claim) for claim in claims],
        )

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


def claims_of(source):
    """Every claim `source` made, with what settled it, in one query."""
    return (
        SpecClaim.objects.for_sheets()
        .select_related("device", "settled_by__source", "settled_by__field")
        .filter(source=source)
        .order_by("device__name", "stated_on", "pk")
    )


def scorecard(source, claims=None) -> Scorecard:
    """`source`'s score and `claims` (by default every claim it made), with
    their settlements, in two queries."""
    fresh = Source.objects.get(pk=source.pk)
    return Scorecard.of(fresh, claims_of(source) if claims is None else claims)


def scorecards(sources) -> dict[int, Scorecard]:
    """The score of each of `sources`, by id, in one query, however many
    claims they made."""
    ids = [source.pk for source in sources]
    return {
        fresh.pk: Scorecard.of(fresh) for fresh in Source.objects.filter(pk__in=ids)
    }


def mark_sources(claims) -> None:
    """Give each of `claims` (loaded with their sources) its source's score,
    as `claim.source_score` and `claim.source.scorecard`, for the mark beside
    it ("7 of 8 confirmed"); official sources get none: they settle the rest.
    No query: the score is read off the loaded sources."""
    claims = list(claims)
    cards = {
        claim.source_id: Scorecard.of(claim.source)
        for claim in claims
        if claim.source is not None and not claim.source.settles_claims
    }
    for claim in claims:
        claim.source_score = cards.get(claim.source_id)
        if claim.source is not None:
            claim.source.scorecard = claim.source_score
