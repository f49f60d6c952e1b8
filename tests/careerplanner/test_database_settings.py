"""The database options: on SQLite, writers wait for each other (issue 10, section 2); PostgreSQL is left as it is.

tests/roadmap/test_races.py shows what they are for, with requests at once on a file database.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHOW = """
import json
import django
django.setup()
from django.db import connection
shown = {"options": connection.settings_dict["OPTIONS"]}
if connection.vendor == "sqlite":
    with connection.cursor() as cursor:
        shown["pragmas"] = [
            cursor.execute(f"PRAGMA {name}").fetchone()[0] for name in ("journal_mode", "synchronous", "busy_timeout")
        ]
print(json.dumps(shown))
"""


def _database_with(url: str) -> dict:
    """The default database's options in a fresh process (production settings) with this DATABASE_URL."""
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "careerplanner.settings",
        "DEBUG": "0",
        "SECRET_KEY": "database-settings-test",
        "DATABASE_URL": url,
    }
    done = subprocess.run([sys.executable, "-c", SHOW], cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_sqlite_takes_the_write_lock_at_the_start_of_a_transaction_and_waits_for_it(tmp_path: Path) -> None:
    assert _database_with(f"sqlite:///{tmp_path / 'site.sqlite3'}") == {
        "options": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        },
        # WAL, synchronous NORMAL (1), and the 20 s wait for the lock, in milliseconds.
        "pragmas": ["wal", 1, 20000],
    }


def test_postgresql_gets_none_of_the_sqlite_options() -> None:
    assert _database_with("postgres://someone:secret@db.internal:5432/careerplanner") == {"options": {}}
