"""Dates and times read the same everywhere, and a time names its zone."""

import datetime as dt

from django.template import Context, Template

from newsroom.core import dates

MOMENT = dt.datetime(2022, 7, 4, 11, 30, tzinfo=dt.UTC)


def test_a_time_is_in_the_newsrooms_zone_and_names_it(settings):
    settings.TIME_ZONE = "Asia/Shanghai"
    assert dates.format_moment(MOMENT) == "4 July 2022, 19:30 CST"


def test_a_venue_zone_is_named_in_full():
    assert (
        dates.format_moment(MOMENT, zone="Europe/Berlin", style=dates.WEEKDAY_DATE)
        == "Monday 4 July 2022, 13:30 Europe/Berlin"
    )


def test_a_column_headed_by_its_zone_leaves_it_out():
    assert (
        dates.format_moment(MOMENT, style=dates.SHORT_DATE, zone_name=False)
        == "4 Jul 2022, 11:30"
    )


def test_template_filters_write_the_same():
    template = Template(
        "{% load newsroom_dates %}"
        "{{ day|newsroom_date }}|{{ day|newsroom_date:'weekday' }}|"
        "{{ day|newsroom_date:'short' }}|{{ moment|newsroom_time:'UTC' }}|"
        "{{ missing|newsroom_time }}"
    )
    rendered = template.render(Context({"day": MOMENT.date(), "moment": MOMENT}))
    assert rendered == (
        "4 July 2022|Monday 4 July 2022|4 Jul 2022|4 July 2022, 11:30 UTC|"
    )
