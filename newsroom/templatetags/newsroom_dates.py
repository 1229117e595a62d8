"""Dates and times in templates, written as everywhere else (newsroom.core.dates).

{{ day|newsroom_date }}            4 July 2022
{{ day|newsroom_date:"weekday" }}  Monday 4 July 2022
{{ day|newsroom_date:"short" }}    4 Jul 2022
{{ moment|newsroom_time }}         4 July 2022, 19:30 CST (newsroom's zone)
{{ moment|newsroom_time:"UTC" }}   4 July 2022, 11:30 UTC
"""

from django import template

from newsroom.core import dates

register = template.Library()

STYLES = {"": dates.DATE, "weekday": dates.WEEKDAY_DATE, "short": dates.SHORT_DATE}


@register.filter
def newsroom_date(day, style=""):
    return dates.format_day(day, STYLES[style]) if day else ""


@register.filter
def newsroom_time(moment, zone=None):
    return dates.format_moment(moment, zone=zone or None) if moment else ""
