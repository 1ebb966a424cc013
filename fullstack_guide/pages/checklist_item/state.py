"""The note being edited on an item page (see the package docstring for the behaviour)."""

from __future__ import annotations

import logging

import reflex as rx

from fullstack_guide.components.note_editor import draft_key, forget_draft_script, read_draft_script
from fullstack_guide.content import get_content
from fullstack_guide.events import event
from fullstack_guide.identity import current_learner_id, holds_learner_data, run_for_learner
from fullstack_guide.models import utcnow
from fullstack_guide.pages.checklist_item.note_fields import NoteFields
from fullstack_guide.services import note_editing, notes
from fullstack_guide.state import announce_change
from fullstack_guide.untrusted import loggable

logger = logging.getLogger(__name__)

# The text box's hard bound: above the saving limit, so text a little too long shows the
# error and the counter (and is kept as a draft) instead of being cut off without a word.
MAX_TYPED_CHARS = notes.MAX_NOTE_CHARS + 5_000
UNKNOWN_ITEM = "This page has no checklist item to keep a note on, so nothing was saved."
UNSTORABLE = "This note contains characters that cannot be stored. Nothing was saved."


@holds_learner_data
class NoteState(NoteFields, rx.State):
    """The note being edited on this tab's item page.

    When another tab's save replaces the version this tab saved or loaded, ``overwritten``
    holds a notice until the learner chooses: keep their own text (saved again, so the other
    tab is told in turn), look at the other version, or keep that one. Typing on also
    chooses: what is on screen is saved.

    ``draft_restored`` holds the notice for an unsaved draft the browser brought back.
    """

    @event
    async def load_note(self, item_slug: str):
        """Read the learner's note for the item page being opened, then ask the browser for
        an unsaved draft of it (``restore_draft``), even when the read failed."""
        known = isinstance(item_slug, str) and item_slug in get_content().item_slugs
        self.item_slug = item_slug if known else ""
        self.save_status, self.error, self.draft_restored = "idle", "", False
        self.note_loaded = False
        self.draft, self._version, self.updated_at, self._saved_body = "", None, "", ""
        self._clear_notice()
        if not known:
            logger.warning("ignored a note for unknown item %s", loggable(item_slug))
            return
        if await current_learner_id(self) is None:
            return None  # identify runs this again once the learner is known
        restore = rx.call_script(
            read_draft_script(draft_key(item_slug)), callback=NoteState.restore_draft
        )
        refusal = await self._read_stored()
        self.note_loaded = True
        return [*(refusal or []), restore]

    @event
    def restore_draft(self, stored: str | None):
        """Put an unsaved draft the browser kept back on screen, with the Save/Discard notice.

        A draft equal to the stored note is simply dropped (not one equal to the text on
        screen: an edit the closing page sent can put unsaved text there first); anything that
        is not text this editor could have written is ignored.
        """
        if not self.item_slug or not isinstance(stored, str) or self.draft_restored:
            return None
        if stored == self._saved_body:
            return rx.call_script(forget_draft_script(draft_key(self.item_slug)))
        if len(stored) > MAX_TYPED_CHARS or not note_editing.is_storable(stored):
            return None
        self.draft, self.draft_restored, self.save_status = stored, True, "idle"
        self.error = note_editing.too_long(stored)
        return None

    @event
    async def save_draft(self):
        """Save the restored draft (the notice's Save button)."""
        return await self.edit(self.draft)

    @event
    async def discard_draft(self):
        """Throw the unsaved draft away and show the stored note again."""
        if not self.item_slug:
            return None
        self.draft_restored, self.save_status, self.error = False, "idle", ""
        self._clear_notice()
        forget = rx.call_script(forget_draft_script(draft_key(self.item_slug)))
        return [forget, *(await self._read_stored() or [])]

    @event
    async def edit(self, body: str):
        """Autosave after a pause in typing; too-long text is kept on screen, not saved."""
        if not isinstance(body, str):
            return
        if not note_editing.is_storable(
            body
        ):  # a lone surrogate could not even be sent back to the browser
            self.error, self.save_status = UNSTORABLE, "idle"
            return
        self.draft = body
        if note_editing.too_long(body):
            self.save_status, self.error = "idle", note_editing.too_long(body)
            return
        conflict, refusal = await self._store(body, self._version)
        if conflict is not None:
            self._clear_notice()  # what is on screen is the version the learner went on with
            self.save_status = "conflict" if conflict else "saved"
            return self._saved(body)
        return refusal

    @event
    async def check(self):
        """Notice a save from another tab or device since this tab last saved or loaded.

        The same text needs no notice (the version is simply taken over); different text
        puts up the notice, with the learner's own text left in the editor.
        """
        if not self.item_slug or self._version is None:
            return
        if await current_learner_id(self) is None:
            return None
        outcome = await run_for_learner(self, note_editing.read_for_editor, self.item_slug)
        if not outcome.ok:
            if not self.item_slug:  # the tab was revoked and cleared: say why
                return outcome.refusal
            logger.warning("checking a note for changes failed; the next check tries again")
            return None
        stored = outcome.value
        body, version, updated_at = stored.body, stored.version, stored.updated_at
        if version == (self._theirs_version if self.overwritten else self._version):
            return
        mine = self._mine if self.overwritten else self.draft
        if body == mine or not mine.strip():  # the same text, or nothing of this tab's to lose
            self.draft = body
            self._settle(version, updated_at)
            forget = self._saved(mine)  # drops the browser's draft if it is still ``mine``
            self._saved_body = body  # what is stored is ``body`` (``mine`` may be blank)
            return forget
        if not self.overwritten:
            self._mine = self.draft
        self._theirs, self._theirs_version, self._theirs_updated_at = body, version, updated_at
        self.overwritten, self.theirs_deleted = True, version == 0
        self.overwritten_at = updated_at or note_editing.iso(utcnow())
        if self.showing_theirs:
            self.draft = body

    @event
    def show_theirs(self):
        """Put the other tab's version in the editor; the learner's own stays one click away."""
        if not self.overwritten:
            return
        self.draft, self._version = self._theirs, self._theirs_version
        self.showing_theirs, self.save_status, self.error = True, "idle", ""

    @event
    def keep_theirs(self):
        """Settle on the other tab's version (it is the stored one: nothing to save)."""
        if not self.overwritten:
            return
        self.draft = self._saved_body = self._theirs
        self._settle(self._theirs_version, self._theirs_updated_at)
        self.save_status, self.draft_restored = "saved", False
        return rx.call_script(forget_draft_script(draft_key(self.item_slug)))

    @event
    async def keep_mine(self):
        """Save this tab's text over the other version (last write wins; that tab is told)."""
        if not self.overwritten:
            return
        self.draft = mine = self._mine
        conflict, refusal = await self._store(mine, self._theirs_version)
        if conflict is not None:
            self._clear_notice()
            self.save_status = "conflict" if conflict else "kept"
            return self._saved(mine)
        return refusal

    async def _read_stored(self) -> list | None:
        """Show the stored note; the refusal to answer with when it cannot be read."""
        outcome = await run_for_learner(self, note_editing.read_for_editor, self.item_slug)
        if not outcome.ok:
            self.save_status = "failed"
            return outcome.refusal
        stored = outcome.value
        self.draft, self._version, self.updated_at = stored.body, stored.version, stored.updated_at
        self._saved_body = stored.body
        return None

    def _saved(self, typed: str):
        """``typed`` is stored now: drop the draft notice, and the browser's draft if it is
        still that text."""
        self.draft_restored = False
        self._saved_body = typed
        return rx.call_script(forget_draft_script(draft_key(self.item_slug), only_if=typed))

    async def _store(self, body: str, base_version: int | None) -> tuple[bool | None, list | None]:
        """Save ``body``: (whether another save came in between, or None when nothing was
        saved; the events to answer with when the save was refused)."""
        self.error = ""
        if not self.item_slug:  # load_note refused the item
            self.error, self.save_status = UNKNOWN_ITEM, "idle"
            return None, None
        try:
            outcome = await run_for_learner(
                self,
                note_editing.save_from_editor,
                get_content(),
                self.item_slug,
                body,
                base_version,
            )
        except ValueError as problem:
            self.error, self.save_status = str(problem), "idle"
            return None, None
        if not outcome.ok:
            self.save_status = "failed"
            return None, outcome.refusal
        saved = outcome.value
        self.updated_at = saved.updated_at
        if saved.version != self._version or saved.conflict:
            await announce_change(self)
        self._version = saved.version
        return saved.conflict, None
