"""The private Markdown note on an item page: autosaved, with a visible saved/failed state."""

from __future__ import annotations

import logging
from datetime import datetime

import reflex as rx
from sqlalchemy.exc import SQLAlchemyError

from fullstack_guide import styles
from fullstack_guide.content import get_content
from fullstack_guide.db import run_in_session
from fullstack_guide.services import notes
from fullstack_guide.state import DB_UNAVAILABLE, current_learner_id

logger = logging.getLogger(__name__)

AUTOSAVE_DELAY_MS = 700
SAVE_MESSAGES = {
    "idle": "",
    "saving": "Saving…",
    "saved": "Saved",
    "failed": "Not saved — " + DB_UNAVAILABLE,
    "conflict": "Saved. Another tab had changed this note; your version replaced it.",
}


def _iso(moment: datetime | None) -> str:
    return moment.isoformat() if moment else ""


def _read(session, learner_id: int, item_slug: str):
    note = notes.get_note(session, learner_id, item_slug)
    # Version 0 means "this editor started with no note", so a note another tab creates
    # meanwhile is reported as a conflict.
    return (note.body, note.version, _iso(note.updated_at)) if note else ("", 0, "")


def _save(session, learner_id: int, item_slug: str, body: str, base_version: int | None):
    result = notes.save_note(
        session, get_content(), learner_id, item_slug, body, base_version=base_version
    )
    note = result.note
    return result.conflict, note.version if note else 0, _iso(note.updated_at if note else None)


class NoteState(rx.State):
    """The note being edited on this tab's item page."""

    item_slug: str = ""
    draft: str = ""
    save_status: str = "idle"
    error: str = ""
    updated_at: str = ""
    _version: int | None = None

    @rx.event
    async def load_note(self, item_slug: str):
        """Read the learner's note for the item page being opened."""
        self.item_slug, self.save_status, self.error = item_slug, "idle", ""
        learner_id = await current_learner_id(self)
        if learner_id is None:
            self.draft, self._version, self.updated_at = "", None, ""
            return
        try:
            self.draft, self._version, self.updated_at = await run_in_session(
                _read, learner_id, item_slug
            )
        except SQLAlchemyError:
            logger.exception("reading a note failed")
            self.save_status = "failed"

    @rx.event
    async def edit(self, body: str):
        """Autosave after a pause in typing; too-long text is kept on screen, not saved."""
        if not isinstance(body, str):
            return
        self.draft = body
        if len(body) > notes.MAX_NOTE_CHARS:
            self.save_status = "idle"
            self.error = (
                f"Notes can be at most {notes.MAX_NOTE_CHARS:,} characters; this one has "
                f"{len(body):,}. Shorten it to save."
            )
            return
        self.error = ""
        learner_id = await current_learner_id(self)
        if learner_id is None or not self.item_slug:
            self.save_status = "failed"
            return
        try:
            conflict, self._version, self.updated_at = await run_in_session(
                _save, learner_id, self.item_slug, body, self._version
            )
        except SQLAlchemyError:
            logger.exception("saving a note failed")
            self.save_status = "failed"
            return
        except ValueError as problem:
            self.error, self.save_status = str(problem), "idle"
            return
        self.save_status = "conflict" if conflict else "saved"

    @rx.var
    def status_message(self) -> str:
        """What the saved/failed indicator says."""
        return SAVE_MESSAGES.get(self.save_status, "")

    @rx.var
    def char_count(self) -> str:
        return f"{len(self.draft):,} / {notes.MAX_NOTE_CHARS:,}"


def note_editor(item_title: str) -> rx.Component:
    """Write/preview tabs, the autosave indicator and the last-edited time."""
    return rx.vstack(
        rx.tabs.root(
            rx.tabs.list(
                rx.tabs.trigger("Write", value="write"),
                rx.tabs.trigger("Preview", value="preview"),
                aria_label="Note view",
            ),
            rx.tabs.content(
                rx.debounce_input(
                    rx.text_area(
                        value=NoteState.draft,
                        on_change=NoteState.edit,
                        placeholder="Private notes in Markdown: what clicked, links, questions…",
                        aria_label=f"Your note on {item_title}",
                        rows="8",
                        width="100%",
                        resize="vertical",
                    ),
                    debounce_timeout=AUTOSAVE_DELAY_MS,
                ),
                value="write",
                padding_top="0.75rem",
            ),
            rx.tabs.content(
                rx.box(
                    rx.cond(
                        NoteState.draft.length() > 0,
                        rx.markdown(
                            NoteState.draft, use_raw=False, use_math=False, use_katex=False
                        ),
                        rx.text("Nothing written yet.", style=styles.muted_text),
                    ),
                    style=styles.card,
                    class_name="note-preview",
                ),
                value="preview",
                padding_top="0.75rem",
            ),
            default_value="write",
            width="100%",
        ),
        rx.cond(
            NoteState.error != "",
            rx.callout(NoteState.error, icon="triangle_alert", color_scheme="red", role="alert"),
        ),
        rx.hstack(
            rx.text(NoteState.status_message, size="2", role="status", aria_live="polite"),
            rx.hstack(
                rx.cond(
                    NoteState.updated_at != "",
                    rx.text(
                        "Last edited ",
                        rx.moment(NoteState.updated_at, from_now=True),
                        size="2",
                        style=styles.muted_text,
                    ),
                ),
                rx.text(NoteState.char_count, size="2", style=styles.muted_text),
                spacing="3",
            ),
            justify="between",
            width="100%",
            wrap="wrap",
        ),
        width="100%",
        spacing="2",
    )
