"""Your data (``/your-data``): export, import with preview, reset, and the share link."""

from __future__ import annotations

import logging

import reflex as rx

from fullstack_guide import routes, styles
from fullstack_guide.components.content import page_header, section
from fullstack_guide.content import get_content
from fullstack_guide.identity import (
    NOT_READY,
    current_learner_id,
    holds_learner_data,
    run_for_learner,
)
from fullstack_guide.models import Status, utcnow
from fullstack_guide.pages import your_data_parts as parts
from fullstack_guide.services import notes, progress, sharing, transfer
from fullstack_guide.state import ProgressState
from fullstack_guide.templates import register_page
from fullstack_guide.wording import counted

logger = logging.getLogger(__name__)
UPLOAD_ID = "progress_import"


def _markdown(session, learner_id: int) -> str:
    statuses = progress.get_statuses(session, learner_id)
    bodies = {slug: note.body for slug, note in notes.get_notes(session, learner_id).items()}
    return transfer.export_markdown(get_content(), statuses, bodies)


def _preview(session, learner_id: int, raw: bytes):
    plan = transfer.parse_import(raw, get_content())
    changes = transfer.preview_import(session, get_content(), learner_id, plan)
    listed = {item.slug for item in plan.items}
    statuses = progress.get_statuses(session, learner_id)
    recorded = {slug for slug, status in statuses.items() if status != Status.NOT_STARTED}
    kept = (recorded | notes.get_notes(session, learner_id).keys()) - listed
    return plan, changes, parts.merge_note(len(listed), len(kept))


def _apply(session, learner_id: int, raw: bytes) -> str:
    plan = transfer.parse_import(raw, get_content())
    return transfer.apply_import(session, get_content(), learner_id, plan)


def _share_status(session, learner_id: int):
    link = sharing.active_share(session, learner_id)
    return (
        (True, link.include_notes, link.created_at.date().isoformat())
        if link
        else (False, False, "")
    )


def _enable_share(session, learner_id: int, include_notes: bool, renew: bool):
    share = (sharing.renew_share if renew else sharing.enable_share)(
        session, learner_id, include_notes
    )
    return share.token, share.link.include_notes, share.link.created_at.date().isoformat()


def _reset(session, learner_id: int) -> str:
    return progress.reset_all(session, get_content(), learner_id)


def _export_json(session, learner_id: int) -> str:
    return transfer.export_json(session, get_content(), learner_id)


@holds_learner_data
class YourDataState(rx.State):
    """Export/import, reset and sharing for the learner of this tab."""

    preview: list[dict[str, str]] = []
    merge_note: str = ""
    unknown_slugs: list[str] = []
    import_error: str = ""
    import_ready: bool = False
    sharing_on: bool = False
    share_since: str = ""
    # The full link, only right after it was made (only its digest is stored).
    share_token: str = ""
    share_notes: bool = False
    origin: str = ""
    _pending: bytes = b""

    def _forget_learner(self) -> None:
        self.reset()

    def _clear_import(self) -> None:
        self.preview, self.unknown_slugs, self.import_error = [], [], ""
        self.import_ready, self._pending, self.merge_note = False, b"", ""

    @rx.event
    async def load(self):
        """Read the share-link status and forget any half-done import."""
        self.origin = self.router.url.origin
        self._clear_import()
        self.share_token = ""
        if await current_learner_id(self) is None:
            return None  # identify runs this again once the learner is known
        outcome = await run_for_learner(self, _share_status)
        if not outcome.ok:
            return outcome.refusal
        self.sharing_on, self.share_notes, self.share_since = outcome.value
        return None

    async def _download(self, build, filename: str, mime: str):
        outcome = await run_for_learner(self, build)
        if not outcome.ok:
            return outcome.refusal
        return rx.download(data=outcome.value, filename=filename, mime_type=mime)

    @rx.event
    async def export_json(self):
        """Download statuses, notes, review schedule and recent history as versioned JSON."""
        stamp = utcnow().date().isoformat()
        return await self._download(
            _export_json, f"fullstack-guide-progress-{stamp}.json", "application/json"
        )

    @rx.event
    async def export_markdown(self):
        """Download the checklist with ticks and notes as Markdown."""
        stamp = utcnow().date().isoformat()
        return await self._download(
            _markdown, f"fullstack-guide-checklist-{stamp}.md", "text/markdown"
        )

    @rx.event
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
            outcome = await run_for_learner(self, _preview, bytes(raw))
        except transfer.InvalidImportError as problem:
            self.import_error = f"{problem} Nothing was changed."
            return None
        if not outcome.ok:
            return outcome.refusal
        plan, changes, self.merge_note = outcome.value
        self._pending = bytes(raw)
        self.unknown_slugs = list(plan.unknown_slugs)
        self.preview = [parts.change_row(change) for change in changes]
        self.import_ready = True
        return None

    @rx.event
    async def confirm_import(self):
        """Apply the previewed import in one all-or-nothing transaction."""
        if not self.import_ready:
            return None
        try:
            outcome = await run_for_learner(self, _apply, self._pending)
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

    @rx.event
    def cancel_import(self):
        self._clear_import()

    @rx.event
    async def reset_progress(self):
        """Set every item back to not started (undoable from the history)."""
        outcome = await run_for_learner(self, _reset)
        if not outcome.ok:
            return outcome.refusal
        refused = await (await self.get_state(ProgressState)).refresh()
        if refused:
            return refused
        return rx.toast.success("All progress reset. Your notes are kept. Undo restores it.")

    async def _share(self, renew: bool):
        outcome = await run_for_learner(self, _enable_share, self.share_notes, renew)
        if not outcome.ok:
            return outcome.refusal
        token, self.share_notes, self.share_since = outcome.value
        self.sharing_on = True
        if token:
            self.share_token = token
        return None

    @rx.event
    async def enable_share(self):
        """Turn on the read-only public page (or update whether it shows notes)."""
        return await self._share(renew=False)

    @rx.event
    async def renew_share(self):
        """Make a new link (the old one stops working); shown once, like the first."""
        return await self._share(renew=True)

    @rx.event
    async def set_share_notes(self, include: bool):
        self.share_notes = include is True
        if self.sharing_on:
            return await self.enable_share()
        return None

    @rx.event
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


def your_data_page() -> rx.Component:
    return rx.box(
        page_header(
            "Your data",
            "Your progress belongs to you: download it, bring it back, start over, or share a "
            "read-only view.",
            eyebrow="Progress",
        ),
        section("Export", parts.export_block(YourDataState)),
        section("Import", parts.import_block(YourDataState, UPLOAD_ID)),
        section("Share a read-only view", parts.share_block(YourDataState)),
        section("Reset", parts.reset_block(YourDataState, ProgressState.undo)),
        rx.text(
            "Want the same progress on another device? ",
            rx.link("Create an account or sign in", href=routes.ACCOUNT),
            ".",
            margin_top="2rem",
            style=styles.muted_text,
        ),
    )


register_page(
    routes.YOUR_DATA,
    "Your data",
    "Export, import, reset or share your Full Stack Python Guide progress.",
    your_data_page,
    on_load=(YourDataState.load,),
    index=False,
)
