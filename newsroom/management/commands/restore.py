from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from newsroom.backups import BackupError, latest_backup, restore_backup


class Command(BaseCommand):
    help = (
        "Replace the database and uploaded media with a backup made by "
        "`backup` (the newest one in BACKUP_DIR unless a folder is given)."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", nargs="?", type=Path)
        parser.add_argument("--database", default="default")
        parser.add_argument(
            "--no-input", action="store_false", dest="interactive", default=True
        )

    def handle(self, *args, backup, database, interactive, **options):
        try:
            source = backup or latest_backup(settings.BACKUP_DIR)
            if interactive:
                answer = input(
                    f"Replace the current database and media with {source}? "
                    "Everything changed since that backup is lost. Type 'yes': "
                )
                if answer != "yes":
                    raise CommandError("Restore cancelled; nothing changed.")
            manifest = restore_backup(source=source, database=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored {source} (taken {manifest['created_at']}).")
