"""Your data (``/your-data``): export, import with preview, reset, and the share link."""

from __future__ import annotations

import logging

import reflex as rx
from sqlalchemy.exc import SQLAlchemyError

from fullstack_guide import routes, styles
from fullstack_guide.components.content import page_header, section
from fullstack_guide.content import get_content
from fullstack_guide.db import run_in_session
from fullstack_guide.models import utcnow
from fullstack_guide.pages import your_data_parts as parts
from fullstack_guide.services import history, notes, progress, sharing, transfer
from fullstack_guide.state import DB_UNAVAILABLE, ProgressState, current_learner_id
from fullstack_guide.templates import register_page

logger = logging.getLogger(__name__)
UPLOAD_ID = "progress_import"


def _markdown(session, learner_id: int) -> str:
    statuses = progress.get_statuses(session, learner_id)
    bodies = {slug: note.body for slug, note in notes.get_notes(session, learner_id).items()}
    return transfer.export_markdown(get_content(), statuses, bodies)


def _preview(session, learner_id: int, raw: bytes):
    plan = transfer.parse_import(raw, get_content())
    changes = transfer.preview_import(session, get_content(), learner_id, plan)
    return plan, changes


def _apply(session, learner_id: int, raw: bytes) -> str:
    plan = transfer.parse_import(raw, get_content())
    return transfer.apply_import(session, get_content(), learner_id, plan)


def _share_status(session, learner_id: int):
    link = sharing.active_share(session, learner_id)
    return (link.token, link.include_notes) if link else ("", False)


def _enable_share(session, learner_id: int, include_notes: bool):
    link = sharing.enable_share(session, learner_id, include_notes)
    return link.token, link.include_notes


class YourDataState(rx.State):
    """Export/import, reset and sharing for the learner of this tab."""

    preview: list[dict[str, str]] = []
    unknown_slugs: list[str] = []
    import_error: str = ""
    import_ready: bool = False
    share_token: str = ""
    share_notes: bool = False
    origin: str = ""
    _pending: bytes = b""

    async def _learner(self) -> int | None:
        return await current_learner_id(self)

    @rx.event
    async def load(self):
        """Read the share-link status and forget any half-done import."""
        self.origin = self.router.page.host
        self.preview, self.unknown_slugs, self.import_error = [], [], ""
        self.import_ready, self._pending = False, b""
        learner_id = await self._learner()
        if learner_id is None:
            return None
        try:
            self.share_token, self.share_notes = await run_in_session(_share_status, learner_id)
        except SQLAlchemyError:
            logger.exception("reading the share link failed")
            return rx.toast.error(DB_UNAVAILABLE)
        return None

    async def _download(self, build, filename: str, mime: str):
        learner_id = await self._learner()
        if learner_id is None:
            return rx.toast.info("Your progress is still loading. Try again in a second.")
        try:
            data = await run_in_session(build, learner_id)
        except SQLAlchemyError:
            logger.exception("export failed")
            return rx.toast.error(DB_UNAVAILABLE)
        return rx.download(data=data, filename=filename, mime_type=mime)

    @rx.event
    async def export_json(self):
        """Download everything (statuses, notes, history, reviews) as versioned JSON."""
        stamp = utcnow().date().isoformat()
        return await self._download(
            lambda s, lid: transfer.export_json(s, get_content(), lid),
            f"fullstack-guide-progress-{stamp}.json",
            "application/json",
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
        self.preview, self.unknown_slugs, self.import_error = [], [], ""
        self.import_ready, self._pending = False, b""
        if len(files) != 1:
            self.import_error = "Choose one JSON file exported from this guide."
            return
        raw = await files[0].read(transfer.MAX_IMPORT_BYTES + 1)  # never more than that
        if len(raw) > transfer.MAX_IMPORT_BYTES:  # the real size is unknown: do not guess it
            self.import_error = (
                f"The file is over {transfer.MAX_IMPORT_BYTES:,} bytes, more than a progress "
                "export can be. Nothing was changed."
            )
            return
        learner_id = await self._learner()
        if learner_id is None:
            self.import_error = "Your progress is still loading. Try again in a second."
            return
        try:
            plan, changes = await run_in_session(_preview, learner_id, raw)
        except transfer.InvalidImportError as problem:
            self.import_error = f"{problem} Nothing was changed."
            return
        except SQLAlchemyError:
            logger.exception("import preview failed")
            self.import_error = DB_UNAVAILABLE
            return
        self._pending = raw
        self.unknown_slugs = list(plan.unknown_slugs)
        self.preview = [parts.change_row(change) for change in changes]
        self.import_ready = True

    @rx.event
    async def confirm_import(self):
        """Apply the previewed import in one all-or-nothing transaction."""
        learner_id = await self._learner()
        if not self.import_ready or learner_id is None:
            return None
        try:
            batch = await run_in_session(_apply, learner_id, self._pending)
        except (transfer.InvalidImportError, ValueError) as problem:
            self.import_error = f"{problem} Nothing was changed."
            return None
        except SQLAlchemyError:
            logger.exception("import failed")
            self.import_error = DB_UNAVAILABLE + " Nothing was changed."
            return None
        count = len(self.preview)
        self.preview, self.import_ready, self._pending = [], False, b""
        await (await self.get_state(ProgressState)).refresh()
        undo_hint = " Undo reverts the status changes." if batch else ""
        return rx.toast.success(f"Imported {count} change(s).{undo_hint}")

    @rx.event
    def cancel_import(self):
        self.preview, self.unknown_slugs, self.import_ready, self._pending = [], [], False, b""

    @rx.event
    async def reset_progress(self):
        """Set every item back to not started (undoable from the history)."""
        learner_id = await self._learner()
        if learner_id is None:
            return None
        try:
            await run_in_session(
                lambda s, lid: history.reset_all(s, get_content(), lid), learner_id
            )
        except SQLAlchemyError:
            logger.exception("reset failed")
            return rx.toast.error(DB_UNAVAILABLE)
        await (await self.get_state(ProgressState)).refresh()
        return rx.toast.success("All progress reset. Your notes are kept. Undo restores it.")

    @rx.event
    async def enable_share(self):
        """Turn on the read-only public page (or update whether it shows notes)."""
        learner_id = await self._learner()
        if learner_id is None:
            return None
        try:
            self.share_token, self.share_notes = await run_in_session(
                _enable_share, learner_id, self.share_notes
            )
        except SQLAlchemyError:
            logger.exception("enabling sharing failed")
            return rx.toast.error(DB_UNAVAILABLE)
        return None

    @rx.event
    async def set_share_notes(self, include: bool):
        self.share_notes = include is True
        if self.share_token:
            return await self.enable_share()
        return None

    @rx.event
    async def revoke_share(self):
        """Turn the public page off; the old link stops working for good."""
        learner_id = await self._learner()
        if learner_id is None:
            return None
        try:
            await run_in_session(sharing.revoke_share, learner_id)
        except SQLAlchemyError:
            logger.exception("revoking sharing failed")
            return rx.toast.error(DB_UNAVAILABLE)
        self.share_token = ""
        return rx.toast.success("Sharing is off. The old link no longer works.")

    @rx.var
    def share_url(self) -> str:
        return f"{self.origin}{routes.SHARED}/{self.share_token}" if self.share_token else ""


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
