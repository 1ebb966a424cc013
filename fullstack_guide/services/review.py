"""Spaced review: done items come back after growing intervals so they stay learned.

The schedule's rules live in ``services.schedule``. Remembering a due item moves it one
step further out (the last interval repeats); forgetting it is a status change, so it is
``progress.mark_forgotten``, recorded in the history and undoable.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from fullstack_guide.models import ItemProgress, Status, utcnow
from fullstack_guide.services import progress
from fullstack_guide.services.clock import as_utc
from fullstack_guide.services.schedule import REVIEW_INTERVALS_DAYS, NotDueError, advance

__all__ = ["REVIEW_INTERVALS_DAYS", "NotDueError", "due_reviews", "mark_remembered"]


def due_reviews(session: Session, learner_id: int, now: datetime | None = None) -> list[str]:
    """Slugs of the learner's done items whose review is due, the longest-waiting first."""
    now = utcnow() if now is None else as_utc(now)
    rows = session.exec(
        select(ItemProgress.item_slug, ItemProgress.review_due_at).where(
            ItemProgress.learner_id == learner_id,
            ItemProgress.status == Status.DONE,
            col(ItemProgress.review_due_at).is_not(None),
        )
    ).all()
    due = sorted((as_utc(at), slug) for slug, at in rows if at is not None and as_utc(at) <= now)
    return [slug for _, slug in due]


def mark_remembered(
    session: Session, learner_id: int, item_slug: str, now: datetime | None = None
) -> ItemProgress:
    """The learner still knows a due item: move it one interval further out.

    Raises:
        NotDueError: the item is not done, or done but not due yet.
    """
    now = utcnow() if now is None else as_utc(now)
    row = progress.due_row(session, learner_id, item_slug, now)
    advance(row, now)
    session.add(row)
    session.flush()
    return row
