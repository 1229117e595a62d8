import shutil
from datetime import UTC, datetime
from pathlib import Path

from dbbackup.db.base import get_connector
from dbbackup.db.exceptions import CommandConnectorError
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from newsroom.backups import DATABASE_STEM, MEDIA_ARCHIVE


class Command(BaseCommand):
    help = (
        "Back up the database and uploaded media (django-dbbackup's dbbackup and "
        "mediabackup) into a new timestamped folder under BACKUP_DIR (or "
        "--output-dir). Safe while the site is running."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output-dir", type=Path, default=None)
        parser.add_argument("--database", default="default")

    def handle(self, *args, output_dir, database, verbosity, **options):
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        folder = Path(output_dir or settings.BACKUP_DIR) / f"newsroom-{stamp}"
        folder.mkdir(parents=True)
        # mediabackup lists the media folder, which a fresh checkout lacks.
        Path(settings.MEDIA_ROOT).mkdir(parents=True, exist_ok=True)
        quiet = {"verbosity": verbosity, "quiet": verbosity < 2}
        dump = folder / f"{DATABASE_STEM}.{get_connector(database).extension}"
        try:
            call_command("dbbackup", database=database, output_path=str(dump), **quiet)
            call_command(
                "mediabackup",
                compress=True,
                output_path=str(folder / MEDIA_ARCHIVE),
                **quiet,
            )
        except (CommandConnectorError, OSError) as error:
            shutil.rmtree(folder, ignore_errors=True)
            raise CommandError(f"Backup failed: {error}") from error
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        self.stdout.write(str(folder))
