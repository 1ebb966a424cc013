"""Checklist progress: reading and writing a learner's item statuses, and rolling them up.

Statuses are keyed by item slug. Rows for slugs that no longer exist in the content are kept
(so a renamed item can be mapped back later) but never counted.

Every real status change is written to the history (``services.history``) and a done item
carries a spaced-review schedule (``services.review``). Those two modules import this one
back, so the three refer to each other as modules and only look names up at call time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from sqlalchemy import bindparam
from sqlmodel import Session, select

from fullstack_guide.content import Content
from fullstack_guide.content.schema import SLUG_PATTERN
from fullstack_guide.models import ItemProgress, Status, utcnow
from fullstack_guide.services import history, review
from fullstack_guide.services.clock import as_utc
from fullstack_guide.untrusted import short_repr

DONE = Status.DONE
IN_PROGRESS = Status.IN_PROGRESS
NOT_STARTED = Status.NOT_STARTED
SKIPPED = Status.SKIPPED
STATUSES = Status.values()


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
        known = ", ".join(sorted(STATUSES))
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
    return {slug: status for slug, status in rows if status != NOT_STARTED}


def get_item_states(
    session: Session, learner_id: int, now: datetime | None = None
) -> dict[str, ItemState]:
    """Every recorded item state of a learner, by slug (not-started rows omitted).

    A not-done row may still hold a paused schedule (see ``history.reset_all``); it is
    not reported, so only done items ever show a review date.
    """
    now = utcnow() if now is None else as_utc(now)
    rows = session.exec(select(ItemProgress).where(ItemProgress.learner_id == learner_id)).all()
    states: dict[str, ItemState] = {}
    for row in rows:
        if row.status == NOT_STARTED:
            continue
        due_at = as_utc(row.review_due_at) if row.review_due_at and row.status == DONE else None
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
        InvalidStatusError: ``status`` is not one of ``STATUSES``.
    """
    if not isinstance(item_slug, str) or item_slug not in content.item_slugs:
        raise UnknownItemError(item_slug)
    if not isinstance(status, str) or status not in STATUSES:
        raise InvalidStatusError(status)
    batch = history.new_batch() if batch is None else history.checked_batch(batch)
    now = utcnow() if now is None else as_utc(now)
    row = find_row(session, learner_id, item_slug)
    if row is None:
        row = ItemProgress(
            learner_id=learner_id, item_slug=item_slug, status=NOT_STARTED, updated_at=now
        )
    previous = row.status
    if status == previous:
        return row
    row.status = status
    row.updated_at = now
    if status == DONE:
        review.start_schedule(row, now)
    elif previous == DONE:
        review.pause_schedule(row)
    session.add(row)
    history.record_change(session, learner_id, item_slug, previous, status, batch, now)
    session.flush()
    return row


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

    Several computed vars ask for the same rollup after every tick, so it is cached by
    statuses for the loaded content (looked up by identity: content is loaded once).
    """
    return _rollup(_ByIdentity(content), tuple(sorted(statuses.items())))


@dataclass(frozen=True, eq=False)
class _ByIdentity:
    """A cache key for an unhashable object that is never mutated (the loaded content)."""

    value: Content

    def __hash__(self) -> int:
        return id(self.value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _ByIdentity) and other.value is self.value


@lru_cache(maxsize=4096)
def _rollup(
    key: _ByIdentity, status_items: tuple[tuple[str, str], ...]
) -> tuple[Rollup, dict[str, Rollup]]:
    content, statuses = key.value, dict(status_items)
    per_section: dict[str, Rollup] = {}
    for section in content.sections:
        counted = [i.slug for i in section.items if statuses.get(i.slug) != SKIPPED]
        done = sum(1 for slug in counted if statuses.get(slug) == DONE)
        per_section[section.slug] = Rollup(done=done, total=len(counted))
    overall = Rollup(
        done=sum(r.done for r in per_section.values()),
        total=sum(r.total for r in per_section.values()),
    )
    return overall, per_section
