"""Progress history: the event log of status changes, so they can be listed and undone.

Changes made together share a batch id. This module only reads and writes events; putting
statuses back (undo) and changing them (set, reset) is ``services.progress``, the one
writer of statuses, which records every change here. It imports no other service.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlmodel import Session, col, select

from fullstack_guide.models import ProgressEvent, utcnow
from fullstack_guide.services.clock import as_utc

BATCH_MAX_LENGTH = 32


def new_batch() -> str:
    """A fresh batch id, for grouping several changes under one undo."""
    return uuid.uuid4().hex


def checked_batch(batch: str) -> str:
    """``batch`` itself, once it is known to fit the history's batch column."""
    if not isinstance(batch, str) or not 0 < len(batch) <= BATCH_MAX_LENGTH:
        raise ValueError(f"A batch id must be 1 to {BATCH_MAX_LENGTH} characters long.")
    return batch


def record_change(
    session: Session,
    learner_id: int,
    item_slug: str,
    from_status: str,
    to_status: str,
    batch: str,
    now: datetime | None = None,
) -> ProgressEvent:
    """Write one status change to the history (the caller changes the row itself)."""
    event = ProgressEvent(
        learner_id=learner_id,
        item_slug=item_slug,
        from_status=from_status,
        to_status=to_status,
        batch=checked_batch(batch),
        created_at=utcnow() if now is None else as_utc(now),
    )
    session.add(event)
    return event


def recent_events(session: Session, learner_id: int, limit: int = 50) -> list[ProgressEvent]:
    """The learner's latest changes, newest first, undone ones included (``undone_at`` set)."""
    if limit < 1:
        return []
    return list(
        session.exec(
            select(ProgressEvent)
            .where(ProgressEvent.learner_id == learner_id)
            .order_by(col(ProgressEvent.created_at).desc(), col(ProgressEvent.id).desc())
            .limit(limit)
        ).all()
    )


def newest_open_batch(session: Session, learner_id: int) -> str | None:
    """The learner's newest batch that has not been undone, if any."""
    return session.exec(
        select(ProgressEvent.batch)
        .where(ProgressEvent.learner_id == learner_id, col(ProgressEvent.undone_at).is_(None))
        .order_by(col(ProgressEvent.created_at).desc(), col(ProgressEvent.id).desc())
        .limit(1)
    ).first()


def open_events(session: Session, learner_id: int, batch: str) -> list[ProgressEvent]:
    """The events of one of the learner's batches not yet undone, newest first."""
    return list(
        session.exec(
            select(ProgressEvent)
            .where(
                ProgressEvent.learner_id == learner_id,
                ProgressEvent.batch == batch,
                col(ProgressEvent.undone_at).is_(None),
            )
            .order_by(col(ProgressEvent.created_at).desc(), col(ProgressEvent.id).desc())
        ).all()
    )


def mark_undone(session: Session, events: list[ProgressEvent], now: datetime) -> None:
    """Mark events as undone (the caller has put their ``from_status`` back)."""
    for event in events:
        event.undone_at = now
        session.add(event)
