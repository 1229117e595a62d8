from functools import partial
from pathlib import Path

from dbbackup.db.exceptions import CommandConnectorError
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from newsroom.backups import MEDIA_ARCHIVE, database_dump, newest_backup, swap_in_media


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

    def handle(self, *args, backup, database, interactive, verbosity, **options):
        source = backup or newest_backup(settings.BACKUP_DIR)
        if source is None:
            raise CommandError(f"No backups in {settings.BACKUP_DIR}.")
        dump, media = database_dump(source), Path(source) / MEDIA_ARCHIVE
        if dump is None or not media.is_file():
            raise CommandError(
                f"{source} is not a Newsroom backup: it lacks the database dump "
                f"or {MEDIA_ARCHIVE}."
            )
        if interactive:
            try:
                answer = input(
                    f"Replace the current database and media with {source}? "
                    "Everything changed since that backup is lost. Type 'yes': "
                )
            except EOFError:  # no terminal: cron, CI, a closed stdin
                answer = ""
            if answer != "yes":
                raise CommandError("Restore cancelled; nothing changed.")
        restore = partial(
            call_command, interactive=False, verbosity=verbosity, quiet=verbosity < 2
        )
        try:
            restore("dbrestore", database=database, input_path=str(dump))
            swap_in_media(
                partial(restore, "mediarestore", input_path=str(media), uncompress=True)
            )
        except CommandConnectorError as error:
            raise CommandError(f"Restore failed: {error}") from error
        self.stdout.write(f"Restored {source}.")
