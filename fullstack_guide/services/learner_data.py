"""The "Your data" operations for one learner: export, import, reset and the share link.

Each takes ``(session, learner_id, ...)`` so a state calls it through
``identity.run_for_learner``; the work itself is :mod:`services.transfer`,
:mod:`services.progress` and :mod:`services.sharing`.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from fullstack_guide.content import Content
from fullstack_guide.models import Status
from fullstack_guide.services import notes, progress, sharing, transfer


@dataclass(frozen=True)
class ShareState:
    """The owner's share link as the page shows it; ``token`` only right after it was made."""

    on: bool
    include_notes: bool
    since: str  # the day the live link was made, ISO; "" when sharing is off
    token: str = ""


def export_json(session: Session, learner_id: int, content: Content) -> str:
    """The versioned JSON backup (statuses, notes, review schedule, recent history)."""
    return transfer.export_json(session, content, learner_id)


def export_markdown(session: Session, learner_id: int, content: Content) -> str:
    """The checklist with ticks and notes as Markdown."""
    statuses = progress.get_statuses(session, learner_id)
    bodies = {slug: note.body for slug, note in notes.get_notes(session, learner_id).items()}
    return transfer.export_markdown(content, statuses, bodies)


def preview_upload(
    session: Session, learner_id: int, content: Content, raw: bytes
) -> tuple[transfer.ImportPlan, list[transfer.Change], int]:
    """What importing ``raw`` would change, and how many of the learner's items with progress
    or a note the file leaves alone (an import merges); raises ``InvalidImportError`` for a
    bad file."""
    plan = transfer.parse_import(raw, content)
    changes = list(transfer.preview_import(session, content, learner_id, plan))
    listed = {item.slug for item in plan.items}
    statuses = progress.get_statuses(session, learner_id)
    recorded = {slug for slug, status in statuses.items() if status != Status.NOT_STARTED}
    kept = (recorded | notes.get_notes(session, learner_id).keys()) - listed
    return plan, changes, len(kept)


def apply_upload(session: Session, learner_id: int, content: Content, raw: bytes) -> str:
    """Apply the import of ``raw`` all or nothing; returns the undo batch ("" if none)."""
    plan = transfer.parse_import(raw, content)
    return transfer.apply_import(session, content, learner_id, plan)


def reset_progress(session: Session, learner_id: int, content: Content) -> str:
    """Every item back to not started, as one undoable batch."""
    return progress.reset_all(session, content, learner_id)


def share_state(session: Session, learner_id: int) -> ShareState:
    """Whether sharing is on, with notes or not, and since when."""
    link = sharing.active_share(session, learner_id)
    if link is None:
        return ShareState(on=False, include_notes=False, since="")
    return ShareState(True, link.include_notes, link.created_at.date().isoformat())


def turn_on_share(
    session: Session, learner_id: int, include_notes: bool, renew: bool
) -> ShareState:
    """Turn sharing on (or update whether it shows notes); ``renew`` makes a new link."""
    share = (sharing.renew_share if renew else sharing.enable_share)(
        session, learner_id, include_notes
    )
    link = share.link
    return ShareState(True, link.include_notes, link.created_at.date().isoformat(), share.token)
