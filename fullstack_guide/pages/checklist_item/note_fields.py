"""The fields of an item page's note editor and what is derived from them.

A Reflex state mixin: :class:`~fullstack_guide.pages.checklist_item.state.NoteState` gets
these fields and vars and holds the event handlers that change them.
"""

from __future__ import annotations

import reflex as rx

from fullstack_guide.components.note_editor import draft_key
from fullstack_guide.identity import DB_UNAVAILABLE
from fullstack_guide.services import notes

SAVE_MESSAGES = {
    "idle": "",
    "saving": "Saving…",
    "saved": "Saved",
    "failed": "Not saved — " + DB_UNAVAILABLE,
    "conflict": "Saved. Another tab had changed this note; your version replaced it.",
    "kept": "Saved your version. The other tab will be told.",
}


class NoteFields(rx.State, mixin=True):
    """The note on screen, its save status, and the notice of another tab's version."""

    item_slug: str = ""
    draft: str = ""
    save_status: str = "idle"
    error: str = ""
    updated_at: str = ""
    overwritten: bool = False
    overwritten_at: str = ""
    theirs_deleted: bool = False
    showing_theirs: bool = False
    draft_restored: bool = False
    # False until the stored note has been read for this page: the editor is read-only until
    # then, or text typed into it would be replaced by the note (and kept under no draft key).
    note_loaded: bool = False
    _version: int | None = None
    _saved_body: str = ""  # the note as stored, as far as this tab knows (the draft may differ)
    _mine: str = ""
    _theirs: str = ""
    _theirs_version: int = 0
    _theirs_updated_at: str = ""

    def _settle(self, version: int, updated_at: str) -> None:
        """Take the stored version as this tab's own; no notice."""
        self._version, self.updated_at = version, updated_at
        self._clear_notice()

    def _clear_notice(self) -> None:
        self.overwritten = self.showing_theirs = self.theirs_deleted = False
        self.overwritten_at = self._mine = self._theirs = self._theirs_updated_at = ""
        self._theirs_version = 0

    @rx.var
    def status_message(self) -> str:
        """What the saved/failed indicator says."""
        return SAVE_MESSAGES.get(self.save_status, "")

    @rx.var
    def draft_storage_key(self) -> str:
        """Where the browser keeps this note's unsaved draft ("" when there is no note)."""
        return draft_key(self.item_slug) if self.item_slug else ""

    @rx.var
    def char_count(self) -> str:
        return f"{len(self.draft):,} / {notes.MAX_NOTE_CHARS:,}"
