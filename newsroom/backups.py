"""Back up and restore the site with django-dbbackup: the database and the media.

A backup is a folder `BACKUP_DIR/newsroom-<UTC time>/` holding dbbackup's
database dump (`database.sqlite3` from SQLite's online backup API, or
`database.psql.bin`, a `pg_dump` custom archive) with its `.metadata`, and
`media.tar.gz` from dbbackup's `mediabackup`. The `backup` and `restore`
commands only name the folder and run dbbackup's commands into it.
"""

import shutil
import sqlite3
import tempfile
from pathlib import Path

from dbbackup.db.sqlite import SqliteBackupConnector
from django.conf import settings
from django.test.utils import override_settings

MEDIA_ARCHIVE = "media.tar.gz"
DATABASE_STEM = "database"


class SqliteOnlineConnector(SqliteBackupConnector):
    """dbbackup's SQLite connector, restoring through SQLite's backup API.

    dbbackup's own restore rewrites the database file under the open
    connections; copying pages into the live connection is safe while the
    site runs, and works for an in-memory test database too."""

    def restore_dump(self, dump):
        with tempfile.NamedTemporaryFile(suffix=".sqlite3") as copy:
            shutil.copyfileobj(dump, copy)
            copy.flush()
            self.connection.ensure_connection()
            source = sqlite3.connect(copy.name)
            try:
                source.backup(self.connection.connection)
            finally:
                source.close()


def database_dump(folder: Path) -> Path | None:
    """The database dump in a backup folder (the file dbbackup described)."""
    for metadata in sorted(Path(folder).glob(f"{DATABASE_STEM}.*.metadata")):
        dump = metadata.with_suffix("")
        if dump.is_file():
            return dump
    return None


def newest_backup(destination: Path) -> Path | None:
    folders = sorted(p for p in Path(destination).glob("newsroom-*") if p.is_dir())
    return folders[-1] if folders else None


def swap_in_media(restore):
    """Run `restore` into an empty folder beside MEDIA_ROOT, then swap that
    folder in: a failed restore leaves today's media untouched, and files
    added since the backup go (dbbackup's mediarestore only adds)."""
    media_root = Path(settings.MEDIA_ROOT)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".restoring-", dir=media_root.parent))
    try:
        # The default storage reads MEDIA_ROOT when the setting changes.
        with override_settings(MEDIA_ROOT=staging):
            restore()
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    previous = media_root.with_name(f".{media_root.name}-before-restore")
    shutil.rmtree(previous, ignore_errors=True)
    if media_root.exists():
        media_root.rename(previous)
    staging.rename(media_root)
    shutil.rmtree(previous, ignore_errors=True)
