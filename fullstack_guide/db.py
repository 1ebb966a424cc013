"""Database plumbing shared by every session the app opens.

SQLite gets WAL journaling (readers never block the writer), a busy timeout (a second writer
waits instead of failing at once) and enforced foreign keys. The listener is attached to the
Engine class, so it covers Reflex's own engine as well as any the tests create.

SQLite takes one writer at a time. Threads of this process that want to write queue on
:data:`SQLITE_WRITE_LOCK` from their first write statement until the connection goes back
to the pool (a session returns it right after its commit or rollback),
instead of in SQLite's busy handler, which sleeps up to 100 ms between retries: under load
that sleeping, not the writing, was most of a tick's latency. Reads never take the lock.
Other processes (a backup, a second server) still meet the busy timeout.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Iterator

import sqlalchemy
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import Pool
from sqlmodel import Session

logger = logging.getLogger(__name__)

SQLITE_BUSY_TIMEOUT_MS = 5000
SQLITE_WRITE_LOCK = threading.Lock()
_HOLDS_WRITE_LOCK = "fsg_holds_write_lock"
_READ_ONLY_PREFIXES = ("SELECT", "PRAGMA", "WITH", "EXPLAIN")


def _is_sqlite(dbapi_connection) -> bool:
    return type(dbapi_connection).__module__.startswith(("sqlite3", "pysqlite"))


@event.listens_for(Engine, "before_cursor_execute")
def _queue_sqlite_writers(conn, _cursor, statement, _params, _context, _many) -> None:
    if conn.info.get(_HOLDS_WRITE_LOCK) or conn.dialect.name != "sqlite":
        return
    if statement.lstrip()[:7].upper().startswith(_READ_ONLY_PREFIXES):
        return
    # A lock left held by a bug must not stop every writer: after the busy timeout, go on
    # and let SQLite's own locking decide.
    if SQLITE_WRITE_LOCK.acquire(timeout=SQLITE_BUSY_TIMEOUT_MS / 1000):
        conn.info[_HOLDS_WRITE_LOCK] = True
    else:
        logger.warning(
            "SQLite write lock not free after %s ms; writing anyway", SQLITE_BUSY_TIMEOUT_MS
        )


def _release_write_lock(info: dict) -> None:
    if info.pop(_HOLDS_WRITE_LOCK, False):
        SQLITE_WRITE_LOCK.release()


@event.listens_for(Pool, "checkin")
def _connection_returned(_dbapi_connection, record) -> None:
    """Sessions hand their connection back once committed or rolled back: the write is over."""
    if record is not None:
        _release_write_lock(record.info)


@event.listens_for(Engine, "connect")
def _configure_sqlite(dbapi_connection, _record) -> None:
    if not _is_sqlite(dbapi_connection):
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


def worker_threads() -> int | None:
    """How many threads do the app's database work: one on SQLite, the pool's default elsewhere.

    SQLite takes one writer at a time, so a second thread only waits on
    :data:`SQLITE_WRITE_LOCK` while it competes with the event loop for the interpreter lock:
    with 200 learners ticking once a second, the tick's p99 was lower with one thread than
    with the pool's default six in every paired run (``docs/performance.md``). PostgreSQL
    takes writers in parallel.
    """
    return 1 if get_engine().dialect.name == "sqlite" else None


def _call_in_session(fn, args, kwargs):
    with session_scope() as session:
        return fn(session, *args, **kwargs)


async def run_in_session(fn, *args, **kwargs):
    """Run ``fn(session, *args, **kwargs)`` in one transaction on a worker thread.

    Reflex runs async handlers on the event loop that serves every tab on this worker;
    database work (and password hashing) goes to a thread so it never stalls them.
    """
    return await asyncio.to_thread(_call_in_session, fn, args, kwargs)
