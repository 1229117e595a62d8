"""The dates, times and durations an editor may enter, and sums that cannot fail.

Python's dates end in the year 9999, and a date near either end moves past
it as soon as it is put in another time zone or given a duration: then a
page, feed or calendar that shows it fails. So every date an editor types is
bounded to years no story, device or launch of this site can need, and a
launch event to a length no launch event has had; anything beyond is a form
error that names the limit. Code that computes with stored dates uses
`later` and `in_utc`, which cope with rows stored beyond the bounds (by the
shell, an import, an older database) instead of failing.
"""

import datetime as dt

from django.core.exceptions import ValidationError

# Before the first consumer mobile phone, and far beyond any plan announced.
EARLIEST_YEAR = 1970
LATEST_YEAR = 2100
# CES and MWC last four days; a launch "event" of more than a month is an
# error in the duration field, not a real event.
LONGEST_EVENT = dt.timedelta(days=31)

# Representable in every time zone (offsets reach 14 hours each way).
_FIRST_MOMENT = dt.datetime(1, 1, 2, tzinfo=dt.UTC)
_LAST_MOMENT = dt.datetime(9999, 12, 30, tzinfo=dt.UTC)


def validate_year(value):
    """A date or date and time between EARLIEST_YEAR and LATEST_YEAR."""
    if value is not None and not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValidationError(
            "Pick a year between %(earliest)s and %(latest)s.",
            code="year_out_of_range",
            params={"earliest": EARLIEST_YEAR, "latest": LATEST_YEAR},
        )


def validate_event_duration(value):
    """A launch event's length: positive, at most LONGEST_EVENT."""
    if value is None:
        return
    if value <= dt.timedelta(0):
        raise ValidationError("A duration must be positive.", code="not_positive")
    if value > LONGEST_EVENT:
        raise ValidationError(
            "A launch event lasts at most %(days)s days.",
            code="too_long",
            params={"days": LONGEST_EVENT.days},
        )


def later(moment, delta):
    """`moment + delta`, or None when the result is beyond any date."""
    try:
        return moment + delta
    except OverflowError:
        return None


def in_utc(moment: dt.datetime) -> dt.datetime:
    """`moment` in UTC, held within what every time zone can show."""
    try:
        utc = moment.astimezone(dt.UTC)
    except OverflowError:
        return _LAST_MOMENT if moment.year > 1 else _FIRST_MOMENT
    return min(max(utc, _FIRST_MOMENT), _LAST_MOMENT)
