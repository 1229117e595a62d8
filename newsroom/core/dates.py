"""How dates and times are written for people: pages, admin, feeds,
calendars and messages all use these, so a time always names its zone.

Styles are Django's date-format letters (those of the `date` filter). A
moment is shown in the newsroom's time zone (`TIME_ZONE`) unless another is
given (a launch event's venue), followed by that zone's name.
"""

import datetime as dt
import zoneinfo

from django.utils import timezone
from django.utils.dateformat import format as django_format

DATE = "j F Y"  # 4 July 2022
WEEKDAY_DATE = "l j F Y"  # Monday 4 July 2022
SHORT_DATE = "j M Y"  # 4 Jul 2022
TIME = "H:i"  # 19:30


def format_day(day: dt.date, style: str = DATE) -> str:
    """A calendar day (no time, so no zone): "4 July 2022"."""
    return django_format(day, style)


def local(moment: dt.datetime, zone: dt.tzinfo | str | None = None) -> dt.datetime:
    """`moment` in `zone`, by default the newsroom's time zone."""
    if isinstance(zone, str):
        zone = zoneinfo.ZoneInfo(zone)
    return timezone.localtime(moment, zone)


def format_moment(
    moment: dt.datetime,
    *,
    zone: dt.tzinfo | str | None = None,
    style: str = DATE,
    zone_name: bool = True,
) -> str:
    """A moment, as "4 July 2022, 19:30 CST", in `zone` (default: the
    newsroom's). The newsroom's zone is named by its abbreviation, as its
    readers know it; another zone (a launch venue's) by its full name,
    "Asia/Shanghai", since abbreviations repeat around the world.
    `zone_name=False` leaves the zone out where a heading beside the value
    already names it (an admin column)."""
    moment = local(moment, zone)
    text = f"{django_format(moment, style)}, {django_format(moment, TIME)}"
    if not zone_name:
        return text
    name = moment.tzname() if zone is None else str(moment.tzinfo)
    return f"{text} {name}"
