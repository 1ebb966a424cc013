"""The Python checklist (``/checklist``) and one page per section (``/checklist/<section>``)."""

from __future__ import annotations

from functools import partial

import reflex as rx

from fullstack_guide import routes, styles
from fullstack_guide.components.content import (
    breadcrumbs,
    page_header,
    section,
    source_list,
)
from fullstack_guide.components.progress import (
    compact_toggle,
    item_list,
    overall_progress,
    section_progress,
    shortcuts_help,
    status_announcer,
)
from fullstack_guide.components.state_slice import read_alone
from fullstack_guide.content import get_content
from fullstack_guide.content.schema import ChecklistSection
from fullstack_guide.state import ProgressState
from fullstack_guide.templates import page

SKIPPED_NOTE = (
    "Tick an item when you can do what its page lists; the menu beside it sets in progress or "
    "skipped. Progress saves as you go, and skipped items leave the totals."
)


def section_done_badge(section_slug: str) -> rx.Component:
    """A section shows as done once every item in it is (skipped ones aside)."""
    return rx.cond(
        read_alone(ProgressState.section_summary[section_slug]) == "all done",
        rx.badge(rx.icon("check", size=14), "Section done", color_scheme="grass"),
    )


def section_items(sec: ChecklistSection) -> rx.Component:
    return item_list((sec.slug, item) for item in sec.items)


@page(
    route=routes.CHECKLIST,
    title="The Python checklist",
    description="Scripting, data, web development, deployment, DevOps and AI: tick off what "
    "you know.",
)
def checklist_overview() -> rx.Component:
    content = get_content()
    return rx.box(
        page_header(
            "The Python checklist",
            "Six areas that take you from writing scripts to shipping and running web "
            "applications. Tick items off as you learn them; no account needed.",
            eyebrow="Checklist",
        ),
        rx.box(overall_progress(), style=styles.card),
        status_announcer(),
        rx.text(
            "See the items in the order they build on each other: ",
            rx.link("learning paths", href=routes.PATHS),
            ".",
            size="2",
            margin_top="0.5rem",
        ),
        rx.hstack(
            rx.text(SKIPPED_NOTE, size="2", style=styles.muted_text),
            rx.hstack(compact_toggle(), shortcuts_help(), align="center", spacing="3"),
            justify="between",
            align="center",
            margin_top="0.5rem",
            wrap="wrap",
        ),
        *[
            rx.el.section(
                rx.hstack(
                    rx.heading(
                        rx.link(f"{sec.number}. {sec.title}", href=routes.section_url(sec.slug)),
                        as_="h2",
                        size="5",
                        id=sec.slug,
                    ),
                    section_done_badge(sec.slug),
                    align="center",
                    spacing="3",
                ),
                rx.text(sec.summary, size="2", style=styles.muted_text, margin_y="0.5rem"),
                section_progress(sec.slug, sec.title),
                section_items(sec),
                margin_top="2rem",
            )
            for sec in content.sections
        ],
    )


def section_page(sec: ChecklistSection) -> rx.Component:
    return rx.box(
        breadcrumbs(("Checklist", routes.CHECKLIST), (sec.title, routes.section_url(sec.slug))),
        page_header(sec.title, sec.summary, eyebrow=f"Checklist section {sec.number}"),
        rx.box(
            section_progress(sec.slug, sec.title), section_done_badge(sec.slug), style=styles.card
        ),
        rx.hstack(
            compact_toggle(), shortcuts_help(), align="center", spacing="3", margin_top="0.5rem"
        ),
        status_announcer(),
        section("Items", section_items(sec)),
        section("Sources", source_list(sec.sources)),
    )


for _section in get_content().sections:
    page(
        route=routes.section_url(_section.slug),
        title=_section.title,
        description=_section.summary[:160],
    )(partial(section_page, _section))
