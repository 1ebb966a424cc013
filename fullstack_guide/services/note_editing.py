"""A note as an item page's editor reads and saves it: body, version and last-edited time.

The reads and saves take ``(session, learner_id, ...)`` so a state calls them through
``identity.run_for_learner``; storage, limits and conflicts are :mod:`services.notes`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from fullstack_guide.content import Content
from fullstack_guide.services import notes
from fullstack_guide.services.clock import as_utc


@dataclass(frozen=True)
class NoteVersion:
    """A stored note; version 0 and "" when there is none."""

    body: str
    version: int
    updated_at: str  # ISO, UTC; "" when there is no note


@dataclass(frozen=True)
class SavedNote:
    """A save's outcome: whether another save came in since ``base_version``, and the result."""

    conflict: bool
    version: int
    updated_at: str


def iso(moment: datetime | None) -> str:
    """An ISO time the browser reads as UTC (SQLite hands stored times back naive)."""
    return as_utc(moment).isoformat() if moment else ""


def too_long(text: str) -> str:
    """The error for text over the note limit, or ""."""
    if len(text) <= notes.MAX_NOTE_CHARS:
        return ""
    return (
        f"Notes can be at most {notes.MAX_NOTE_CHARS:,} characters; this one has "
        f"{len(text):,}. Shorten it to save."
    )


def is_storable(text: str) -> bool:
    """Whether ``text`` can be stored at all (a lone surrogate cannot be encoded)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def read_for_editor(session: Session, learner_id: int, item_slug: str) -> NoteVersion:
    """The learner's note on an item.

    Version 0 means "this editor started with no note", so a note another tab creates
    meanwhile is reported as a conflict.
    """
    note = notes.get_note(session, learner_id, item_slug)
    return (
        NoteVersion(note.body, note.version, iso(note.updated_at))
        if note
        else NoteVersion("", 0, "")
    )


def save_from_editor(
    session: Session,
    learner_id: int,
    content: Content,
    item_slug: str,
    body: str,
    base_version: int | None,
) -> SavedNote:
    """Save the editor's text (last write wins); raises ``ValueError`` for a refused body."""
    result = notes.save_note(
        session, content, learner_id, item_slug, body, base_version=base_version
    )
    note = result.note
    return SavedNote(
        result.conflict, note.version if note else 0, iso(note.updated_at if note else None)
    )
