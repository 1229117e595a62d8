"""When a claim is settled, and how: the one rule every page, feed and score uses.

A claim is settled by the first authoritative claim (from an official source,
or one the editors designated authoritative) about the same device and the
same spec line, once that claim gives a value: the two agree (numbers within
the tolerance their field declares, text by normalised value, yes/no exactly)
and the claim is confirmed, or they do not and it is contradicted. Until then
it is open. A withdrawn claim is never scored, nor one that only said the
value was unknown: it claimed nothing that could be checked.

devices.scoring stores what this rule says with each claim, for queries and
scores; nothing else works it out again.
"""

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from django.db import models


class Outcome(models.TextChoices):
    CONFIRMED = "confirmed", "Confirmed"
    CONTRADICTED = "contradicted", "Contradicted"
    OPEN = "open", "Still open"
    WITHDRAWN = "withdrawn", "Withdrawn"
    # Said "unknown", or is itself the official word: nothing to score.
    NOT_SCORED = "not-scored", "Not scored"

    @property
    def is_settled(self) -> bool:
        return self in (Outcome.CONFIRMED, Outcome.CONTRADICTED)


@dataclass(frozen=True)
class Settlement:
    outcome: Outcome
    # The authoritative claim that settled it, when settled.
    by: object = None
    claim_stated_on: dt.date | None = None

    @property
    def on(self) -> dt.date | None:
        return self.by.stated_on if self.by is not None else None

    @property
    def lead_days(self) -> int | None:
        """How many days before the official word the claim was made."""
        if self.by is None:
            return None
        return (self.by.stated_on - self.claim_stated_on).days


# Separators that do not change what a value means: "LTPO AMOLED",
# "ltpo-amoled" and "LTPO  AMOLED" are one value; a multiplication sign reads as "x".
_SEPARATORS = re.compile(r"[\s\-_/,;:]+")


def normalised_text(value: str) -> str:
    text = unicodedata.normalize("NFKC", value).casefold().replace("×", "x")
    return _SEPARATORS.sub(" ", text).strip(" .")


def values_agree(spec_field, first, second) -> bool | None:
    """Whether two values of `spec_field` say the same; None when either is
    unknown (nothing can be said)."""
    if first is None or second is None:
        return None
    kind = spec_field.kind
    if kind == "number":
        tolerance = spec_field.tolerance or Decimal(0)
        return abs(Decimal(str(first)) - Decimal(str(second))) <= tolerance
    if kind == "boolean":
        return bool(first) is bool(second)
    return normalised_text(str(first)) == normalised_text(str(second))


def settles_claims(source) -> bool:
    """Whether a source's claims settle others': it is official, or the
    editors made it authoritative."""
    return source is not None and (
        source.kind == "official" or bool(source.is_authoritative)
    )


def is_authoritative(claim) -> bool:
    return settles_claims(claim.source)


def settling_claim(claim, candidates):
    """The first standing authoritative claim with a value among `candidates`
    (the device's claims) about the same line as `claim`; None if none yet."""
    found = [
        other
        for other in candidates
        if other.line_key == claim.line_key
        and other.device_id == claim.device_id
        and other.pk != claim.pk
        and not other.is_withdrawn
        and not other.is_unknown
        and is_authoritative(other)
    ]
    return min(found, key=lambda c: (c.stated_on, c.pk or 0), default=None)


def settle(claim, candidates) -> Settlement:
    """How `claim` stands against the authoritative claims among `candidates`
    (loaded together: the claims of the same device)."""
    if claim.is_withdrawn:
        return Settlement(Outcome.WITHDRAWN, claim_stated_on=claim.stated_on)
    if claim.is_unknown or is_authoritative(claim):
        return Settlement(Outcome.NOT_SCORED, claim_stated_on=claim.stated_on)
    by = settling_claim(claim, candidates)
    if by is None:
        return Settlement(Outcome.OPEN, claim_stated_on=claim.stated_on)
    agree = values_agree(claim.field, claim.value, by.value)
    outcome = Outcome.CONFIRMED if agree else Outcome.CONTRADICTED
    return Settlement(outcome, by=by, claim_stated_on=claim.stated_on)
