"""Back up and restore the whole site: the database and the uploaded media.

A backup is a folder named after its UTC time, holding the database (an
SQLite copy made with SQLite's online backup API, or a `pg_dump -Fc` custom
archive), `media.tar.gz` and `manifest.json`. Backups are taken while the site
runs; a restore replaces the database and the media folder with the backup's.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import connections

MANIFEST = "manifest.json"
MEDIA_ARCHIVE = "media.tar.gz"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why."""


def _connection(alias):
    connection = connections[alias]
    if connection.vendor not in DATABASE_FILES:
        raise BackupError(
            f"Backups support SQLite and PostgreSQL, not {connection.vendor}."
        )
    return connection


def _postgres_environment(settings_dict):
    """libpq variables for pg_dump/pg_restore, so no password is on a command line."""
    environment = dict(os.environ)
    mapping = {
        "HOST": "PGHOST",
        "PORT": "PGPORT",
        "USER": "PGUSER",
        "NAME": "PGDATABASE",
    }
    for key, variable in mapping.items():
        if settings_dict.get(key):
            environment[variable] = str(settings_dict[key])
    if settings_dict.get("PASSWORD"):
        environment["PGPASSWORD"] = settings_dict["PASSWORD"]
    return environment


def _run(command, environment):
    if shutil.which(command[0]) is None:
        raise BackupError(
            f"{command[0]} is not installed; install the PostgreSQL client tools "
            "(Debian: apt-get install postgresql-client)."
        )
    result = subprocess.run(command, env=environment, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def _backup_database(connection, target):
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            # The online backup API copies a consistent snapshot while the
            # site keeps reading and writing.
            connection.connection.backup(copy)
        copy.close()
    else:
        _run(
            ["pg_dump", "--format=custom", "--no-owner", f"--file={target}"],
            _postgres_environment(connection.settings_dict),
        )


def _restore_database(connection, source):
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(source) as backup:
            backup.backup(connection.connection)
        backup.close()
    else:
        connection.close()  # pg_restore --clean drops the tables it replaces
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--exit-on-error",
                f"--dbname={connection.settings_dict['NAME']}",
                str(source),
            ],
            _postgres_environment(connection.settings_dict),
        )


def _backup_media(media_root, target):
    with tarfile.open(target, "w:gz") as archive:
        if media_root.exists():
            for path in sorted(media_root.rglob("*")):
                archive.add(path, arcname=path.relative_to(media_root), recursive=False)


def _restore_media(source, media_root):
    """Unpack beside the media folder, then swap it in, so a failed unpack
    leaves the current media untouched."""
    media_root.parent.mkdir(parents=True, exist_ok=True)
    unpacked = Path(tempfile.mkdtemp(prefix=".restoring-", dir=media_root.parent))
    with tarfile.open(source, "r:gz") as archive:
        archive.extractall(unpacked, filter="data")  # refuses ../ and links out
    if media_root.exists():
        previous = media_root.with_name(f".{media_root.name}-before-restore")
        shutil.rmtree(previous, ignore_errors=True)
        media_root.rename(previous)
        unpacked.rename(media_root)
        shutil.rmtree(previous)
    else:
        unpacked.rename(media_root)


def create_backup(*, destination: Path, database: str = "default") -> Path:
    """Write a new backup folder under `destination` and return its path."""
    connection = _connection(database)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    folder = Path(destination) / f"newsroom-{stamp}"
    folder.mkdir(parents=True)
    database_file = DATABASE_FILES[connection.vendor]
    try:
        _backup_database(connection, folder / database_file)
        _backup_media(Path(settings.MEDIA_ROOT), folder / MEDIA_ARCHIVE)
    except Exception:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    manifest = {
        "created_at": datetime.now(UTC).isoformat(),
        "database_vendor": connection.vendor,
        "database_file": database_file,
        "media_archive": MEDIA_ARCHIVE,
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    return folder


def restore_backup(*, source: Path, database: str = "default") -> dict:
    """Replace the database and media with those of the backup `source`."""
    source = Path(source)
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{source} is not a Newsroom backup: {error}") from error
    connection = _connection(database)
    if manifest["database_vendor"] != connection.vendor:
        raise BackupError(
            f"This backup is of a {manifest['database_vendor']} database; the "
            f"site now uses {connection.vendor}. Restore it into the same kind."
        )
    _restore_database(connection, source / manifest["database_file"])
    _restore_media(source / manifest["media_archive"], Path(settings.MEDIA_ROOT))
    return manifest


def latest_backup(destination: Path) -> Path:
    found = sorted(Path(destination).glob("newsroom-*/" + MANIFEST))
    if not found:
        raise BackupError(f"No backups in {destination}.")
    return found[-1].parent
