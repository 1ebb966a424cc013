"""Database plumbing shared by every session the app opens.

SQLite gets WAL journaling (readers never block the writer), a busy timeout (a second writer
waits instead of failing at once) and enforced foreign keys. The listener is attached to the
Engine class, so it covers Reflex's own engine as well as any the tests create.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator

import sqlalchemy
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session

SQLITE_BUSY_TIMEOUT_MS = 5000


@event.listens_for(Engine, "connect")
def _configure_sqlite(dbapi_connection, _record) -> None:
    module = type(dbapi_connection).__module__
    if not module.startswith(("sqlite3", "pysqlite")):
        return
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


def get_engine() -> sqlalchemy.Engine:
    """Reflex's engine for the configured ``db_url`` (``REFLEX_DB_URL`` overrides it)."""
    from reflex.model import get_engine as reflex_engine

    return reflex_engine()


@contextlib.contextmanager
def session_scope() -> Iterator[Session]:
    """A session that commits on success and rolls back on any error."""
    with Session(get_engine(), expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def _call_in_session(fn, args, kwargs):
    with session_scope() as session:
        return fn(session, *args, **kwargs)


async def run_in_session(fn, *args, **kwargs):
    """Run ``fn(session, *args, **kwargs)`` in one transaction on a worker thread.

    Reflex runs async handlers on the event loop that serves every tab on this worker;
    database work (and password hashing) goes to a thread so it never stalls them.
    """
    return await asyncio.to_thread(_call_in_session, fn, args, kwargs)
