"""Checklist progress: reading and writing a learner's item statuses, and rolling them up.

Statuses are keyed by item slug. Rows for slugs that no longer exist in the content are kept
(so a renamed item can be mapped back later) but never counted.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from fullstack_guide.content import Content
from fullstack_guide.models import ItemProgress, utcnow

DONE = "done"
NOT_STARTED = "not_started"
STATUSES = frozenset({NOT_STARTED, "in_progress", DONE, "skipped"})


class UnknownItemError(ValueError):
    """An event named a checklist item that the content does not have."""


class InvalidStatusError(ValueError):
    """An event asked for a status the app does not know."""


def get_statuses(session: Session, learner_id: int) -> dict[str, str]:
    """Every recorded status of a learner, by item slug (not-started rows omitted)."""
    rows = session.exec(
        select(ItemProgress.item_slug, ItemProgress.status).where(
            ItemProgress.learner_id == learner_id
        )
    ).all()
    return {slug: status for slug, status in rows if status != NOT_STARTED}


def set_status(
    session: Session, content: Content, learner_id: int, item_slug: str, status: str
) -> ItemProgress:
    """Record ``status`` for one item, inserting or updating the learner's row."""
    if item_slug not in content.item_slugs:
        raise UnknownItemError(item_slug)
    if status not in STATUSES:
        raise InvalidStatusError(status)
    row = session.exec(
        select(ItemProgress).where(
            ItemProgress.learner_id == learner_id, ItemProgress.item_slug == item_slug
        )
    ).first()
    if row is None:
        row = ItemProgress(learner_id=learner_id, item_slug=item_slug, status=status)
    else:
        row.status = status
        row.updated_at = utcnow()
    session.add(row)
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
    """Overall progress and progress per checklist section."""
    per_section: dict[str, Rollup] = {}
    for section in content.sections:
        counted = [i.slug for i in section.items if statuses.get(i.slug) != "skipped"]
        done = sum(1 for slug in counted if statuses.get(slug) == DONE)
        per_section[section.slug] = Rollup(done=done, total=len(counted))
    overall = Rollup(
        done=sum(r.done for r in per_section.values()),
        total=sum(r.total for r in per_section.values()),
    )
    return overall, per_section
