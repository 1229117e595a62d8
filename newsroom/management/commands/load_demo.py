from django.conf import settings
from django.core.management.base import BaseCommand

from devices.demo import load_devices
from newsroom.demo.launch import load_act_two
from newsroom.demo.load import load_editorial


class Command(BaseCommand):
    help = (
        "Load the demo newsroom: the Xiaomi 12S launch story and the stories, "
        "authors, sections, tags and accounts around it, then the launch day "
        "itself (what was announced against what was expected). Only what is missing "
        "is created, so running it twice changes nothing."
    )

    def handle(self, *args, **options):
        # Devices and events first: the stories embed them.
        created = load_devices()
        created += load_editorial(
            editor_password=settings.DEMO_EDITOR_PASSWORD,
            contributor_password=settings.DEMO_CONTRIBUTOR_PASSWORD,
        )
        # Act two: the launch day, what was announced against what was expected.
        created += load_act_two()
        if created:
            self.stdout.write(f"Demo content created: {len(created)} records.")
            for name in created:
                self.stdout.write(f"  {name}")
        else:
            self.stdout.write("Demo content already present; nothing changed.")
        self.stdout.write(
            "Demo accounts for /admin/ (set DEMO_*_PASSWORD to change them):\n"
            f"  editor      / {settings.DEMO_EDITOR_PASSWORD}\n"
            f"  contributor / {settings.DEMO_CONTRIBUTOR_PASSWORD}"
        )
