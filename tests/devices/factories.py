import datetime as dt

import factory

from devices import services
from devices.confidence import Confidence
from devices.models import (
    Brand,
    CameraModule,
    Device,
    LaunchEvent,
    Partnership,
    Source,
    SpecClaim,
    SpecField,
)


class BrandFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Brand
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Brand {n}")
    slug = factory.Sequence(lambda n: f"brand-{n}")


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    brand = factory.SubFactory(BrandFactory)
    partner = factory.SubFactory(BrandFactory)
    started_on = dt.date(2022, 1, 1)


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Source {n}")
    slug = factory.Sequence(lambda n: f"source-{n}")
    kind = Source.Kind.LEAKER


class DeviceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Device
        django_get_or_create = ["slug"]

    brand = factory.SubFactory(BrandFactory)
    name = factory.Sequence(lambda n: f"Phone {n}")
    slug = factory.Sequence(lambda n: f"phone-{n}")


class SpecFieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpecField
        django_get_or_create = ["slug"]

    group = SpecField.Group.CAMERAS
    name = factory.Sequence(lambda n: f"Spec {n}")
    slug = factory.Sequence(lambda n: f"spec-{n}")
    kind = SpecField.Kind.NUMBER
    unit = "MP"
    higher_is_better = True


class SpecClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpecClaim

    device = factory.SubFactory(DeviceFactory)
    field = factory.SubFactory(SpecFieldFactory)
    value_number = 48
    confidence = Confidence.RUMOURED
    source = factory.SubFactory(SourceFactory)
    stated_on = dt.date(2022, 6, 1)


class CameraFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CameraModule

    device = factory.SubFactory(DeviceFactory)
    role = CameraModule.Role.MAIN

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """Its values become claims: `CameraFactory(megapixels=12, sensor="…",
        confidence=…, source=…)`; 50 MP, expected, unless told."""
        values = {
            attribute: kwargs.pop(attribute)
            for attribute in ("megapixels", "sensor", "aperture", "optical_zoom")
            if attribute in kwargs
        }
        values.setdefault("megapixels", 50)
        confidence = kwargs.pop("confidence", Confidence.EXPECTED)
        source = kwargs.pop("source", None)
        stated_on = kwargs.pop("stated_on", None)
        camera = super()._create(model_class, *args, **kwargs)
        for attribute, value in values.items():
            if value is None and attribute != "megapixels":
                continue
            services.record_camera_claim(
                camera=camera,
                attribute=attribute,
                value=value,
                confidence=confidence,
                source=source,
                stated_on=stated_on,
            )
        return camera


class LaunchEventFactory(factory.django.DjangoModelFactory):
    """A whole-day event in Shanghai, like the seed's July 4 launch."""

    class Meta:
        model = LaunchEvent
        skip_postgeneration_save = True

    brand = factory.SubFactory(BrandFactory)
    title = factory.Sequence(lambda n: f"Launch {n}")
    slug = factory.Sequence(lambda n: f"launch-{n}")
    start_date = dt.date(2022, 7, 4)
    time_zone = "Asia/Shanghai"

    @factory.post_generation
    def devices(self, create, extracted, **kwargs):
        if create and extracted:
            self.devices.set(extracted)
