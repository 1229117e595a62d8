from django.apps import AppConfig


class DevicesConfig(AppConfig):
    name = "devices"
    verbose_name = "Devices and launches"

    def ready(self):
        # Registers the models whose history django-reversion keeps.
        from devices import revisions  # noqa: F401
