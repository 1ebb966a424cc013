"""What the database must look like after a fault, on SQLite and PostgreSQL alike.

A status change writes two rows in one transaction (``services.progress.set_status``): the
``item_progress`` row and a ``progress_event`` history row whose ``to_status`` is the new
status. A change half-written by a dying server would leave a row without its event or an
event without its row; so after any fault every row's status must be the ``to_status`` of
its item's newest event, and every event's item must have a row. (The fault tests never undo,
which puts back a ``from_status`` without a new event.)
"""

from __future__ import annotations

import sqlite3

from sqlalchemy import text

from testkit.saved import database_engine

ROWS_WITHOUT_THEIR_EVENT = text(
    """
    SELECT p.learner_id, p.item_slug, p.status, e.to_status
    FROM item_progress AS p
    LEFT JOIN progress_event AS e ON e.id = (
        SELECT MAX(id) FROM progress_event
        WHERE learner_id = p.learner_id AND item_slug = p.item_slug
    )
    WHERE e.id IS NULL OR e.to_status != p.status
    """
)
EVENTS_WITHOUT_THEIR_ROW = text(
    """
    SELECT DISTINCT e.learner_id, e.item_slug
    FROM progress_event AS e
    LEFT JOIN item_progress AS p
        ON p.learner_id = e.learner_id AND p.item_slug = e.item_slug
    WHERE p.id IS NULL
    """
)


def half_written(db: str) -> list[tuple]:
    """Status changes that are not whole: see the module docstring. Empty when all are."""
    engine = database_engine(db)
    try:
        with engine.connect() as connection:
            rows = connection.execute(ROWS_WITHOUT_THEIR_EVENT).all()
            events = connection.execute(EVENTS_WITHOUT_THEIR_ROW).all()
    finally:
        engine.dispose()
    return [tuple(row) for row in [*rows, *events]]


def count(db: str, table: str) -> int:
    engine = database_engine(db)
    try:
        with engine.connect() as connection:
            return connection.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one()
    finally:
        engine.dispose()


def sqlite_integrity(path: str) -> str:
    """``PRAGMA integrity_check`` of a SQLite file (``ok`` when sound), plus foreign keys."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        result = ", ".join(row[0] for row in db.execute("PRAGMA integrity_check"))
        orphans = db.execute("PRAGMA foreign_key_check").fetchall()
    return result if not orphans else f"{result}; {len(orphans)} foreign key violations"
