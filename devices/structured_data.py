"""Structured data (schema.org, as JSON-LD) for devices and launch events.

Plain dictionaries; `templatetags/devices_syndication.py` writes them into
pages, and the newsroom's NewsArticle names the devices a story is `about`.
"""

from decimal import Decimal

from devices.confidence import Confidence
from devices.models import LaunchEvent
from devices.specsheet import spec_lines
from newsroom.core.addresses import absolute_url

CONTEXT = "https://schema.org"
SCHEMA = "https://schema.org/"


def product_reference(device) -> dict:
    """A device named from elsewhere (a story's `about`, an event's devices)."""
    url = absolute_url(device.get_absolute_url())
    return {
        "@type": "Product",
        "@id": f"{url}#product",
        "name": device.name,
        "url": url,
    }


def organization(brand) -> dict:
    return {
        "@type": "Organization",
        "name": brand.name,
        "url": absolute_url(brand.get_absolute_url()),
    }


def product(device) -> dict:
    """Product for a device page; aliases and spec claims should be loaded.

    Only confirmed specs are given as properties: a search engine shows
    them as facts, and a rumour is not one.
    """
    data = {
        "@context": CONTEXT,
        **product_reference(device),
        "brand": {
            "@type": "Brand",
            "name": device.brand.name,
            "url": absolute_url(device.brand.get_absolute_url()),
        },
    }
    if device.summary:
        data["description"] = device.summary
    if device.image:
        data["image"] = absolute_url(device.image.url)
    aliases = [alias.name for alias in device.aliases.all()]
    if aliases:
        data["alternateName"] = aliases
    if device.released_on:
        data["releaseDate"] = device.released_on.isoformat()
    # schema.org's closest fit for a model's predecessor and successors.
    related = [device.predecessor] if device.predecessor_id else []
    related += list(device.successors.all())
    if related:
        data["isRelatedTo"] = [product_reference(other) for other in related]
    confirmed = [
        line.best
        for line in spec_lines(device.spec_claims.all()).values()
        if line.best.confidence == Confidence.CONFIRMED and line.best.value is not None
    ]
    if confirmed:
        data["additionalProperty"] = [
            {
                "@type": "PropertyValue",
                "name": claim.field.name,
                "value": _plain(claim.value),
                **({"unitText": claim.field.unit} if claim.field.unit else {}),
            }
            for claim in confirmed
        ]
    return data


def _plain(value):
    # A number as JSON shows it (4860, not "4860.000"); text and yes/no as is.
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def event_status(event) -> str:
    if event.status == LaunchEvent.Status.CANCELLED:
        return SCHEMA + "EventCancelled"
    if event.previous_start_date is not None:
        # Moved to the date it now has (schema.org's "rescheduled").
        return SCHEMA + "EventRescheduled"
    if event.status == LaunchEvent.Status.POSTPONED:
        return SCHEMA + "EventPostponed"
    return SCHEMA + "EventScheduled"


def _iso(local_start):
    """A date for a whole-day event, else a time with the venue's offset."""
    return local_start.isoformat()


def launch_event(event) -> dict:
    """Event for a launch page; `event.devices` should be loaded."""
    url = absolute_url(event.get_absolute_url())
    data = {
        "@context": CONTEXT,
        "@type": "Event",
        "@id": f"{url}#event",
        "name": event.title,
        "url": url,
        "startDate": _iso(event.local_start),
        "eventStatus": event_status(event),
        "organizer": organization(event.brand),
    }
    if not event.is_day_known:
        # ISO 8601 at the precision known: "2022-07" or "2022" (a quarter,
        # which ISO dates cannot name, as its year), never an invented day.
        data["startDate"] = event.period_iso
    elif event.is_whole_day:
        data["endDate"] = _iso(event.local_start)
    elif event.local_end is not None:
        data["endDate"] = _iso(event.local_end)
    if event.previous_local_start is not None:
        data["previousStartDate"] = _iso(event.previous_local_start)
    if event.description:
        data["description"] = event.description

    locations = []
    if event.venue:
        locations.append({"@type": "Place", "name": event.venue})
    if event.livestream_url:
        locations.append({"@type": "VirtualLocation", "url": event.livestream_url})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
        data["eventAttendanceMode"] = SCHEMA + (
            "MixedEventAttendanceMode"
            if len(locations) == 2
            else "OnlineEventAttendanceMode"
            if event.livestream_url
            else "OfflineEventAttendanceMode"
        )
    devices = [product_reference(device) for device in event.devices.all()]
    if devices:
        data["about"] = devices
    return data


def source(source, scorecard) -> dict:
    """A source as an Organization (a leaker as a Person), its score in words:
    schema.org has no property for a track record, and a rating would read
    as a review."""
    data = {
        "@context": CONTEXT,
        "@type": "Person" if source.kind == "leaker" else "Organization",
        "@id": absolute_url(source.get_absolute_url()) + "#source",
        "name": source.name,
        "url": absolute_url(source.get_absolute_url()),
    }
    if source.url:
        data["sameAs"] = source.url
    if source.settles_claims:
        data["description"] = "Official source: its claims settle the others."
    else:
        data["description"] = scorecard.accuracy_text
        data["interactionStatistic"] = [
            {
                "@type": "InteractionCounter",
                "name": outcome,
                "userInteractionCount": count,
            }
            for outcome, count in (
                ("Claims confirmed", scorecard.confirmed),
                ("Claims contradicted", scorecard.contradicted),
                ("Claims still open", scorecard.open),
            )
        ]
    return data
