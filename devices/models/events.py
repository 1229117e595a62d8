"""Launch events: when and where devices are unveiled."""

import datetime as dt

import reversion
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from timezone_field import TimeZoneField

from devices.models.brands import Brand, Source
from devices.models.devices import Device
from newsroom.core.concurrency import VersionedModel
from newsroom.core.date_limits import (
    LONGEST_EVENT,
    in_utc,
    later,
    validate_event_duration,
    validate_year,
)
from newsroom.core.text import CleanTextMixin


def validate_time_zone(value):
    """Migration 0001 names this validator; TimeZoneField now refuses unknown
    names itself."""
    TimeZoneField().to_python(value)


class DatePrecision(models.TextChoices):
    """How well an event's date is known: a rumour may name only the month,
    the quarter or the year."""

    DAY = "day", "The day"
    MONTH = "month", "The month"
    QUARTER = "quarter", "The quarter"
    YEAR = "year", "The year"


def period_start(day: dt.date, precision: str) -> dt.date:
    """The first day of the period of `precision` that holds `day`."""
    if precision == DatePrecision.MONTH:
        return day.replace(day=1)
    if precision == DatePrecision.QUARTER:
        return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
    if precision == DatePrecision.YEAR:
        return day.replace(month=1, day=1)
    return day


def period_end(day: dt.date, precision: str) -> dt.date:
    """The day after the period of `precision` that holds `day` (exclusive)."""
    start = period_start(day, precision)
    months = {DatePrecision.MONTH: 1, DatePrecision.QUARTER: 3}.get(precision)
    if precision == DatePrecision.YEAR:
        return start.replace(year=start.year + 1)
    if months is None:
        return start + dt.timedelta(days=1)
    month = start.month - 1 + months
    return start.replace(year=start.year + month // 12, month=month % 12 + 1)


def period_label(day: dt.date, precision: str) -> str:
    """The period as readers read it: "July 2022", "Q3 2022", "2022"."""
    if precision == DatePrecision.MONTH:
        return f"{day:%B %Y}"
    if precision == DatePrecision.QUARTER:
        return f"Q{(day.month - 1) // 3 + 1} {day.year}"
    if precision == DatePrecision.YEAR:
        return str(day.year)
    return day.isoformat()


class LaunchEventQuerySet(models.QuerySet):
    def _over(self, now):
        return Q(ends_at__lte=now) | Q(ends_at__isnull=True, starts_at__lt=now)

    def upcoming(self, *, now=None):
        """Events not over yet (whole-day events stay upcoming all day), soonest
        first."""
        return self.exclude(self._over(now or timezone.now())).order_by("starts_at")

    def day_known(self):
        """Events whose day is known: the only ones a calendar can hold."""
        return self.filter(date_precision=DatePrecision.DAY)

    def past(self, *, now=None):
        return self.filter(self._over(now or timezone.now())).order_by("-starts_at")


# Its devices are part of its own record.
@reversion.register(exclude=["version"])
class LaunchEvent(CleanTextMixin, VersionedModel):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        POSTPONED = "postponed", "Postponed"
        CANCELLED = "cancelled", "Cancelled"
        HELD = "held", "Held"

    brand = models.ForeignKey(
        Brand, on_delete=models.PROTECT, related_name="launch_events"
    )
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    description = models.TextField(blank=True)
    start_date = models.DateField(
        help_text="The day, at the venue. When only the month, quarter or year is "
        "known, any day in it (the first day is kept).",
        validators=[validate_year],
    )
    date_precision = models.CharField(
        "date known to",
        max_length=10,
        choices=DatePrecision,
        default=DatePrecision.DAY,
        blank=True,
        help_text="How much of the date is known (empty: the day): a launch "
        "“expected in Q3” is shown as Q3 and left out of calendars until its "
        "day is known.",
    )
    start_time = models.TimeField(
        null=True,
        blank=True,
        help_text="Local time at the venue. Leave empty when only the day is known: "
        "the event is then shown as a whole-day event.",
    )
    duration = models.DurationField(
        null=True,
        blank=True,
        validators=[validate_event_duration],
        help_text="How long it lasts, when known (hh:mm:ss), at most "
        f"{LONGEST_EVENT.days} days.",
    )
    # A zoneinfo.ZoneInfo in Python, its name in the database.
    time_zone = TimeZoneField(
        max_length=64,
        default="UTC",
        help_text="The venue's time zone, for example Asia/Shanghai: type part "
        "of a city's name to pick one from the list.",
    )
    venue = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.SCHEDULED)
    announcement_url = models.URLField(
        blank=True, help_text="The post that announced the event."
    )
    announced_by = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="announced_events",
        help_text="Who announced it, for example the brand's Weibo account.",
    )
    livestream_url = models.URLField(blank=True)
    devices = models.ManyToManyField(Device, blank=True, related_name="launch_events")

    # Derived in save(), for ordering and queries across time zones.
    starts_at = models.DateTimeField(editable=False, db_index=True)
    ends_at = models.DateTimeField(editable=False, null=True)

    # Calendar apps need to know an event was moved (iCalendar SEQUENCE,
    # schema.org previousStartDate); services.reschedule_event keeps these.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    previous_start_date = models.DateField(null=True, blank=True, editable=False)
    previous_start_time = models.TimeField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = LaunchEventQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]

    def __str__(self):
        return self.title

    def clean(self):
        if not self.is_day_known and self.start_time is not None:
            raise ValidationError(
                {"start_time": "Give a time only when the day is known."}
            )

    def save(self, *args, **kwargs):
        self.date_precision = self.date_precision or DatePrecision.DAY
        if self.start_date:
            self.start_date = period_start(self.start_date, self.date_precision)
        self.starts_at, self.ends_at = self.utc_span()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("devices:launch-detail", kwargs={"slug": self.slug})

    @property
    def zone(self):
        return self.time_zone or dt.UTC

    @property
    def is_day_known(self):
        return self.date_precision in (DatePrecision.DAY, "")

    @property
    def is_whole_day(self):
        """Known to the day, without the hour."""
        return self.is_day_known and self.start_time is None

    @property
    def period(self) -> str:
        """When it is expected, as precisely as known ("Q3 2022"); empty when
        the day is known."""
        if self.is_day_known:
            return ""
        return period_label(self.start_date, self.date_precision)

    @property
    def period_iso(self) -> str:
        """The period as an ISO 8601 date of reduced precision: "2022-07" for
        a month, the year for a quarter or a year; empty when the day is known."""
        if self.is_day_known:
            return ""
        if self.date_precision == DatePrecision.MONTH:
            return f"{self.start_date:%Y-%m}"
        return f"{self.start_date:%Y}"

    @property
    def local_start(self):
        """The start at the venue: a datetime, or for a whole-day event (or one
        known to the month, quarter or year) its first day."""
        if self.start_time is None or not self.is_day_known:
            return self.start_date
        return dt.datetime.combine(self.start_date, self.start_time, tzinfo=self.zone)

    @property
    def previous_local_start(self):
        if self.previous_start_date is None:
            return None
        if self.previous_start_time is None:
            return self.previous_start_date
        return dt.datetime.combine(
            self.previous_start_date, self.previous_start_time, tzinfo=self.zone
        )

    @property
    def local_end(self):
        """The end at the venue: for a whole-day event the next day (ends are
        exclusive), else the start plus the duration; None when the length is
        unknown or the end is beyond any date (a row stored out of bounds).
        An event known only to the month, quarter or year ends with it."""
        if not self.is_day_known:
            try:
                return period_end(self.start_date, self.date_precision)
            except ValueError:
                return None
        if self.is_whole_day:
            return later(self.start_date, dt.timedelta(days=1))
        if self.duration:
            return later(self.local_start, self.duration)
        return None

    def utc_span(self):
        """Start and end in UTC. A whole-day event spans the venue's day."""
        start = self.local_start
        if not isinstance(start, dt.datetime):
            start = dt.datetime.combine(start, dt.time(), tzinfo=self.zone)
        end = self.local_end
        if isinstance(end, dt.date) and not isinstance(end, dt.datetime):
            end = dt.datetime.combine(end, dt.time(), tzinfo=self.zone)
        return in_utc(start), in_utc(end) if end else None

    @property
    def status_now(self):
        """The status readers see: a scheduled event whose time has passed
        was held (an editor corrects it if it was not)."""
        if self.status == self.Status.SCHEDULED and self.is_over:
            return self.Status.HELD
        return self.Status(self.status)

    @property
    def is_over(self):
        return self.starts_at is not None and not self.is_upcoming

    @property
    def is_upcoming(self):
        now = timezone.now()
        if self.starts_at is None:
            return False
        if self.ends_at is None:
            return self.starts_at >= now
        return self.ends_at > now
