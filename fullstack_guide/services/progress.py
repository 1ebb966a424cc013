"""Checklist progress: the one writer of a learner's item statuses, and their rollup.

Statuses are keyed by item slug. Rows for slugs that no longer exist in the content are kept
(so a renamed item can be mapped back later) but never counted.

Every status change goes through here: set, undo, reset and a forgotten review (a checkbox
tick is written by ``services.ticks`` as Core statements, by this module's ``apply_change``).
Each real change is written to the event log (``services.history``) and a done item carries a
spaced-review schedule (``services.schedule``); neither of those imports this module.

Undo reverts the newest batch still in effect, all of it at once, and marks its events
undone instead of recording new ones; undoing twice reverts the last two batches. A reset
keeps each done item's review step and due date on the row (nothing reads them while the
item is not done), so undoing it brings the schedule back exactly as it was. A single change
away from done drops the due date, so undoing that resumes the schedule at the item's kept
step, one interval from the moment of the undo.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Protocol

from sqlalchemy import bindparam
from sqlmodel import Session, select

from fullstack_guide.content import Content
from fullstack_guide.content.schema import SLUG_PATTERN
from fullstack_guide.models import ItemProgress, Status, utcnow
from fullstack_guide.services import history, schedule
from fullstack_guide.services.clock import as_utc
from fullstack_guide.untrusted import short_repr


def is_slug(value: object) -> bool:
    """Whether ``value`` has the shape of an item slug; nothing else can have a stored row."""
    return isinstance(value, str) and bool(SLUG_PATTERN.match(value))


class UnknownItemError(ValueError):
    """An event named a checklist item that the content does not have."""

    def __init__(self, item_slug: object) -> None:
        super().__init__(
            f"The checklist has no item {short_repr(item_slug)}, so nothing was changed. "
            "Reload the page to get the current checklist."
        )
        self.item_slug = item_slug


class InvalidStatusError(ValueError):
    """An event asked for a status the app does not know."""

    def __init__(self, status: object) -> None:
        known = ", ".join(sorted(Status.values()))
        super().__init__(
            f"{short_repr(status)} is not a status an item can have (use one of: {known})."
        )
        self.status = status


@dataclass(frozen=True)
class ItemState:
    """What the checklist shows for one item: its status and whether it is up for review.

    ``review_due_at`` is only set for done items; ``review_due`` is true once it has passed.
    """

    status: str
    updated_at: datetime
    review_due: bool
    review_due_at: datetime | None


def get_statuses(session: Session, learner_id: int) -> dict[str, str]:
    """Every recorded status of a learner, by item slug (not-started rows omitted)."""
    rows = session.exec(
        select(ItemProgress.item_slug, ItemProgress.status).where(
            ItemProgress.learner_id == learner_id
        )
    ).all()
    return {slug: status for slug, status in rows if status != Status.NOT_STARTED}


def get_item_states(
    session: Session, learner_id: int, now: datetime | None = None
) -> dict[str, ItemState]:
    """Every recorded item state of a learner, by slug (not-started rows omitted).

    A not-done row may still hold a paused schedule (see ``reset_all``); it is
    not reported, so only done items ever show a review date.
    """
    now = utcnow() if now is None else as_utc(now)
    rows = session.exec(select(ItemProgress).where(ItemProgress.learner_id == learner_id)).all()
    states: dict[str, ItemState] = {}
    for row in rows:
        if row.status == Status.NOT_STARTED:
            continue
        due_at = (
            as_utc(row.review_due_at) if row.review_due_at and row.status == Status.DONE else None
        )
        states[row.item_slug] = ItemState(
            status=row.status,
            updated_at=as_utc(row.updated_at),
            review_due=due_at is not None and due_at <= now,
            review_due_at=due_at,
        )
    return states


def find_row(session: Session, learner_id: int, item_slug: str) -> ItemProgress | None:
    """The learner's stored row for one item, if any (no row means not started)."""
    if not is_slug(item_slug):
        return None
    return session.exec(
        _ROW_OF_ITEM, params={"learner_id": learner_id, "item_slug": item_slug}
    ).first()


# Built once: every tick looks its row up, and building the query costs more than running it.
_ROW_OF_ITEM = select(ItemProgress).where(
    ItemProgress.learner_id == bindparam("learner_id"),
    ItemProgress.item_slug == bindparam("item_slug"),
)


def check_change(content: Content, item_slug: object, status: object) -> None:
    """Refuse an item the content does not have or a status the app does not know.

    Raises:
        UnknownItemError: the content has no item ``item_slug``.
        InvalidStatusError: ``status`` is not one of ``Status``.
    """
    if not isinstance(item_slug, str) or item_slug not in content.item_slugs:
        raise UnknownItemError(item_slug)
    if not isinstance(status, str) or status not in Status.values():
        raise InvalidStatusError(status)


def set_status(
    session: Session,
    content: Content,
    learner_id: int,
    item_slug: str,
    status: str,
    *,
    batch: str | None = None,
    now: datetime | None = None,
) -> ItemProgress:
    """Record ``status`` for one item, inserting or updating the learner's row.

    A real change is written to the history under ``batch`` (a fresh one when not given,
    so a lone change is undone on its own; pass one id to group changes). Becoming done
    starts the review schedule; leaving done drops the due date. Setting the status an
    item already has changes nothing and records nothing; for a never-touched item set to
    not started the returned row is not saved.

    Raises:
        UnknownItemError: the content has no item ``item_slug``.
        InvalidStatusError: ``status`` is not one of ``Status``.
    """
    check_change(content, item_slug, status)
    batch = history.new_batch() if batch is None else history.checked_batch(batch)
    now = utcnow() if now is None else as_utc(now)
    row = find_row(session, learner_id, item_slug)
    if row is None:
        row = ItemProgress(
            learner_id=learner_id, item_slug=item_slug, status=Status.NOT_STARTED, updated_at=now
        )
    previous = row.status
    if status == previous:
        return row
    apply_change(row, status, now)
    session.add(row)
    history.record_change(session, learner_id, item_slug, previous, status, batch, now)
    session.flush()
    return row


class StatusRow(schedule.Scheduled, Protocol):
    """What a status change writes: an ``ItemProgress`` row, or a tick's plain copy of one."""

    status: str
    updated_at: datetime


def apply_change(row: StatusRow, status: str, now: datetime) -> None:
    """Put a new ``status`` on ``row``: becoming done starts the review schedule, leaving done
    drops the due date (``services.ticks`` writes a tick by the same rule)."""
    previous = row.status
    row.status = status
    row.updated_at = now
    if status == Status.DONE:
        schedule.start_schedule(row, now)
    elif previous == Status.DONE:
        schedule.pause_schedule(row)


@dataclass(frozen=True)
class UndoResult:
    """What an undo reverted: the batch, its items (checklist order) and how many."""

    batch: str
    item_slugs: tuple[str, ...]
    count: int


def undo_last(
    session: Session, content: Content, learner_id: int, now: datetime | None = None
) -> UndoResult | None:
    """Revert the learner's newest batch still in effect; ``None`` when there is none.

    Every event of the batch is reverted, newest first, by putting its ``from_status``
    back on the row; no new events are recorded, the batch's events are marked undone.
    """
    now = utcnow() if now is None else as_utc(now)
    newest = history.newest_open_batch(session, learner_id)
    if newest is None:
        return None
    events = history.open_events(session, learner_id, newest)
    for event in events:
        _restore(session, learner_id, event.item_slug, event.from_status, now)
    history.mark_undone(session, events, now)
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
            ItemProgress.learner_id == learner_id, ItemProgress.status != Status.NOT_STARTED
        )
    ).all()
    if not rows:
        return ""
    batch = history.new_batch()
    order = {item.slug: i for i, item in enumerate(content.items)}
    for row in sorted(rows, key=lambda r: (order.get(r.item_slug, len(order)), r.item_slug)):
        history.record_change(
            session, learner_id, row.item_slug, row.status, Status.NOT_STARTED, batch, now
        )
        row.status = Status.NOT_STARTED
        row.updated_at = now
        session.add(row)
    session.flush()
    return batch


def due_row(session: Session, learner_id: int, item_slug: str, now: datetime) -> ItemProgress:
    """The learner's row for a done item whose review is due.

    Raises:
        schedule.NotDueError: the item is not done, or done but not due yet.
    """
    row = find_row(session, learner_id, item_slug)
    if (
        row is None
        or row.status != Status.DONE
        or row.review_due_at is None
        or as_utc(row.review_due_at) > now
    ):
        raise schedule.NotDueError(item_slug)
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
        UnknownItemError: the content has no such item.
        schedule.NotDueError: the item is not done, or done but not due yet.
    """
    if not isinstance(item_slug, str) or item_slug not in content.item_slugs:
        raise UnknownItemError(item_slug)
    now = utcnow() if now is None else as_utc(now)
    due_row(session, learner_id, item_slug, now)
    return set_status(session, content, learner_id, item_slug, Status.IN_PROGRESS, now=now)


def _restore(session: Session, learner_id: int, item_slug: str, status: str, now: datetime) -> None:
    """Put ``status`` back on the learner's row without recording a change."""
    row = find_row(session, learner_id, item_slug) or ItemProgress(
        learner_id=learner_id, item_slug=item_slug, status=Status.NOT_STARTED
    )
    if status == Status.DONE and row.status != Status.DONE:
        schedule.resume_schedule(row, now)
    elif status != Status.DONE and row.status == Status.DONE:
        schedule.pause_schedule(row)
    row.status = status
    row.updated_at = now
    session.add(row)


def _in_checklist_order(content: Content, slugs: set[str] | frozenset[str]) -> tuple[str, ...]:
    """``slugs`` in checklist order, any the content does not know sorted after them."""
    known = [item.slug for item in content.items if item.slug in slugs]
    return (*known, *sorted(set(slugs) - set(known)))


@dataclass(frozen=True)
class Rollup:
    """Done count over the items that count (skipped items leave the denominator)."""

    done: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def rollup(content: Content, statuses: dict[str, str]) -> tuple[Rollup, dict[str, Rollup]]:
    """Overall progress and progress per checklist section.

    Several computed vars ask for the same rollup after every tick, so it is cached by the
    checklist's layout (section and item slugs) and the statuses.
    """
    return _rollup(content.checklist_layout, tuple(sorted(statuses.items())))


@lru_cache(maxsize=4096)
def _rollup(
    layout: tuple[tuple[str, tuple[str, ...]], ...], status_items: tuple[tuple[str, str], ...]
) -> tuple[Rollup, dict[str, Rollup]]:
    statuses = dict(status_items)
    per_section: dict[str, Rollup] = {}
    for section_slug, item_slugs in layout:
        counted = [slug for slug in item_slugs if statuses.get(slug) != Status.SKIPPED]
        done = sum(1 for slug in counted if statuses.get(slug) == Status.DONE)
        per_section[section_slug] = Rollup(done=done, total=len(counted))
    overall = Rollup(
        done=sum(r.done for r in per_section.values()),
        total=sum(r.total for r in per_section.values()),
    )
    return overall, per_section
