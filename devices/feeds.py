"""What subscribers follow without visiting: launch calendars and spec changes.

Calendars are iCalendar (RFC 5545) written by the `icalendar` package, for
calendar apps that subscribe to them (Google Calendar, Apple Calendar,
Outlook). The spec-change feed lists, per device, each time a spec value was
first reported, confirmed or changed: what changed since the leaks.
"""

import datetime as dt

import icalendar
from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.html import escape, format_html
from django.views import View
from django.views.decorators.gzip import gzip_page

from devices.models import Brand, Device, LaunchEvent, Source
from devices.scorecard import ScoredClaim, claims_of
from devices.settlement import Outcome
from devices.specsheet import spec_timeline
from newsroom.core.addresses import absolute_url, site_host, tag_uri
from newsroom.core.conditional import answer_conditionally
from newsroom.core.dates import WEEKDAY_DATE, format_day, format_moment
from newsroom.core.feeds import SubscriberFeed
from newsroom.core.text import for_documents

# ---------------------------------------------------------------------------
# Calendars
# ---------------------------------------------------------------------------

# A calendar of launches shows those to come and those of the last month.
RECENT = dt.timedelta(days=30)
# How often subscribed calendar apps should look again.
REFRESH = dt.timedelta(hours=1)

STATUS = {
    LaunchEvent.Status.SCHEDULED: "CONFIRMED",
    LaunchEvent.Status.POSTPONED: "CONFIRMED",  # to the date it now has
    LaunchEvent.Status.HELD: "CONFIRMED",
    LaunchEvent.Status.CANCELLED: "CANCELLED",
}


def launch_uid(event) -> str:
    """The event's identity for calendar apps: kept when it is moved or
    renamed, so a postponed launch moves instead of appearing twice."""
    return f"launch-{event.pk}@{site_host()}"


def _when(local_start) -> str:
    if isinstance(local_start, dt.datetime):
        return format_moment(local_start, zone=local_start.tzinfo, style=WEEKDAY_DATE)
    return format_day(local_start, WEEKDAY_DATE)


def calendar_event(event) -> icalendar.Event:
    """One launch as a VEVENT; `event.devices` should be prefetched."""
    page = absolute_url(event.get_absolute_url())
    vevent = icalendar.Event()
    vevent.add("uid", launch_uid(event))
    vevent.add("dtstamp", event.updated_at)
    vevent.add("last-modified", event.updated_at)
    vevent.add("sequence", event.sequence)
    # Text from the record is cleaned for the document (newsroom.core.text):
    # RFC 5545 allows no control characters, and a row may predate the
    # cleaning of input.
    vevent.add("summary", for_documents(event.title))
    vevent.add("status", STATUS[event.status])
    vevent.add("url", page)
    vevent.add("categories", [for_documents(event.brand.name)])

    vevent.add("dtstart", event.local_start)
    # A date-only event covers the venue's whole day (DTEND is exclusive).
    # Without a known length a timed event is left without an end: an
    # invented hour would be a guess presented as a fact.
    if event.local_end is not None:
        vevent.add("dtend", event.local_end)

    if event.venue:
        vevent.add("location", for_documents(event.venue))
    elif event.livestream_url:
        vevent.add("location", for_documents(event.livestream_url))

    lines = [event.description] if event.description else []
    devices = [device.name for device in event.devices.all()]
    if devices:
        lines.append("Devices: " + ", ".join(devices))
    if event.previous_local_start is not None:
        lines.append(f"Moved from {_when(event.previous_local_start)}.")
    if event.status == LaunchEvent.Status.CANCELLED:
        lines.append("This launch event was cancelled.")
    if event.livestream_url:
        lines.append(f"Livestream: {event.livestream_url}")
    lines.append(f"Details: {page}")
    vevent.add("description", for_documents("\n\n".join(lines)))
    return vevent


class LaunchCalendarView(View):
    """An .ics calendar of launch events; subclasses choose which."""

    def get_subject(self):
        return None

    def get_events(self, subject):
        now = timezone.now()
        return LaunchEvent.objects.filter(starts_at__gte=now - RECENT)

    def get_name(self, subject):
        return f"{settings.SITE_NAME}: launch events"

    def get_page(self, subject):
        return reverse("devices:launch-list")

    @method_decorator(gzip_page)
    def get(self, request, *args, **kwargs):
        subject = self.get_subject()
        # An event known only to the month, quarter or year stays out: a
        # calendar entry needs a day, and an invented one would be a guess.
        events = list(
            self.get_events(subject)
            .day_known()
            .select_related("brand")
            .prefetch_related("devices")
            .order_by("starts_at", "pk")
        )
        # An event's description names its devices, so their changes count.
        versions = [
            (
                event.pk,
                max([event.updated_at, *(d.updated_at for d in event.devices.all())]),
            )
            for event in events
        ]
        return answer_conditionally(
            request,
            versions,
            lambda: self.render(subject, events),
            kind="ics",
            max_age=int(REFRESH.total_seconds()),
        )

    def render(self, subject, events):
        name = for_documents(self.get_name(subject))
        calendar = icalendar.Calendar()
        calendar.add(
            "prodid", for_documents(f"-//{settings.SITE_NAME}//Launch events//EN")
        )
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("method", "PUBLISH")
        # NAME and REFRESH-INTERVAL are RFC 7986; the X- forms are what
        # Apple, Google and Outlook read. icalendar does not know NAME and
        # X-WR-CALNAME as text, so would write a line break in them raw.
        calendar.add("name", icalendar.vText(name))
        calendar.add("x-wr-calname", icalendar.vText(name))
        calendar.add("url", absolute_url(self.get_page(subject)))
        calendar.add("source", absolute_url(self.request.path), {"value": "URI"})
        calendar.add("refresh-interval", REFRESH, {"value": "DURATION"})
        calendar.add("x-published-ttl", icalendar.vDuration(REFRESH).to_ical().decode())
        for event in events:
            calendar.add_component(calendar_event(event))
        # VTIMEZONE for every TZID used, so apps need no zone database.
        calendar.add_missing_timezones()
        response = HttpResponse(
            calendar.to_ical(), content_type="text/calendar; charset=utf-8"
        )
        response["Content-Disposition"] = (
            f'inline; filename="{self.request.path.rsplit("/", 1)[-1]}"'
        )
        return response


class LaunchEventCalendar(LaunchCalendarView):
    """One launch event, whatever its date or status."""

    def get_subject(self):
        event = get_object_or_404(LaunchEvent, slug=self.kwargs["slug"])
        if not event.is_day_known:
            raise Http404(
                f"The day of this event is not known yet (expected {event.period}), "
                "so there is nothing to put in a calendar."
            )
        return event

    def get_events(self, event):
        return LaunchEvent.objects.filter(pk=event.pk)

    def get_name(self, event):
        return event.title

    def get_page(self, event):
        return event.get_absolute_url()


class BrandLaunchCalendar(LaunchCalendarView):
    def get_subject(self):
        return get_object_or_404(Brand, slug=self.kwargs["slug"])

    def get_events(self, brand):
        return super().get_events(brand).filter(brand=brand)

    def get_name(self, brand):
        return f"{settings.SITE_NAME}: {brand.name} launch events"

    def get_page(self, brand):
        return brand.get_absolute_url()


# ---------------------------------------------------------------------------
# Spec changes
# ---------------------------------------------------------------------------

SPEC_FEED_SIZE = 50


class SpecChangesFeed(SubscriberFeed):
    """Each time a spec of the device was first reported, confirmed or changed."""

    def get_object(self, request, slug):
        return Device.objects.select_related("brand").get(slug=slug)

    def item_versions(self, device):
        # Claims are only ever added or withdrawn, so their ids, record and
        # withdrawal times are the feed's whole state.
        claims = device.spec_claims.order_by("-recorded_at", "-pk")
        rows = claims.values_list("pk", "recorded_at", "withdrawn_at")[:SPEC_FEED_SIZE]
        return [
            (pk, max(recorded, withdrawn or recorded))
            for pk, recorded, withdrawn in rows
        ]

    def items(self, channel):
        claims = channel.subject.spec_claims.for_sheets()
        changes = [
            change for change in spec_timeline(claims) if change["change"] != "repeated"
        ]
        changes.sort(key=lambda c: (c["at"], c["claim"].pk), reverse=True)
        return changes[:SPEC_FEED_SIZE]

    def title(self, channel):
        return f"{settings.SITE_NAME}: {channel.subject.name} spec changes"

    def link(self, channel):
        return absolute_url(
            reverse("devices:device-history", kwargs={"slug": channel.subject.slug})
        )

    def description(self, channel):
        return (
            f"Every spec of the {channel.subject.name} as it was first reported, "
            "confirmed or changed, with its source."
        )

    def item_title(self, change):
        # Titles name the device: readers mix this feed with many others.
        claim, before = change["claim"], change["before"]
        spec = f"{claim.device.name} · {claim.subject}"
        value = claim.display_value
        confidence = claim.get_confidence_display().lower()
        if change["change"] == "withdrawn":
            return f"{spec}: {value} withdrawn"
        if change["change"] == "changed":
            return f"{spec}: {before.display_value} → {value} ({confidence})"
        if change["change"] == "confirmed":
            return f"{spec} {confidence}: {value}"
        return f"{spec}: {value} ({confidence})"

    def summary(self, change):
        claim, before = change["claim"], change["before"]
        source = claim.source.name if claim.source else "an unnamed source"
        text = (
            f"{claim.get_confidence_display()}, according to {source} "
            f"on {format_day(claim.stated_on)}."
        )
        if change["change"] == "withdrawn":
            when = timezone.localtime(claim.withdrawn_at)
            text = (
                f"Withdrawn by the editors on {when:%-d %B %Y}: this claim no "
                f"longer counts. It was: {text}"
            )
        elif change["change"] == "changed":
            text = f"Previously {before.display_value}. {text}"
        elif change["change"] == "confirmed":
            text = f"Previously {before.get_confidence_display().lower()}. {text}"
        return text

    def item_description(self, change):
        # HTML for RSS and Atom: the summary, and where it was stated.
        claim = change["claim"]
        if not claim.source_url:
            return escape(self.summary(change))
        return format_html(
            '{} <a href="{}">Source</a>', self.summary(change), claim.source_url
        )

    def item_link(self, change):
        claim = change["claim"]
        history = reverse("devices:device-history", kwargs={"slug": claim.device.slug})
        anchor = f"claim-{claim.pk}"
        if change["change"] == "withdrawn":
            anchor += "-withdrawn"
        return absolute_url(f"{history}#{anchor}")

    def item_guid(self, change):
        claim = change["claim"]
        if change["change"] == "withdrawn":
            return tag_uri("spec-claim-withdrawal", claim.pk, claim.withdrawn_at)
        return tag_uri("spec-claim", claim.pk, claim.recorded_at)

    def item_pubdate(self, change):
        return change["at"]

    def item_updateddate(self, change):
        return change["at"]

    def item_categories(self, change):
        return [change["claim"].field.get_group_display()]

    def item_extra_kwargs(self, change):
        return {"summary": self.summary(change)}


# ---------------------------------------------------------------------------
# A source's claims and how they turned out
# ---------------------------------------------------------------------------


class SourceClaimsFeed(SubscriberFeed):
    """Each claim of a source with its settlement, latest change first: a
    claim comes back to the top when the official word settles it."""

    def get_object(self, request, slug):
        return Source.objects.get(slug=slug)

    def _scored(self, source):
        newest = claims_of(source).order_by("-changed_at", "-pk")[:SPEC_FEED_SIZE]
        return [ScoredClaim(claim) for claim in newest]

    def item_versions(self, source):
        return [(s.claim.pk, s.changed_at) for s in self._scored(source)]

    def items(self, channel):
        return self._scored(channel.subject)

    def title(self, channel):
        return f"{settings.SITE_NAME}: claims by {channel.subject.name}"

    def link(self, channel):
        return absolute_url(channel.subject.get_absolute_url())

    def description(self, channel):
        return (
            f"What {channel.subject.name} said about devices before their "
            "launch, and whether the official word confirmed it."
        )

    def item_title(self, scored):
        claim = scored.claim
        return (
            f"{claim.device.name} · {claim.subject}: {claim.display_value} "
            f"({scored.outcome.label.lower()})"
        )

    def summary(self, scored):
        claim, by = scored.claim, scored.settlement.by
        text = f"Stated on {format_day(claim.stated_on)}."
        if by is not None:
            source = by.source.name if by.source else "the maker"
            text += (
                f" {scored.outcome.label}: {source} gave {by.display_value} "
                f"on {format_day(by.stated_on)}."
            )
        elif scored.outcome == Outcome.OPEN:
            text += " Not settled yet: no official value so far."
        elif scored.outcome == Outcome.WITHDRAWN:
            text += " Withdrawn by the editors: it is not scored."
        return text

    def item_description(self, scored):
        return escape(self.summary(scored))

    def item_link(self, scored):
        page = scored.claim.source.get_absolute_url()
        return absolute_url(f"{page}#claim-{scored.claim.pk}")

    def item_guid(self, scored):
        # A new settlement is news: a new identity, so readers show it again.
        kind = f"source-claim-{scored.outcome.value}"
        return tag_uri(kind, scored.claim.pk, scored.claim.recorded_at)

    def item_pubdate(self, scored):
        return scored.changed_at

    def item_updateddate(self, scored):
        return scored.changed_at

    def item_categories(self, scored):
        return [scored.outcome.label]

    def item_extra_kwargs(self, scored):
        return {"summary": self.summary(scored)}
