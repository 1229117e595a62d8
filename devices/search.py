"""What site search finds among devices, brands, launch events and sources.

Each kind is matched word by word: every word the reader typed must appear
in one of the record's names (any word in any of them), so word order and
the brand's name in front ("Xiaomi 12 Ultra") do not matter. The editorial
app's search page shows these beside the stories.
"""

from dataclasses import dataclass

from django.db.models import (
    Case,
    CharField,
    F,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
)

from devices.models import Brand, Device, LaunchEvent, Source
from devices.models.devices import MAX_NAME_WORDS


def every_word(words, *fields) -> Q:
    """Each of `words` in at least one of `fields`."""
    condition = Q()
    for word in words[:MAX_NAME_WORDS]:
        any_field = Q()
        for field in fields:
            any_field |= Q(**{f"{field}__icontains": word})
        condition &= any_field
    return condition


def named_in(field="name") -> Q:
    """Records whose whole name the reader typed among other words ("the
    Leica phones" names Leica); the typed text is aliased as `query_text`."""
    return Q(query_text__icontains=F(field))


def _whole_name_first(queryset, text, field):
    """The records whose name holds the reader's words as typed come first."""
    return queryset.annotate(
        exact=Case(
            When(**{f"{field}__icontains": text}, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    ).order_by("-exact", field)


@dataclass
class RecordMatches:
    """The device records matching a reader's words, kind by kind."""

    devices: QuerySet
    brands: QuerySet
    events: QuerySet
    sources: QuerySet


def find_records(text: str) -> RecordMatches:
    words = text.split()
    if not words:
        return RecordMatches(
            *(model.objects.none() for model in (Device, Brand, LaunchEvent, Source))
        )
    devices = Device.objects.select_related("brand").matching(text)
    typed = Value(text, output_field=CharField())
    return RecordMatches(
        devices=_whole_name_first(devices, text, "name"),
        brands=_whole_name_first(
            Brand.objects.alias(query_text=typed).filter(
                every_word(words, "name") | named_in()
            ),
            text,
            "name",
        ),
        events=_whole_name_first(
            LaunchEvent.objects.select_related("brand").filter(
                every_word(words, "title", "brand__name")
            ),
            text,
            "title",
        ),
        sources=_whole_name_first(
            Source.objects.filter(every_word(words, "name")), text, "name"
        ),
    )
