from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from newsroom.backups import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Back up the database and uploaded media into a new timestamped folder "
        "under BACKUP_DIR (or --output-dir). Safe while the site is running."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output-dir", type=Path, default=settings.BACKUP_DIR)
        parser.add_argument("--database", default="default")

    def handle(self, *args, output_dir, database, **options):
        try:
            folder = create_backup(destination=output_dir, database=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(folder))
