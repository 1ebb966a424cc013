"""The read-only public progress page at ``/shared/<token>``: progress (and notes if allowed).

Nothing on this page can change anything, and it shows only what the owner chose to share.
"""

from __future__ import annotations

import logging
from urllib.parse import unquote

import reflex as rx
from reflex.vars import ObjectVar
from sqlalchemy.exc import SQLAlchemyError

from fullstack_guide import routes, styles
from fullstack_guide.components.content import page_header
from fullstack_guide.components.note_markdown import note_markdown
from fullstack_guide.components.status import status_badge
from fullstack_guide.content import get_content
from fullstack_guide.db import run_in_session
from fullstack_guide.events import event
from fullstack_guide.models import Status
from fullstack_guide.services.shared_progress import read_shared_progress
from fullstack_guide.templates import page

logger = logging.getLogger(__name__)


def token_from_path(path: str) -> str:
    """The ``<token>`` of ``/shared/<token>`` (Reflex 0.10 deprecates ``router.page.params``).

    Whatever precedes ``/shared/`` (a ``frontend_path`` prefix) is ignored; anything that is
    not one path segment after it is no token at all.
    """
    _, sep, token = path.rstrip("/").rpartition(f"{routes.SHARED}/")
    return unquote(token) if sep and "/" not in token else ""


class SharedState(rx.State):
    """A shared progress view, looked up by the token in the URL."""

    found: rx.Field[bool] = rx.field(False)
    loaded: rx.Field[bool] = rx.field(False)
    summary: rx.Field[str] = rx.field("")
    sections: rx.Field[list[dict]] = rx.field(default_factory=list)

    @event
    async def load_shared(self):
        """Read the shared view; an unknown or revoked token shows 'not available'."""
        token = token_from_path(self.router.url.path)
        self.loaded, self.found, self.sections = False, False, []
        try:
            result = await run_in_session(read_shared_progress, get_content(), token)
        except SQLAlchemyError:
            logger.exception("reading a shared view failed")
            result = None
        self.loaded = True
        if result is None:
            return
        view, overall, rollups = result.view, result.overall, result.sections
        self.found = True
        self.summary = f"{overall.done} of {overall.total} items done ({overall.percent}%)"
        self.sections = [
            {
                "title": f"{sec.number}. {sec.title}",
                "summary": f"{rollups[sec.slug].done} of {rollups[sec.slug].total} done",
                "items": [
                    {
                        "title": item.title,
                        "status": view.statuses.get(item.slug, Status.NOT_STARTED.value),
                        "note": view.notes.get(item.slug, ""),
                    }
                    for item in sec.items
                ],
            }
            for sec in get_content().sections
        ]


def _item(item: ObjectVar[dict[str, str]]) -> rx.Component:
    return rx.el.li(
        rx.hstack(
            rx.text(item["title"], weight="medium"),
            status_badge(item["status"]),
            align="center",
            spacing="2",
        ),
        rx.cond(
            item["note"] != "",
            rx.box(
                note_markdown(item["note"].to(str)),
                class_name="note-preview",
                padding_left="1.75rem",
                font_size="0.875rem",
            ),
        ),
        padding_y="0.35rem",
        list_style="none",
    )


@page(
    route=f"{routes.SHARED}/[token]",
    title="Shared progress",
    description="A read-only view of a learner's progress on the Python checklist.",
    on_load=(SharedState.load_shared,),
    index=False,
    meta=({"name": "referrer", "content": "no-referrer"},),
    listed=False,
)
def shared_page() -> rx.Component:
    found = rx.box(
        page_header(
            "Shared progress",
            "A read-only view of one learner's checklist.",
            eyebrow="Full Stack Python Guide",
        ),
        rx.text(SharedState.summary, size="4", weight="medium"),
        rx.foreach(
            SharedState.sections,
            lambda sec: rx.el.section(
                rx.heading(sec["title"].to(str), as_="h2", size="4"),
                rx.text(sec["summary"].to(str), size="2", style=styles.muted_text),
                rx.el.ul(rx.foreach(sec["items"].to(list[dict[str, str]]), _item), padding="0"),
                margin_top="1.5rem",
            ),
        ),
    )
    missing = page_header(
        "This shared page is not available",
        "The link may be mistyped, or its owner has stopped sharing.",
        eyebrow="Shared progress",
    )
    return rx.box(
        rx.cond(
            SharedState.loaded, rx.cond(SharedState.found, found, missing), rx.text("Loading…")
        ),
        rx.text(
            "Track your own progress: ",
            rx.link("open the checklist", href=routes.CHECKLIST),
            ".",
            margin_top="2rem",
        ),
    )
