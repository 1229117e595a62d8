"""Launch events: when and where devices are unveiled."""

import datetime as dt

import reversion
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


class LaunchEventQuerySet(models.QuerySet):
    def _over(self, now):
        return Q(ends_at__lte=now) | Q(ends_at__isnull=True, starts_at__lt=now)

    def upcoming(self, *, now=None):
        """Events not over yet (whole-day events stay upcoming all day), soonest
        first."""
        return self.exclude(self._over(now or timezone.now())).order_by("starts_at")

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
        help_text="The day, at the venue.", validators=[validate_year]
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

    def save(self, *args, **kwargs):
        self.starts_at, self.ends_at = self.utc_span()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("devices:launch-detail", kwargs={"slug": self.slug})

    @property
    def zone(self):
        return self.time_zone or dt.UTC

    @property
    def is_whole_day(self):
        return self.start_time is None

    @property
    def local_start(self):
        """The start at the venue: a datetime, or for a whole-day event its date."""
        if self.is_whole_day:
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
        unknown or the end is beyond any date (a row stored out of bounds)."""
        if self.is_whole_day:
            return later(self.start_date, dt.timedelta(days=1))
        if self.duration:
            return later(self.local_start, self.duration)
        return None

    def utc_span(self):
        """Start and end in UTC. A whole-day event spans the venue's day."""
        start = self.local_start
        if self.is_whole_day:
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
