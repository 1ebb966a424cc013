"""Back up and restore the app's database while the app keeps running.

    python -m scripts.backup backup [--to FILE]      # default: backups/<name>-<UTC time>
    python -m scripts.backup restore FILE

SQLite uses its online backup API (a consistent copy even while the app writes);
PostgreSQL uses pg_dump / pg_restore in their custom format, the password handed over in a
private passfile (PGPASSFILE), never on the command line where ``ps`` shows it. Backups are
written with umask 077 into a 0700 folder. The database comes from REFLEX_DB_URL or
rxconfig.py, like the app's own.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import URL, make_url

BACKUP_DIR = Path("backups")


def database_url() -> str:
    from reflex.config import get_config

    return get_config().db_url


def _sqlite_path(url: str) -> Path:
    database = make_url(url).database
    if not database:
        raise SystemExit("in-memory SQLite databases cannot be backed up")
    return Path(database)


def _passfile_line(password: str) -> str:
    """A ~/.pgpass line matching any server, with ``:`` and ``\\`` escaped as libpq expects."""
    escaped = password.replace("\\", "\\\\").replace(":", "\\:")
    return f"*:*:*:*:{escaped}\n"


@contextlib.contextmanager
def _pg_connection(url: str) -> Iterator[tuple[str, dict[str, str]]]:
    """The libpq URL without its password, and an environment whose PGPASSFILE holds it."""
    parsed = make_url(url)
    env = dict(os.environ)
    with tempfile.TemporaryDirectory(prefix="fsg-pgpass-") as private:  # mode 0700
        if parsed.password is not None:
            passfile = Path(private) / "pgpass"
            passfile.touch(mode=0o600)
            passfile.write_text(_passfile_line(str(parsed.password)))
            env["PGPASSFILE"] = str(passfile)
        env.pop("PGPASSWORD", None)
        bare = URL.create(
            "postgresql",
            username=parsed.username,
            host=parsed.host,
            port=parsed.port,
            database=parsed.database,
            query=parsed.query,
        )
        yield bare.render_as_string(hide_password=False), env


@contextlib.contextmanager
def _private_files() -> Iterator[None]:
    """Everything created inside is readable by its owner only (umask 077)."""
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)


def _private_folder(folder: Path, *, tighten: bool) -> None:
    """Create ``folder`` as 0700; ``tighten`` an existing one too (our own ``backups/`` only)."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if tighten:
        folder.chmod(0o700)


def backup(url: str, target: Path | None = None) -> Path:
    """Write a consistent copy of the database, readable by its owner only; return its path."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    suffix = ".db" if url.startswith("sqlite") else ".dump"
    default = target is None
    target = target or BACKUP_DIR / f"fullstack_guide-{stamp}{suffix}"
    with _private_files():
        _private_folder(target.parent, tighten=default)
        if url.startswith("sqlite"):
            with sqlite3.connect(_sqlite_path(url)) as source, sqlite3.connect(target) as copy:
                source.backup(copy)
            copy.close()
            return target
        with _pg_connection(url) as (pg_url, env):
            subprocess.run(
                ["pg_dump", "--format=custom", "--file", str(target), pg_url], check=True, env=env
            )
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
    with _pg_connection(url) as (pg_url, env):
        subprocess.run(
            [
                *("pg_restore", "--clean", "--if-exists", "--no-owner"),
                *("--dbname", pg_url, str(source)),
            ],
            check=True,
            env=env,
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
