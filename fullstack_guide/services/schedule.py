"""The spaced-review schedule as pure rules over a progress row: no session, no service.

A done item's ``review_step`` indexes ``REVIEW_INTERVALS_DAYS`` and ``review_due_at`` is
when it next comes up. ``services.progress`` applies these rules when a status changes and
``services.review`` when a learner answers a review; keeping them here lets both use them
without importing each other.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Protocol

from fullstack_guide.models import ItemProgress

REVIEW_INTERVALS_DAYS = (1, 3, 7, 21, 60)


class NotDueError(ValueError):
    """A review answer for an item that is not a done item waiting for review."""

    def __init__(self, item_slug: str) -> None:
        super().__init__("This item is not waiting for a review right now, so nothing was changed.")
        self.item_slug = item_slug


def capped(step: int) -> int:
    """``step`` clamped to the interval list (steps past the end reuse the last interval)."""
    return min(max(step, 0), len(REVIEW_INTERVALS_DAYS) - 1)


def interval(step: int) -> timedelta:
    """The wait before the review at ``step`` (steps past the end reuse the last interval)."""
    return timedelta(days=REVIEW_INTERVALS_DAYS[capped(step)])


class Scheduled(Protocol):
    """What the schedule rules read and write: an ``ItemProgress`` row, or a tick's plain copy."""

    review_step: int
    review_due_at: datetime | None


def start_schedule(row: Scheduled, now: datetime) -> None:
    """Begin a fresh schedule on an item that has just become done."""
    row.review_step = 0
    row.review_due_at = now + interval(0)


def pause_schedule(row: Scheduled) -> None:
    """Drop the due date of an item that is no longer done; its step is kept."""
    row.review_due_at = None


def resume_schedule(row: ItemProgress, now: datetime) -> None:
    """Carry on the schedule of an item that is done again because a change was undone.

    A due date kept while the item was not done (a reset keeps it) is used as it is;
    otherwise the item comes back one interval of its kept step from ``now``.
    """
    row.review_step = capped(row.review_step)
    if row.review_due_at is None:
        row.review_due_at = now + interval(row.review_step)


def advance(row: ItemProgress, now: datetime) -> None:
    """The learner remembered the item: move it one interval further out."""
    row.review_step = capped(row.review_step + 1)
    row.review_due_at = now + interval(row.review_step)
