"""A learner's private Markdown notes, one per checklist item.

Notes are saved by autosave from any number of tabs, so every save carries a ``version``:
the last write wins (nobody loses the text they are looking at), but an editor that started
from an older version is told that another tab had saved in between.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from fullstack_guide.content import Content
from fullstack_guide.models import Note, utcnow
from fullstack_guide.services import progress

MAX_NOTE_CHARS = 20_000


class InvalidNoteError(ValueError):
    """A note body the app cannot store (not text, or characters that cannot be encoded)."""


class NoteTooLongError(InvalidNoteError):
    """A note over ``MAX_NOTE_CHARS``; the message says the limit and the current length."""

    def __init__(self, length: int) -> None:
        self.length = length
        super().__init__(
            f"Notes can be at most {MAX_NOTE_CHARS:,} characters; "
            f"this one has {length:,}. Nothing was saved."
        )


@dataclass(frozen=True)
class SaveResult:
    """What a save left behind.

    Attributes:
        note: The stored note, or ``None`` when the save deleted it (blank body).
        conflict: The editor's ``base_version`` was not the stored one: another tab had
            saved in between. The save still went through (last write wins).
    """

    note: Note | None
    conflict: bool


def clean_body(body: object) -> str:
    """The text that would be stored for ``body``, or a friendly error saying why not.

    NUL characters are dropped (SQLite and most tools treat them as the end of the text).
    The length limit applies to the text after that. Shared with the importer so a note
    is judged the same way whether it is typed or imported.

    Raises:
        InvalidNoteError: ``body`` is not a string, or cannot be encoded as UTF-8.
        NoteTooLongError: the text is longer than ``MAX_NOTE_CHARS``.
    """
    if not isinstance(body, str):
        raise InvalidNoteError("A note must be text. Nothing was saved.")
    body = body.replace("\x00", "")
    if len(body) > MAX_NOTE_CHARS:
        raise NoteTooLongError(len(body))
    try:
        body.encode("utf-8")
    except UnicodeEncodeError as error:  # lone surrogates, e.g. from a JSON "\ud800" escape
        raise InvalidNoteError(
            "This note contains characters that cannot be stored. Nothing was saved."
        ) from error
    return body


def get_notes(session: Session, learner_id: int) -> dict[str, Note]:
    """Every note of a learner, by item slug (including slugs the content no longer has)."""
    rows = session.exec(select(Note).where(Note.learner_id == learner_id)).all()
    return {note.item_slug: note for note in rows}


def get_note(session: Session, learner_id: int, item_slug: str) -> Note | None:
    """The learner's note on one item, if there is one."""
    if not progress.is_slug(item_slug):
        return None
    return session.exec(
        select(Note).where(Note.learner_id == learner_id, Note.item_slug == item_slug)
    ).first()


def save_note(
    session: Session,
    content: Content,
    learner_id: int,
    item_slug: str,
    body: str,
    *,
    base_version: int | None = None,
    now: datetime | None = None,
) -> SaveResult:
    """Store ``body`` as the learner's note on an item; a blank body deletes the note.

    Args:
        base_version: The version the editor started from (``0`` if it started with no
            note); ``None`` skips the conflict check.
        now: When the save happens (defaults to the current time).

    Saving text identical to the stored note writes nothing and keeps the version, so an
    idle autosave in one tab does not make another tab report a conflict.

    Raises:
        progress.UnknownItemError: the item is not in the content.
        InvalidNoteError: ``body`` is not text or cannot be stored.
        NoteTooLongError: ``body`` is over ``MAX_NOTE_CHARS``.
    """
    if not isinstance(item_slug, str) or item_slug not in content.item_slugs:
        raise progress.UnknownItemError(item_slug)
    body = clean_body(body)
    note = get_note(session, learner_id, item_slug)
    current_version = note.version if note is not None else 0
    conflict = base_version is not None and base_version != current_version

    if not body.strip():
        if note is not None:
            session.delete(note)
            session.flush()
        return SaveResult(note=None, conflict=conflict)
    if note is not None and note.body == body:
        return SaveResult(note=note, conflict=conflict)

    if note is None:
        note = Note(learner_id=learner_id, item_slug=item_slug, body=body, version=1)
    else:
        note.body = body
        note.version += 1
    note.updated_at = now or utcnow()
    session.add(note)
    session.flush()
    return SaveResult(note=note, conflict=conflict)
