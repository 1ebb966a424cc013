"""Progress history: every status change as an event, so changes can be listed and undone.

Changes made together share a batch id; undo reverts the newest batch that is still in
effect, all of it at once, and marks its events undone instead of recording new ones.
Undo is a stack: undoing twice reverts the last two batches.

A reset sends every touched item back to not started in one batch. It keeps each done
item's review step and due date on the row (nothing reads them while the item is not
done), so undoing the reset brings the review schedule back exactly as it was. A single
change away from done drops the due date, so undoing that resumes the schedule at the
item's kept step, one interval from the moment of the undo.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from fullstack_guide.content import Content
from fullstack_guide.models import ItemProgress, ProgressEvent, utcnow
from fullstack_guide.services import progress, review
from fullstack_guide.services.clock import as_utc

BATCH_MAX_LENGTH = 32


@dataclass(frozen=True)
class UndoResult:
    """What an undo reverted: the batch, its items (checklist order) and how many."""

    batch: str
    item_slugs: tuple[str, ...]
    count: int


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


def undo_last(
    session: Session, content: Content, learner_id: int, now: datetime | None = None
) -> UndoResult | None:
    """Revert the learner's newest batch still in effect; ``None`` when there is none.

    Every event of the batch is reverted, newest first, by putting its ``from_status``
    back on the row; no new events are recorded, the batch's events are marked undone.
    """
    now = utcnow() if now is None else as_utc(now)
    newest = session.exec(
        select(ProgressEvent.batch)
        .where(ProgressEvent.learner_id == learner_id, col(ProgressEvent.undone_at).is_(None))
        .order_by(col(ProgressEvent.created_at).desc(), col(ProgressEvent.id).desc())
        .limit(1)
    ).first()
    if newest is None:
        return None
    events = session.exec(
        select(ProgressEvent)
        .where(
            ProgressEvent.learner_id == learner_id,
            ProgressEvent.batch == newest,
            col(ProgressEvent.undone_at).is_(None),
        )
        .order_by(col(ProgressEvent.created_at).desc(), col(ProgressEvent.id).desc())
    ).all()
    for event in events:
        _restore(session, learner_id, event.item_slug, event.from_status, now)
        event.undone_at = now
        session.add(event)
    session.flush()
    slugs = _in_checklist_order(content, {event.item_slug for event in events})
    return UndoResult(batch=newest, item_slugs=slugs, count=len(slugs))


def reset_all(
    session: Session, content: Content, learner_id: int, now: datetime | None = None
) -> str:
    """Send every item the learner has touched back to not started, as one undoable batch.

    Rows for items the content no longer has are reset too. Review schedules stay on the
    rows so an undo restores them. Returns the batch id, or ``""`` when nothing needed
    resetting (no batch is recorded then, so an undo would revert the change before).
    """
    now = utcnow() if now is None else as_utc(now)
    rows = session.exec(
        select(ItemProgress).where(
            ItemProgress.learner_id == learner_id, ItemProgress.status != progress.NOT_STARTED
        )
    ).all()
    if not rows:
        return ""
    batch = new_batch()
    order = {item.slug: i for i, item in enumerate(content.items)}
    for row in sorted(rows, key=lambda r: (order.get(r.item_slug, len(order)), r.item_slug)):
        record_change(
            session, learner_id, row.item_slug, row.status, progress.NOT_STARTED, batch, now
        )
        row.status = progress.NOT_STARTED
        row.updated_at = now
        session.add(row)
    session.flush()
    return batch


def _restore(session: Session, learner_id: int, item_slug: str, status: str, now: datetime) -> None:
    """Put ``status`` back on the learner's row without recording a change."""
    row = progress.find_row(session, learner_id, item_slug) or ItemProgress(
        learner_id=learner_id, item_slug=item_slug, status=progress.NOT_STARTED
    )
    if status == progress.DONE and row.status != progress.DONE:
        review.resume_schedule(row, now)
    elif status != progress.DONE and row.status == progress.DONE:
        review.pause_schedule(row)
    row.status = status
    row.updated_at = now
    session.add(row)


def _in_checklist_order(content: Content, slugs: set[str] | frozenset[str]) -> tuple[str, ...]:
    """``slugs`` in checklist order, any the content does not know sorted after them."""
    known = [item.slug for item in content.items if item.slug in slugs]
    return (*known, *sorted(set(slugs) - set(known)))
