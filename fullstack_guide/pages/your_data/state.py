"""The Your data page's state: export, import with preview, reset and the share link."""

from __future__ import annotations

import logging
from collections.abc import Callable

import reflex as rx

from fullstack_guide import routes
from fullstack_guide.content import get_content
from fullstack_guide.events import event
from fullstack_guide.identity import (
    NOT_READY,
    current_learner_id,
    holds_learner_data,
    run_for_learner,
)
from fullstack_guide.models import STATUS_LABELS, utcnow
from fullstack_guide.services import learner_data, sharing, transfer
from fullstack_guide.state import ProgressState
from fullstack_guide.wording import counted, merge_note

logger = logging.getLogger(__name__)


def _change_row(change: transfer.Change) -> dict[str, str]:
    """One previewed import change, as text for the table."""
    return {
        "title": change.title,
        "before": STATUS_LABELS.get(change.old_status, change.old_status),
        "after": STATUS_LABELS.get(change.new_status, change.new_status),
        "note": "updated" if change.note_changed else "",
    }


@holds_learner_data
class YourDataState(rx.State):
    """Export/import, reset and sharing for the learner of this tab."""

    preview: rx.Field[list[dict[str, str]]] = rx.field(default_factory=list)
    merge_note: rx.Field[str] = rx.field("")
    unknown_slugs: rx.Field[list[str]] = rx.field(default_factory=list)
    import_error: rx.Field[str] = rx.field("")
    import_ready: rx.Field[bool] = rx.field(False)
    sharing_on: rx.Field[bool] = rx.field(False)
    share_since: rx.Field[str] = rx.field("")
    # The full link, only right after it was made (only its digest is stored).
    share_token: rx.Field[str] = rx.field("")
    share_notes: rx.Field[bool] = rx.field(False)
    origin: rx.Field[str] = rx.field("")
    _pending: bytes = b""

    def _forget_learner(self) -> None:
        self.reset()

    def _clear_import(self) -> None:
        self.preview, self.unknown_slugs, self.import_error = [], [], ""
        self.import_ready, self._pending, self.merge_note = False, b"", ""

    @event
    async def load(self):
        """Read the share-link status and forget any half-done import."""
        self.origin = self.router.url.origin
        self._clear_import()
        self.share_token = ""
        if await current_learner_id(self) is None:
            return None  # identify runs this again once the learner is known
        outcome = await run_for_learner(self, learner_data.share_state)
        if not outcome.ok:
            return outcome.refusal
        share = outcome.value
        self.sharing_on, self.share_notes = share.on, share.include_notes
        self.share_since = share.since
        return None

    async def _download(self, build: Callable[..., str], filename: str, mime: str):
        outcome = await run_for_learner(self, build, get_content())
        if not outcome.ok:
            return outcome.refusal
        return rx.download(data=outcome.value, filename=filename, mime_type=mime)

    @event
    async def export_json(self):
        """Download statuses, notes, review schedule and recent history as versioned JSON."""
        stamp = utcnow().date().isoformat()
        return await self._download(
            learner_data.export_json, f"fullstack-guide-progress-{stamp}.json", "application/json"
        )

    @event
    async def export_markdown(self):
        """Download the checklist with ticks and notes as Markdown."""
        stamp = utcnow().date().isoformat()
        return await self._download(
            learner_data.export_markdown, f"fullstack-guide-checklist-{stamp}.md", "text/markdown"
        )

    @event
    async def handle_upload(self, files: list[rx.UploadFile]):
        """Validate an uploaded export and show what importing it would change."""
        self._clear_import()
        if not isinstance(files, list) or len(files) != 1 or not hasattr(files[0], "read"):
            self.import_error = "Choose one JSON file exported from this guide."
            return None
        raw = await files[0].read(transfer.MAX_IMPORT_BYTES + 1)  # never more than that
        if not isinstance(raw, bytes | bytearray):
            self.import_error = "Choose one JSON file exported from this guide."
            return None
        if len(raw) > transfer.MAX_IMPORT_BYTES:  # the real size is unknown: do not guess it
            self.import_error = (
                f"The file is over {transfer.MAX_IMPORT_BYTES:,} bytes, more than a progress "
                "export can be. Nothing was changed."
            )
            return None
        if await current_learner_id(self) is None:
            self.import_error = NOT_READY
            return None
        try:
            outcome = await run_for_learner(
                self, learner_data.preview_upload, get_content(), bytes(raw)
            )
        except transfer.InvalidImportError as problem:
            self.import_error = f"{problem} Nothing was changed."
            return None
        if not outcome.ok:
            return outcome.refusal
        plan, changes, kept = outcome.value
        self.merge_note = merge_note(len({item.slug for item in plan.items}), kept)
        self._pending = bytes(raw)
        self.unknown_slugs = list(plan.unknown_slugs)
        self.preview = [_change_row(change) for change in changes]
        self.import_ready = True
        return None

    @event
    async def confirm_import(self):
        """Apply the previewed import in one all-or-nothing transaction."""
        if not self.import_ready:
            return None
        try:
            outcome = await run_for_learner(
                self, learner_data.apply_upload, get_content(), self._pending
            )
        except (transfer.InvalidImportError, ValueError) as problem:
            self.import_error = f"{problem} Nothing was changed."
            return None
        if not outcome.ok:
            return outcome.refusal
        count = len(self.preview)
        self.preview, self.import_ready, self._pending = [], False, b""
        refused = await (await self.get_state(ProgressState)).refresh()
        if refused:
            return refused
        undo_hint = " Undo reverts the status changes." if outcome.value else ""
        return rx.toast.success(f"Imported {counted(count, 'change')}.{undo_hint}")

    @event
    def cancel_import(self):
        self._clear_import()

    @event
    async def reset_progress(self):
        """Set every item back to not started (undoable from the history)."""
        outcome = await run_for_learner(self, learner_data.reset_progress, get_content())
        if not outcome.ok:
            return outcome.refusal
        refused = await (await self.get_state(ProgressState)).refresh()
        if refused:
            return refused
        return rx.toast.success("All progress reset. Your notes are kept. Undo restores it.")

    async def _share(self, renew: bool):
        outcome = await run_for_learner(self, learner_data.turn_on_share, self.share_notes, renew)
        if not outcome.ok:
            return outcome.refusal
        share = outcome.value
        self.sharing_on, self.share_notes, self.share_since = True, share.include_notes, share.since
        if share.token:
            self.share_token = share.token
        return None

    @event
    async def enable_share(self):
        """Turn on the read-only public page (or update whether it shows notes)."""
        return await self._share(renew=False)

    @event
    async def renew_share(self):
        """Make a new link (the old one stops working); shown once, like the first."""
        return await self._share(renew=True)

    @event
    async def set_share_notes(self, include: bool):
        self.share_notes = include is True
        if self.sharing_on:
            return await self._share(renew=False)
        return None

    @event
    async def revoke_share(self):
        """Turn the public page off; the old link stops working for good."""
        outcome = await run_for_learner(self, sharing.revoke_share)
        if not outcome.ok:
            return outcome.refusal
        self.share_token, self.sharing_on, self.share_since = "", False, ""
        return rx.toast.success("Sharing is off. The old link no longer works.")

    @rx.var
    def share_url(self) -> str:
        return f"{self.origin}{routes.shared_url(self.share_token)}" if self.share_token else ""
