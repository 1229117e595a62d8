from django import template
from django.utils.html import format_html

from devices.comparison import MAX_DEVICES, compare_path
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


@register.simple_tag
def compare_url(*devices):
    """The canonical address comparing these devices, in any order."""
    return compare_path(device.slug for device in devices)


@register.inclusion_tag("devices/includes/compare_picker.html")
def compare_picker(picker, heading_id="compare-picker-heading", level=2):
    """The form that picks devices to compare: plain text boxes suggesting
    the few names the page offers (a <datalist>, no script needed), which
    the script replaces with the devices matching what is typed."""
    return {
        "picker": picker,
        "heading_id": heading_id,
        "level": level,
        "names": picker.offered_names(),
        "max_devices": MAX_DEVICES,
    }


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
