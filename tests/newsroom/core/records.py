"""One saved record of every model that has text fields, for tests that go
over every text field of both apps."""

from django.apps import apps
from django.db import models

from devices.models import CameraModule, DeviceAlias
from newsroom.core.text import KEY, LINE, PROSE, text_fields
from newsroom.models import AuthorLink, Correction, SendBackNote
from tests.devices import factories as device_factories
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    SectionFactory,
    ShareLinkFactory,
    TagFactory,
)

MAKERS = {
    "newsroom.article": ArticleFactory,
    "newsroom.author": AuthorFactory,
    "newsroom.section": SectionFactory,
    "newsroom.tag": TagFactory,
    "newsroom.sharelink": ShareLinkFactory,
    "newsroom.correction": lambda: Correction.objects.create(
        article=ArticleFactory(), text="A correction."
    ),
    "newsroom.sendbacknote": lambda: SendBackNote.objects.create(
        article=ArticleFactory(), note="Say where the battery figure comes from."
    ),
    "newsroom.authorlink": lambda: AuthorLink.objects.create(
        author=AuthorFactory(), label="Website", url="https://example.com/"
    ),
    "devices.brand": device_factories.BrandFactory,
    "devices.partnership": device_factories.PartnershipFactory,
    "devices.source": device_factories.SourceFactory,
    "devices.device": device_factories.DeviceFactory,
    "devices.devicealias": lambda: DeviceAlias.objects.create(
        device=device_factories.DeviceFactory(), name="12 Ultra"
    ),
    "devices.specfield": device_factories.SpecFieldFactory,
    "devices.specclaim": device_factories.SpecClaimFactory,
    "devices.cameramodule": lambda: CameraModule.objects.create(
        device=device_factories.DeviceFactory()
    ),
    "devices.launchevent": device_factories.LaunchEventFactory,
}


def models_with_text():
    return [
        model
        for label in ("newsroom", "devices")
        for model in apps.get_app_config(label).get_models()
        if text_fields(model)
    ]


def every_text_field():
    """(model label, field name, kind) of every text column of both apps."""
    return [
        (model._meta.label_lower, field.name, kind)
        for model in models_with_text()
        for field, kind in text_fields(model)
    ]


def hostile(field, kind):
    """A value of the field's kind that holds a CR LF, a lone CR, controls,
    a noncharacter and a tab; with what it is stored as (keys: refused on
    input, stripped when saved another way)."""
    if kind == PROSE:
        return "One\r\ntwo\rthree\x07 four\ufffe\tfive", "One\ntwo\nthree four\tfive"
    if kind == LINE:
        return "One\r\ntwo\x07 three\ufffe\tfour", "One two three\tfour"
    assert kind == KEY
    if field.choices:
        value = field.choices[0][0]
        return f"{value}\x0b", value
    if isinstance(field, models.URLField):
        return "https://example.com/pa\x0bge", "https://example.com/page"
    return "some\x0bslug", "someslug"


def make(label):
    return MAKERS[label]()


__all__ = ["KEY", "LINE", "PROSE", "every_text_field", "hostile", "make"]
