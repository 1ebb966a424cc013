"""Learning paths (``/paths``): each section's prerequisite graph with the learner's statuses."""

from __future__ import annotations

import reflex as rx

from fullstack_guide import routes, styles
from fullstack_guide.components.content import page_header
from fullstack_guide.components.status import status_badge
from fullstack_guide.content import get_content
from fullstack_guide.content.schema import ChecklistItem
from fullstack_guide.events import event
from fullstack_guide.services import dashboard
from fullstack_guide.state import ProgressState, status_of
from fullstack_guide.templates import page


class PathsState(rx.State):
    """Every not-started item whose prerequisites are met: the natural next steps."""

    ready: rx.Field[list[dict[str, str]]] = rx.field(default_factory=list)

    @event
    async def load(self):
        content = get_content()
        statuses = (await self.get_state(ProgressState)).statuses
        self.ready = [
            {"title": content.item(slug).title, "href": routes.item_url_for(slug)}
            for slug in dashboard.ready_to_learn(content, statuses)
        ]


def _node(item: ChecklistItem) -> rx.Component:
    content = get_content()
    status = status_of(item.slug)
    needs = ", ".join(content.item(p).title for p in item.prerequisites)
    return rx.link(
        rx.vstack(
            rx.text(item.title, weight="medium", size="2"),
            *([rx.text(f"after {needs}", size="1", style=styles.muted_text)] if needs else []),
            status_badge(status),
            spacing="1",
            align="start",
        ),
        href=routes.item_url_for(item.slug),
        underline="none",
        color="inherit",
        style=styles.link_card,
        padding="0.5rem 0.75rem",
    )


def _section_path(section) -> rx.Component:
    content = get_content()
    levels = dashboard.path_levels(content, section.slug)
    path = rx.el.ol(
        *[
            rx.el.li(
                rx.text(f"Step {n}", size="1", weight="medium", style=styles.muted_text),
                rx.vstack(*[_node(content.item(slug)) for slug in level], spacing="2"),
                list_style="none",
                min_width="13rem",
            )
            for n, level in enumerate(levels, start=1)
        ],
        display="flex",
        gap="1rem",
        padding="0.5rem 0",
        margin="0",
        aria_label=f"Learning path for {section.title}",
    )
    if len(levels) > 1:  # wider than a phone: say so, and let keyboards scroll it too
        path = rx.fragment(
            rx.text(
                "Scroll sideways to see every step →",
                size="1",
                style=styles.muted_text,
                display=["block", "block", "none"],
                aria_hidden="true",
            ),
            rx.box(
                path,
                role="region",
                aria_label=f"Learning path for {section.title} (scroll sideways)",
                tab_index=0,
                class_name="scroll-x",
            ),
        )
    return rx.el.section(
        rx.heading(f"{section.number}. {section.title}", as_="h2", size="4", id=section.slug),
        path,
        margin_top="1.75rem",
        min_width="0",
        max_width="100%",
    )


@page(
    route=routes.PATHS,
    title="Learning paths",
    description="The Python checklist as prerequisite paths, with your progress on every step.",
    on_load=(PathsState.load,),
)
def paths_page() -> rx.Component:
    return rx.box(
        page_header(
            "Learning paths",
            "Each section's items in the order they build on each other. An item's step is how "
            "many prerequisites lie before it.",
            eyebrow="Checklist",
        ),
        rx.box(
            rx.heading("Ready to learn now", as_="h2", size="4", margin_bottom="0.5rem"),
            rx.cond(
                PathsState.ready.length() > 0,
                rx.flex(
                    rx.foreach(
                        PathsState.ready,
                        lambda r: rx.link(rx.badge(r["title"], size="2"), href=r["href"]),
                    ),
                    wrap="wrap",
                    spacing="2",
                ),
                rx.text("Everything is done or waiting on earlier items.", style=styles.muted_text),
            ),
            style=styles.card,
        ),
        *[_section_path(section) for section in get_content().sections],
    )
