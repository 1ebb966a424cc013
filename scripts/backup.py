"""Back up and restore the app's database while the app keeps running.

    python -m scripts.backup backup [--to FILE]      # default: backups/<name>-<UTC time>
    python -m scripts.backup restore FILE

SQLite uses its online backup API (a consistent copy even while the app writes);
PostgreSQL uses pg_dump / pg_restore in their custom format. The database comes from
REFLEX_DB_URL or rxconfig.py, like the app's own.
"""

from __future__ import annotations

import argparse
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import make_url

BACKUP_DIR = Path("backups")


def database_url() -> str:
    from reflex.config import get_config

    return get_config().db_url


def _sqlite_path(url: str) -> Path:
    database = make_url(url).database
    if not database:
        raise SystemExit("in-memory SQLite databases cannot be backed up")
    return Path(database)


def _pg_url(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def backup(url: str, target: Path | None = None) -> Path:
    """Write a consistent copy of the database and return its path."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    if url.startswith("sqlite"):
        target = target or BACKUP_DIR / f"fullstack_guide-{stamp}.db"
        target.parent.mkdir(parents=True, exist_ok=True)
        with sqlite3.connect(_sqlite_path(url)) as source, sqlite3.connect(target) as copy:
            source.backup(copy)
        copy.close()
        return target
    target = target or BACKUP_DIR / f"fullstack_guide-{stamp}.dump"
    target.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pg_dump", "--format=custom", "--file", str(target), _pg_url(url)], check=True)
    return target


def restore(url: str, source: Path) -> None:
    """Replace the database's contents with a backup made by :func:`backup`."""
    if not source.exists():
        raise SystemExit(f"no backup at {source}")
    if url.startswith("sqlite"):
        with sqlite3.connect(source) as backup_db, sqlite3.connect(_sqlite_path(url)) as live:
            backup_db.backup(live)
        live.close()
        return
    subprocess.run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--dbname",
            _pg_url(url),
            str(source),
        ],
        check=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    make = sub.add_parser("backup")
    make.add_argument("--to", type=Path)
    back = sub.add_parser("restore")
    back.add_argument("file", type=Path)
    args = parser.parse_args(argv)
    url = database_url()
    if args.command == "backup":
        print(f"backup written to {backup(url, args.to)}")
    else:
        restore(url, args.file)
        print(f"restored {args.file}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
