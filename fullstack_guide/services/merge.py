"""Folding one learner's progress into another's, e.g. an anonymous device into an account.

For every item the most recent change wins, whichever side it came from, so signing in on a
device never throws away newer work on either side. Status changes go through
``progress.set_status`` in one batch, so the merge shows up in history and one undo reverts
it. Notes are written straight to the ``Note`` table. The source learner is deleted
afterwards: its progress now lives on the target.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlmodel import Session, col, select

from fullstack_guide.content import Content
from fullstack_guide.models import (
    Account,
    ItemProgress,
    Learner,
    Note,
    ProgressEvent,
    ShareLink,
    Status,
    utcnow,
)
from fullstack_guide.services import history, progress
from fullstack_guide.services.clock import as_utc


class MergeError(ValueError):
    """A merge that would lose data, such as deleting a learner that has an account."""


def merge_learners(
    session: Session,
    content: Content,
    source_learner_id: int,
    target_learner_id: int,
    now: datetime | None = None,
) -> list[str]:
    """Merge the source learner's statuses and notes into the target, then delete the source.

    Returns the slugs (in checklist order) whose status or note changed on the target, so the
    caller can tell the learner what came across. Rows for slugs the content no longer has
    are moved over when the target has none for that slug, but are not reported.

    Raises:
        MergeError: the source learner has an account (deleting it would delete the account).
    """
    now = now or utcnow()
    if source_learner_id == target_learner_id:
        return []
    if session.exec(select(Account.id).where(Account.learner_id == source_learner_id)).first():
        raise MergeError("That progress belongs to an account, so it cannot be merged away.")

    changed = _merge_statuses(session, content, source_learner_id, target_learner_id, now)
    changed |= _merge_notes(session, content, source_learner_id, target_learner_id)
    _delete_learner(session, source_learner_id)
    return [item.slug for item in content.items if item.slug in changed]


def _newer(source_time: datetime, target_time: datetime | None) -> bool:
    return target_time is None or as_utc(source_time) > as_utc(target_time)


def _merge_statuses(
    session: Session, content: Content, source_id: int, target_id: int, now: datetime
) -> set[str]:
    """Copy every status that is newer on the source; returns the slugs that changed."""
    source_rows = session.exec(
        select(ItemProgress).where(ItemProgress.learner_id == source_id)
    ).all()
    target_rows = {
        row.item_slug: row
        for row in session.exec(select(ItemProgress).where(ItemProgress.learner_id == target_id))
    }
    batch = history.new_batch()
    changed: set[str] = set()
    for row in source_rows:
        target = target_rows.get(row.item_slug)
        if not _newer(row.updated_at, target.updated_at if target else None):
            continue
        if row.item_slug not in content.item_slugs:
            if target is None:  # keep rows for renamed items, as progress does
                row.learner_id = target_id
                session.add(row)
            continue
        current = target.status if target else Status.NOT_STARTED
        if row.status == current:
            continue
        written = progress.set_status(
            session, content, target_id, row.item_slug, row.status, batch=batch, now=now
        )
        if row.status == Status.DONE and row.review_due_at is not None:
            # keep the review schedule the learner already had on the source
            written.review_step = row.review_step
            written.review_due_at = row.review_due_at
            session.add(written)
        changed.add(row.item_slug)
    session.flush()
    return changed


def _merge_notes(session: Session, content: Content, source_id: int, target_id: int) -> set[str]:
    """Copy every note that is newer on the source; returns the slugs whose note changed.

    A copied note keeps the time it was written, and an overwritten note gets a new
    version so an editor still holding the old text notices.
    """
    source_notes = session.exec(select(Note).where(Note.learner_id == source_id)).all()
    target_notes = {
        note.item_slug: note
        for note in session.exec(select(Note).where(Note.learner_id == target_id))
    }
    changed: set[str] = set()
    for note in source_notes:
        if not note.body.strip():  # a blank note is no note (notes.save_note deletes it)
            continue
        target = target_notes.get(note.item_slug)
        if target is None:
            note.learner_id = target_id  # move the row as it is
            session.add(note)
        elif _newer(note.updated_at, target.updated_at) and note.body != target.body:
            target.body = note.body
            target.updated_at = note.updated_at
            target.version += 1
            session.add(target)
        else:
            continue
        if note.item_slug in content.item_slugs:
            changed.add(note.item_slug)
    session.flush()
    return changed


def _delete_learner(session: Session, learner_id: int) -> None:
    """Delete an account-less learner and its rows, without relying on FK cascades."""
    for table in (ItemProgress, ProgressEvent, Note, ShareLink):
        session.exec(delete(table).where(col(table.learner_id) == learner_id))
    session.exec(delete(Learner).where(col(Learner.id) == learner_id))
    session.flush()
