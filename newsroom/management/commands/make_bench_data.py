from django.core.management.base import BaseCommand, CommandError

from newsroom.demo.scale import ScaleData
from newsroom.models import Article


class Command(BaseCommand):
    help = (
        "Fill an empty database with benchmark data: N stories (each embedding "
        "one to four devices or launch events, some drafts and scheduled), "
        "devices with claims and cameras, and launch events. For `make bench`."
    )

    def add_arguments(self, parser):
        parser.add_argument("--stories", type=int, default=100_000)
        parser.add_argument("--devices", type=int, default=5_000)
        parser.add_argument("--events", type=int, default=500)
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument(
            "--processes",
            type=int,
            default=2,
            help="Processes rendering story bodies (1: none besides this one).",
        )
        parser.add_argument(
            "--keep",
            action="store_true",
            help="Leave benchmark data of the same size already here as it is "
            "(filling 100,000 stories takes minutes).",
        )

    def handle(self, *args, **options):
        if options["devices"] < 2 or options["events"] < 1:
            raise CommandError("Give at least 2 devices and 1 event to embed.")
        if options["stories"] < 1:
            raise CommandError("Give at least one story.")
        # Slugs are numbered from zero: a second run would collide.
        present = Article.objects.filter(slug__startswith="bench-story-").count()
        if present and options["keep"] and present == options["stories"]:
            self.stdout.write(f"  Kept the {present} stories already here.")
            return
        if present:
            raise CommandError(
                f"This database already holds benchmark data ({present} stories)."
            )
        ScaleData(
            stories=options["stories"],
            devices=options["devices"],
            events=options["events"],
            seed=options["seed"],
            processes=options["processes"],
            out=lambda message: self.stdout.write(f"  {message}"),
        ).build()
