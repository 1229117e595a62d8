"""Tags for what device, brand and launch pages tell machines: calendar
subscriptions and structured data (JSON-LD)."""

from django import template
from django.conf import settings
from django.urls import reverse

from devices import structured_data
from newsroom.core.addresses import absolute_url
from newsroom.core.json_ld import json_ld_script

register = template.Library()


def _calendar(url_name, subject, label):
    kwargs = {"slug": subject.slug} if subject is not None else {}
    https = absolute_url(reverse(url_name, kwargs=kwargs))
    return {
        "https": https,
        # webcal: asks the reader's calendar app to subscribe, not download.
        "webcal": "webcal://" + https.split("://", 1)[1],
        "title": f"{settings.SITE_NAME}: {label}",
    }


@register.inclusion_tag("devices/includes/calendar_links.html")
def calendar_links(url_name, subject=None, label="launch events", download=True):
    """Subscribe (and download) links for the calendar named `url_name`.

    Subscribing keeps the reader's calendar in step when an event moves.
    """
    return {**_calendar(url_name, subject, label), "download": download}


@register.inclusion_tag("devices/includes/calendar_alternate.html")
def calendar_alternate(url_name, subject=None, label="launch events"):
    """<link rel="alternate" type="text/calendar"> for the page's <head>."""
    return _calendar(url_name, subject, label)


@register.inclusion_tag("includes/json_ld.html", takes_context=True)
def product_json_ld(context, device):
    return json_ld_script(context, structured_data.product(device))


@register.inclusion_tag("includes/json_ld.html", takes_context=True)
def event_json_ld(context, event):
    return json_ld_script(context, structured_data.launch_event(event))


@register.inclusion_tag("includes/json_ld.html", takes_context=True)
def source_json_ld(context, source, scorecard):
    return json_ld_script(context, structured_data.source(source, scorecard))
