"""python manage.py backup [FILE]: a consistent copy of the SQLite database while it serves.

SQLite's online backup API (sqlite3.Connection.backup) copies page by page under the
database's own locks, so the copy is whole even while gunicorn writes; copying the file
(and its -wal file) with cp is not. PostgreSQL has pg_dump for this (README, "Back-ups").
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections
from django.utils import timezone


def backup_sqlite(source_path: Path, target: Path) -> None:
    """Copy the database at `source_path` into a new file at `target`, and check the copy.

    Its own read connection: in WAL mode it reads the last commit while the site writes.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    source = sqlite3.connect(f"{source_path.resolve().as_uri()}?mode=ro", uri=True, timeout=20)
    copy = sqlite3.connect(partial)
    try:
        source.backup(copy, pages=1024)
        (verdict,) = copy.execute("PRAGMA integrity_check").fetchone()
    finally:
        copy.close()
        source.close()
    if verdict != "ok":
        partial.unlink(missing_ok=True)
        raise CommandError(f"The copy failed SQLite's integrity check: {verdict}")
    partial.replace(target)  # whole or not at all


class Command(BaseCommand):
    help = "Back up the SQLite database with SQLite's online backup API."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file",
            nargs="?",
            help="Where to write the copy (default: DATA_DIR/backups/rothsite-<time>.sqlite3).",
        )
        parser.add_argument("--database", default="default")

    def handle(self, *args: Any, **options: Any) -> None:
        connection = connections[options["database"]]
        if connection.vendor != "sqlite":
            raise CommandError(
                "The database is not SQLite: back PostgreSQL up with pg_dump (README, Back-ups)."
            )
        name = str(connection.settings_dict["NAME"])
        if connection.is_in_memory_db() or not Path(name).is_file():
            raise CommandError(f"No SQLite database file at {name} to back up.")
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        default = Path(settings.DATA_DIR) / "backups" / f"rothsite-{stamp}.sqlite3"
        target = Path(options["file"] or default)
        backup_sqlite(Path(name), target)
        self.stdout.write(f"Backed up to {target}")
