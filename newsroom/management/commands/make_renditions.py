from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import models

from newsroom.core.images import make_renditions


def stored_images():
    """Every image field's file of every model, one at a time."""
    for model in apps.get_models():
        fields = [f for f in model._meta.fields if isinstance(f, models.ImageField)]
        for field in fields:
            rows = model._default_manager.exclude(**{field.name: ""}).only(field.name)
            for row in rows.iterator():
                yield getattr(row, field.name)


class Command(BaseCommand):
    help = (
        "Make the renditions pages show of every stored image that lacks some "
        "(images stored before renditions were made on upload, or by a script). "
        "Safe to run again: existing renditions are kept."
    )

    def handle(self, *args, **options):
        images = made = 0
        for fieldfile in stored_images():
            images += 1
            made += make_renditions(fieldfile)
        self.stdout.write(f"{made} renditions made for {images} images.")
