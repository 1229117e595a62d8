"""How sure we are of a fact: the one definition every model, page and embed uses.

A claim about a device (a spec value, a camera) carries one of these levels.
The rank orders them, so "best supported" means the same thing everywhere.
"""

from django.db import models


class Confidence(models.TextChoices):
    RUMOURED = "rumoured", "Rumoured"
    EXPECTED = "expected", "Expected"
    CONFIRMED = "confirmed", "Confirmed"

    @property
    def rank(self) -> int:
        return RANKS[self]

    @property
    def explanation(self) -> str:
        return EXPLANATIONS[self]

    @property
    def symbol(self) -> str:
        return SYMBOLS[self]


RANKS = {
    Confidence.RUMOURED: 0,
    Confidence.EXPECTED: 1,
    Confidence.CONFIRMED: 2,
}

EXPLANATIONS = {
    Confidence.RUMOURED: "From a leak or a single unconfirmed report.",
    Confidence.EXPECTED: "Widely reported ahead of launch, not yet official.",
    Confidence.CONFIRMED: "Stated by the maker or verified by us.",
}

# A shape as well as a word, so a mark reads without colour.
SYMBOLS = {
    Confidence.CONFIRMED: "●",
    Confidence.EXPECTED: "◐",
    Confidence.RUMOURED: "○",
}


def rank_expression(field: str = "confidence"):
    """The rank as a database expression, so queries order claims by the same
    ranks as `rank_of`."""
    return models.Case(
        *(
            models.When(**{field: level}, then=models.Value(rank))
            for level, rank in RANKS.items()
        ),
        default=models.Value(-1),
        output_field=models.IntegerField(),
    )


def rank_of(value: str) -> int:
    """The rank of a stored confidence value; unknown values rank lowest."""
    try:
        return RANKS[Confidence(value)]
    except ValueError:
        return -1
