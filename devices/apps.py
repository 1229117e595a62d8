from django.apps import AppConfig


class DevicesConfig(AppConfig):
    name = "devices"
    verbose_name = "Devices and launches"

    def ready(self):
        from devices import signals

        signals.connect(self)
