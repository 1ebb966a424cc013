"""Spaced review: done items come back after growing intervals so they stay learned.

A done item's ``review_step`` indexes ``REVIEW_INTERVALS_DAYS`` and ``review_due_at`` is
when it next comes up. Remembering it moves it one step further out (the last interval
repeats); forgetting it puts it back in progress, through ``progress.set_status`` so the
change is in the history and can be undone.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from fullstack_guide.content import Content
from fullstack_guide.models import ItemProgress, utcnow
from fullstack_guide.services import progress
from fullstack_guide.services.clock import as_utc

REVIEW_INTERVALS_DAYS = (1, 3, 7, 21, 60)


class NotDueError(ValueError):
    """A review answer for an item that is not a done item waiting for review."""

    def __init__(self, item_slug: str) -> None:
        super().__init__("This item is not waiting for a review right now, so nothing was changed.")
        self.item_slug = item_slug


def interval(step: int) -> timedelta:
    """The wait before the review at ``step`` (steps past the end reuse the last interval)."""
    return timedelta(days=REVIEW_INTERVALS_DAYS[_capped(step)])


def start_schedule(row: ItemProgress, now: datetime) -> None:
    """Begin a fresh schedule on an item that has just become done."""
    row.review_step = 0
    row.review_due_at = now + interval(0)


def pause_schedule(row: ItemProgress) -> None:
    """Drop the due date of an item that is no longer done; its step is kept."""
    row.review_due_at = None


def resume_schedule(row: ItemProgress, now: datetime) -> None:
    """Carry on the schedule of an item that is done again because a change was undone.

    A due date kept while the item was not done (a reset keeps it) is used as it is;
    otherwise the item comes back one interval of its kept step from ``now``.
    """
    row.review_step = _capped(row.review_step)
    if row.review_due_at is None:
        row.review_due_at = now + interval(row.review_step)


def due_reviews(session: Session, learner_id: int, now: datetime | None = None) -> list[str]:
    """Slugs of the learner's done items whose review is due, the longest-waiting first."""
    now = utcnow() if now is None else as_utc(now)
    rows = session.exec(
        select(ItemProgress.item_slug, ItemProgress.review_due_at).where(
            ItemProgress.learner_id == learner_id,
            ItemProgress.status == progress.DONE,
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
    row = _due_row(session, learner_id, item_slug, now)
    row.review_step = _capped(row.review_step + 1)
    row.review_due_at = now + interval(row.review_step)
    session.add(row)
    session.flush()
    return row


def mark_forgotten(
    session: Session,
    content: Content,
    learner_id: int,
    item_slug: str,
    now: datetime | None = None,
) -> ItemProgress:
    """The learner has forgotten a due item: put it back in progress (recorded, undoable).

    Raises:
        progress.UnknownItemError: the content has no such item.
        NotDueError: the item is not done, or done but not due yet.
    """
    if not isinstance(item_slug, str) or item_slug not in content.item_slugs:
        raise progress.UnknownItemError(item_slug)
    now = utcnow() if now is None else as_utc(now)
    _due_row(session, learner_id, item_slug, now)
    return progress.set_status(
        session, content, learner_id, item_slug, progress.IN_PROGRESS, now=now
    )


def _capped(step: int) -> int:
    return min(max(step, 0), len(REVIEW_INTERVALS_DAYS) - 1)


def _due_row(session: Session, learner_id: int, item_slug: str, now: datetime) -> ItemProgress:
    row = progress.find_row(session, learner_id, item_slug)
    if (
        row is None
        or row.status != progress.DONE
        or row.review_due_at is None
        or as_utc(row.review_due_at) > now
    ):
        raise NotDueError(item_slug)
    return row
