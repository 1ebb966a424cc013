"""Applying an import plan: the preview the learner confirms, then exactly those changes.

Nothing is written until ``apply_import``, which runs in the caller's transaction and
raises on any problem so the caller's ``session_scope`` rolls the whole import back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from fullstack_guide.content import Content
from fullstack_guide.models import Status, utcnow
from fullstack_guide.services import history, notes, progress
from fullstack_guide.services.clock import as_utc
from fullstack_guide.services.import_parse import ImportPlan


@dataclass(frozen=True)
class Change:
    """One item an import would change, for the confirmation screen."""

    slug: str
    title: str
    old_status: str
    new_status: str
    note_changed: bool


def preview_import(
    session: Session, content: Content, learner_id: int, plan: ImportPlan
) -> list[Change]:
    """What ``apply_import`` would change for this learner, in checklist order.

    Items whose status and note already match the file are left out.
    """
    statuses = progress.get_statuses(session, learner_id)
    saved_notes = notes.get_notes(session, learner_id)
    changes = []
    for item in plan.items:
        old = statuses.get(item.slug, Status.NOT_STARTED)
        current_note = saved_notes.get(item.slug)
        note_changed = item.note is not None and (
            current_note is None or current_note.body != item.note
        )
        if old != item.status or note_changed:
            changes.append(
                Change(
                    slug=item.slug,
                    title=content.item(item.slug).title,
                    old_status=old,
                    new_status=item.status,
                    note_changed=note_changed,
                )
            )
    return changes


def apply_import(
    session: Session,
    content: Content,
    learner_id: int,
    plan: ImportPlan,
    now: datetime | None = None,
) -> str:
    """Apply exactly the changes ``preview_import`` lists; returns the history batch id.

    Every status change goes through ``progress.set_status`` under one batch, so one undo
    reverts the whole import. The file's own history is not replayed: those changes
    happened elsewhere and already led to the statuses being imported, and replaying them
    would scatter the import over many batches instead of the single undoable one. A done
    item keeps the review schedule the file carries, as a merge does. Notes go through
    ``notes.save_note`` (notes have no history, so an import cannot undo a note: the
    preview's ``note_changed`` is the learner's warning).

    The id is ``""`` when no status changed: no batch is recorded then (as with
    ``progress.reset_all``), so an undo would revert the change before, not this import.

    Raises:
        Any error from the services (unknown item, invalid status, database errors):
        nothing is caught, so the caller's transaction rolls the whole import back.
    """
    now = utcnow() if now is None else as_utc(now)
    batch, status_changed = history.new_batch(), False
    planned = {item.slug: item for item in plan.items}
    for change in preview_import(session, content, learner_id, plan):
        item = planned[change.slug]
        if change.old_status != change.new_status:
            status_changed = True
            row = progress.set_status(
                session, content, learner_id, item.slug, item.status, batch=batch, now=now
            )
            if item.status == Status.DONE and item.review_due_at is not None:
                row.review_step = item.review_step
                row.review_due_at = item.review_due_at
                session.add(row)
        if change.note_changed and item.note is not None:
            notes.save_note(session, content, learner_id, item.slug, item.note, now=now)
    session.flush()
    return batch if status_changed else ""
