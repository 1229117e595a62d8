from django import template
from django.utils.html import format_html

from devices.confidence import Confidence
from devices.views import compare_url as canonical_compare_url

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


@register.simple_tag
def compare_url(first, second):
    """The canonical address comparing two devices, in either order."""
    return canonical_compare_url(first, second)


@register.inclusion_tag("devices/includes/confidence_legend.html")
def confidence_legend():
    """What each confidence mark means, open to keyboard and touch alike."""
    return {
        "levels": [
            {"value": level.value, "explanation": level.explanation}
            for level in reversed(Confidence)
        ]
    }


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
