"""The dashboard page: overall and per-section progress, streaks and the queues of items,
bound to :class:`DashboardState` (the record of activity is in ``activity``)."""

from __future__ import annotations

import reflex as rx
from reflex.event import EventType
from reflex.vars import ArrayVar, BooleanVar, NumberVar, ObjectVar

from fullstack_guide import routes, styles
from fullstack_guide.components.content import page_header
from fullstack_guide.components.progress import overall_progress, section_progress_grid
from fullstack_guide.components.status import loading_placeholder
from fullstack_guide.pages.dashboard.activity import completion_chart, heatmap, timeline
from fullstack_guide.pages.dashboard.state import DashboardState
from fullstack_guide.state import ProgressState
from fullstack_guide.templates import page

# Item links ({slug, title, href}); mypy cannot see a Field's element type: unparameterised.
ItemLinks = ArrayVar


def _reload_after(event: EventType[()]) -> list[EventType[()]]:
    """``event``, then a fresh read of the dashboard (it changed what the page shows)."""
    return [event, DashboardState.load]


def block(title: str, *children: rx.Component) -> rx.Component:
    return rx.el.section(
        rx.heading(title, as_="h2", size="4", margin_bottom="0.75rem"),
        *children,
        margin_top="2rem",
        width="100%",
    )


def streak_card() -> rx.Component:
    """Streak figures, each a skeleton until the dashboard has loaded (never a false zero)."""

    def figure(value: NumberVar, label: str) -> rx.Component:
        return rx.vstack(
            rx.cond(
                DashboardState.loaded,
                rx.text(value.to_string(), size="7", weight="bold"),
                rx.skeleton(width="2.5rem", height="2.25rem"),
            ),
            rx.text(label, size="2", style=styles.muted_text),
            spacing="0",
        )

    return rx.box(
        rx.heading("Streaks", as_="h2", size="4", margin_bottom="0.5rem"),
        rx.hstack(
            figure(DashboardState.current_streak, "current streak (days)"),
            figure(DashboardState.longest_streak, "longest streak (days)"),
            figure(DashboardState.active_days, "active days this year"),
            spacing="6",
            wrap="wrap",
        ),
        style=styles.card,
    )


def item_links(items: ItemLinks, empty: str, loaded: BooleanVar) -> rx.Component:
    """Links to items; until ``loaded`` a placeholder, not a wrong "nothing yet"."""
    return rx.cond(loaded, _item_list(items, empty), loading_placeholder("Loading…"))


def _item_list(items: ItemLinks, empty: str) -> rx.Component:
    return rx.cond(
        items.length() > 0,
        rx.el.ul(
            rx.foreach(
                items,
                lambda item: rx.el.li(
                    rx.link(item["title"], href=item["href"]), padding_y="0.2rem"
                ),
            ),
            # No bullets are drawn, so no indent: the links line up with their heading.
            padding_left="0",
            list_style_type="none",
        ),
        rx.text(empty, style=styles.muted_text),
    )


def _review_answer(
    label: str, remembered: bool, item: ObjectVar[dict[str, str]], **props: str
) -> rx.Component:
    answer = ProgressState.review_item(item["slug"], remembered)
    return rx.button(
        label,
        size="1",
        on_click=_reload_after(answer),
        aria_label=f"{label}: " + item["title"],
        **props,
    )


def review_queue(items: ItemLinks) -> rx.Component:
    return rx.cond(
        items.length() > 0,
        rx.el.ul(
            rx.foreach(
                items,
                lambda item: rx.el.li(
                    rx.hstack(
                        rx.link(item["title"], href=item["href"], flex="1"),
                        _review_answer("Still know it", True, item),
                        _review_answer("Forgot", False, item, variant="soft"),
                        align="center",
                        spacing="2",
                        wrap="wrap",
                    ),
                    padding_y="0.35rem",
                    list_style="none",
                ),
            ),
            padding="0",
        ),
        rx.text(
            "Nothing to review right now. Done items come back after 1, 3, 7, 21 and 60 days.",
            style=styles.muted_text,
        ),
    )


@page(
    route=routes.DASHBOARD,
    title="Your dashboard",
    description="Track your progress on the Python checklist without signing up: per-section "
    "progress, a year of activity, streaks, spaced reviews and an undoable history.",
    # Indexable: the page is the same for everyone until the learner's own data loads.
    on_load=(DashboardState.load,),
)
def dashboard_page() -> rx.Component:
    return rx.box(
        page_header(
            "Your dashboard",
            "Where you are, what you have done lately, and what to learn next.",
            eyebrow="Progress",
        ),
        rx.grid(
            rx.box(
                rx.heading("Overall", as_="h2", size="4", margin_bottom="0.5rem"),
                overall_progress(),
                style=styles.card,
            ),
            streak_card(),
            columns=rx.breakpoints(initial="1", md="2"),
            spacing="3",
        ),
        block("By section", section_progress_grid()),
        block(
            "Review queue",
            review_queue(DashboardState.reviews),
        ),
        rx.grid(
            block(
                "In progress",
                item_links(DashboardState.in_progress, "Nothing yet.", DashboardState.loaded),
            ),
            block(
                "Next up",
                item_links(
                    DashboardState.next_up, "You have done everything!", DashboardState.loaded
                ),
            ),
            columns=rx.breakpoints(initial="1", md="2"),
            spacing="4",
        ),
        block("Completions over time", completion_chart(DashboardState.chart)),
        block("Activity in the last 365 days", heatmap()),
        block(
            "History",
            rx.button(
                rx.icon("undo_2", size=16),
                "Undo last change",
                variant="soft",
                on_click=_reload_after(ProgressState.undo),
                disabled=~ProgressState.can_undo,  # nothing to undo (yet, or any more)
            ),
            timeline(DashboardState.timeline),
        ),
        rx.text(
            "Export, import, reset or share your progress on ",
            rx.link("Your data", href=routes.YOUR_DATA),
            ".",
            margin_top="2rem",
        ),
    )
