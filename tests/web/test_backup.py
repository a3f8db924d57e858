"""SQLite durability and back-ups (issue 17): synchronous=FULL, and `manage.py backup`
(`make backup`) writes a copy through SQLite's online backup API that opens as the same
data."""

from __future__ import annotations

import importlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

import rothsite.settings as settings_module
from planner.management.commands.backup import backup_sqlite

ROOT = Path(__file__).resolve().parents[2]


def test_sqlite_runs_with_synchronous_full(monkeypatch, tmp_path) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("DATA_DIR", str(tmp_path))
    try:
        options = importlib.reload(settings_module).DATABASES["default"]["OPTIONS"]
    finally:
        monkeypatch.undo()
        importlib.reload(settings_module)
    database = sqlite3.connect(tmp_path / "check.sqlite3")
    database.executescript(options["init_command"])
    assert database.execute("PRAGMA synchronous").fetchone() == (2,)  # 2: FULL
    assert database.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_a_backup_of_a_live_database_is_a_restorable_copy(tmp_path) -> None:
    live = sqlite3.connect(tmp_path / "live.sqlite3")
    live.executescript("PRAGMA journal_mode=WAL; CREATE TABLE plans (name TEXT);")
    live.executemany("INSERT INTO plans VALUES (?)", [(f"plan {n}",) for n in range(5000)])
    live.commit()
    live.execute("INSERT INTO plans VALUES ('not committed yet')")  # a write under way
    backup_sqlite(tmp_path / "live.sqlite3", tmp_path / "copy.sqlite3")
    live.rollback()
    restored = sqlite3.connect(tmp_path / "copy.sqlite3")
    assert restored.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert restored.execute("SELECT count(*) FROM plans").fetchone() == (5000,)
    assert not (tmp_path / "copy.sqlite3.partial").exists()


CREATE = (
    "from django.contrib.auth.models import User; from planner.models import Scenario; "
    "from tests.web.conftest import make_draft; "
    "u = User.objects.create_user('alice@example.org', 'alice@example.org', 'x-long-pass-1'); "
    "Scenario.create_from_draft(u, make_draft(), 'Roll the IRA in')"
)


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True
    )


def test_the_command_backs_up_the_sites_sqlite_file(tmp_path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="tests.settings")
    _manage(env, "migrate", "--noinput")
    _manage(env, "shell", "-c", CREATE)
    _manage(env, "backup", str(tmp_path / "backups" / "site.sqlite3"))
    restored = sqlite3.connect(tmp_path / "backups" / "site.sqlite3")
    assert restored.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    names = restored.execute("SELECT name FROM planner_scenario").fetchall()
    assert names == [("Roll the IRA in",)]
    emails = restored.execute("SELECT email FROM auth_user").fetchall()
    assert emails == [("alice@example.org",)]


def test_the_command_sends_postgresql_to_pg_dump(db, tmp_path) -> None:
    if connection.vendor == "sqlite":  # the test database is a file (tests/settings.py)
        call_command("backup", str(tmp_path / "copy.sqlite3"))
        copy = sqlite3.connect(tmp_path / "copy.sqlite3")
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    else:
        with pytest.raises(CommandError, match="pg_dump"):
            call_command("backup")
