from django import template
from django.utils.html import format_html

from devices.confidence import Confidence

register = template.Library()


@register.simple_tag
def confidence_mark(value):
    """A confidence level as a labelled mark, e.g. “◐ Expected”."""
    try:
        level = Confidence(value)
    except ValueError:
        return ""
    return format_html(
        '<span class="confidence confidence--{}" title="{}">'
        '<span aria-hidden="true">{}</span> {}</span>',
        level.value,
        level.explanation,
        level.symbol,
        level.label,
    )


@register.inclusion_tag("devices/includes/event_when.html")
def event_when(event, plain=False):
    """When an event happens: venue time and UTC, or just the day when whole-day."""
    return {"event": event, "plain": plain}


@register.inclusion_tag("devices/includes/story_devices.html")
def story_devices(article):
    """The devices and launch events a story covers, for its page."""
    return {
        "devices": article.devices.all(),
        "events": article.launch_events.all(),
    }
