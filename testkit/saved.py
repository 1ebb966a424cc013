"""What the database holds after simulated learners ticked: every acknowledged tick, or not."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy

from testkit.reflex_client import ProgressLearner


@dataclass
class SavedCheck:
    acked: int = 0
    saved: int = 0
    final_mismatches: int = 0
    unknown_learners: int = 0

    @property
    def lost(self) -> int:
        return self.acked - self.saved

    @property
    def ok(self) -> bool:
        return self.saved == self.acked and not self.final_mismatches and not self.unknown_learners


def database_engine(db: str) -> sqlalchemy.Engine:
    """An engine for a SQLAlchemy URL, or read-only for the path of a SQLite file."""
    if "://" in db:
        return sqlalchemy.create_engine(db, poolclass=sqlalchemy.NullPool)
    return sqlalchemy.create_engine(
        f"sqlite:///file:{db}?mode=ro&uri=true", poolclass=sqlalchemy.NullPool
    )


def learner_id(db: sqlalchemy.Connection, learner_token: str) -> int | None:
    """The database id of the anonymous learner holding ``learner_token``."""
    digest = hashlib.sha256(learner_token.encode("ascii")).hexdigest()
    return db.execute(
        sqlalchemy.text("SELECT id FROM learner WHERE token_digest = :digest"), {"digest": digest}
    ).scalar()


def stored_statuses(db: sqlalchemy.Connection, learner: int) -> dict[str, str]:
    """A learner's statuses as the checklist shows them (not-started rows left out)."""
    rows = db.execute(
        sqlalchemy.text(
            "SELECT item_slug, status FROM item_progress "
            "WHERE learner_id = :learner AND status != 'not_started'"
        ),
        {"learner": learner},
    )
    return dict(rows.all())


def check_saved(db: str, learners: Iterable[ProgressLearner]) -> SavedCheck:
    """Which acknowledged ticks the database holds.

    ``db`` is the path of a SQLite file or a SQLAlchemy URL (PostgreSQL for the cluster).
    A learner has one tick in flight and every tick changes the item's status, so the
    learner's history (``progress_event``, in id order) must hold each acknowledged tick, in
    order, as a change to ``done`` or ``not_started`` (ticks that were never acknowledged may
    sit between them); and ``item_progress`` must end where the tab's last ``statuses`` did.
    """
    result = SavedCheck()
    engine = database_engine(db)
    try:
        with engine.connect() as connection:
            for learner in learners:
                result.acked += len(learner.acked)
                found = learner_id(connection, learner.learner_token)
                if found is None:
                    result.unknown_learners += 1
                    continue
                history = connection.execute(
                    sqlalchemy.text(
                        "SELECT item_slug, to_status FROM progress_event "
                        "WHERE learner_id = :learner ORDER BY id"
                    ),
                    {"learner": found},
                )
                events = iter(history.all())
                for tick in learner.acked:
                    wanted = (tick.item_slug, "done" if tick.done else "not_started")
                    if any(event == wanted for event in events):
                        result.saved += 1
                result.final_mismatches += stored_statuses(connection, found) != learner.statuses
    finally:
        engine.dispose()
    return result
