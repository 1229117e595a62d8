"""Folders the site writes to, made when they are needed, not on import.

Importing settings must not touch the disk (a read-only checkout, a tool
that only reads the configuration); the SQLite file's folder is made when
the apps are ready, before any connection opens.
"""

from pathlib import Path


def make_database_folders(databases: dict) -> None:
    """Create the folder of every SQLite database file that needs one."""
    for database in databases.values():
        name = str(database.get("NAME") or "")
        if not database["ENGINE"].endswith("sqlite3"):
            continue
        if not name or name == ":memory:" or name.startswith("file:"):
            continue
        Path(name).parent.mkdir(parents=True, exist_ok=True)
