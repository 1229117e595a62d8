from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from newsroom.core import dates
from newsroom.markup import render_bodies
from newsroom.navigation import nav_sections

register = template.Library()


@register.inclusion_tag("includes/section_nav.html", takes_context=True)
def section_nav(context):
    """The site's sections, for the header of every page."""
    current = context.get("section")
    return {
        "sections": nav_sections(),
        "current": getattr(current, "slug", None),
    }


@register.simple_tag
def reader_time(moment):
    """A moment as a <time> element in the newsroom's time zone, named."""
    if moment is None:
        return ""
    return format_html(
        '<time datetime="{}">{}</time>', moment.isoformat(), dates.format_moment(moment)
    )


@register.simple_tag
def published_time(article):
    """The newsroom's day of publication, as a <time> element."""
    if article.published_at is None:
        return ""
    moment = article.published_at
    return format_html(
        '<time datetime="{}">{}</time>',
        moment.isoformat(),
        dates.format_day(dates.local(moment)),
    )


@register.simple_tag
def article_body(article):
    """The story's body with its embeds filled in from current data."""
    # Safe: the body was sanitised at save and embeds are rendered by our
    # own autoescaping templates.
    return mark_safe(render_bodies([article])[article.pk])
