"""Pieces of the dashboard page: chart, heatmap, streaks, queues and timeline."""

from __future__ import annotations

import dataclasses

import reflex as rx

from fullstack_guide import styles
from fullstack_guide.components.status import loading_placeholder

HEAT_COLOURS = {
    -1: "transparent",
    0: rx.color("gray", 4),
    1: rx.color("grass", 6),
    2: rx.color("grass", 8),
    3: rx.color("grass", 10),
    4: rx.color("grass", 12),
}


def heatmap_weeks(days) -> list[list[dict]]:
    """Columns of Monday-to-Sunday cells for the activity grid (blank cells pad the start)."""
    cells: list[dict] = (
        [{"date": "", "label": "", "level": -1} for _ in range(days[0].date.weekday())]
        if days
        else []
    )
    for day in days:
        plural = "s" if day.count != 1 else ""
        cells.append(
            {
                "date": day.date.isoformat(),
                "label": f"{day.count} change{plural} on {day.date.isoformat()}",
                "level": day.level,
            }
        )
    return [cells[i : i + 7] for i in range(0, len(cells), 7)]


def block(title: str, *children: rx.Component) -> rx.Component:
    return rx.el.section(
        rx.heading(title, as_="h2", size="4", margin_bottom="0.75rem"),
        *children,
        margin_top="2rem",
        width="100%",
    )


def streak_card(state) -> rx.Component:
    """Streak figures, each a skeleton until the dashboard has loaded (never a false zero)."""

    def figure(value, label: str) -> rx.Component:
        return rx.vstack(
            rx.cond(
                state.loaded,
                rx.text(value.to_string(), size="7", weight="bold"),
                rx.skeleton(width="2.5rem", height="2.25rem"),
            ),
            rx.text(label, size="2", style=styles.muted_text),
            spacing="0",
        )

    return rx.box(
        rx.heading("Streaks", as_="h2", size="4", margin_bottom="0.5rem"),
        rx.hstack(
            figure(state.current_streak, "current streak (days)"),
            figure(state.longest_streak, "longest streak (days)"),
            figure(state.active_days, "active days this year"),
            spacing="6",
            wrap="wrap",
        ),
        style=styles.card,
    )


def item_links(items, empty: str, loaded) -> rx.Component:
    """Links to items; until ``loaded`` a placeholder, not a wrong "nothing yet"."""
    return rx.cond(loaded, _item_list(items, empty), loading_placeholder("Loading…"))


def _item_list(items, empty: str) -> rx.Component:
    return rx.cond(
        items.length() > 0,
        rx.el.ul(
            rx.foreach(
                items,
                lambda item: rx.el.li(
                    rx.link(item["title"], href=item["href"]), padding_y="0.2rem"
                ),
            ),
            padding_left="1.25rem",
        ),
        rx.text(empty, style=styles.muted_text),
    )


def _review_answer(label: str, remembered: bool, item, answer, reload_after, **props):
    return rx.button(
        label,
        size="1",
        on_click=reload_after(answer(item["slug"], remembered)),
        aria_label=f"{label}: " + item["title"],
        **props,
    )


def review_queue(items, answer, reload_after) -> rx.Component:
    return rx.cond(
        items.length() > 0,
        rx.el.ul(
            rx.foreach(
                items,
                lambda item: rx.el.li(
                    rx.hstack(
                        rx.link(item["title"], href=item["href"], flex="1"),
                        _review_answer("Still know it", True, item, answer, reload_after),
                        _review_answer("Forgot", False, item, answer, reload_after, variant="soft"),
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


def completion_chart(points) -> rx.Component:
    return rx.cond(
        points.length() > 1,
        rx.box(
            rx.recharts.area_chart(
                rx.recharts.cartesian_grid(stroke_dasharray="3 3"),
                rx.recharts.area(
                    data_key="done", stroke=rx.color("accent", 9), fill=rx.color("accent", 5)
                ),
                rx.recharts.x_axis(data_key="date"),
                rx.recharts.y_axis(allow_decimals=False),
                rx.recharts.graphing_tooltip(),
                data=points,
                height=240,
                width="100%",
            ),
            role="img",
            aria_label="Chart of items done over time",
        ),
        rx.text(
            "Tick items off on two or more days to see your completions over time.",
            style=styles.muted_text,
        ),
    )


def heatmap(state) -> rx.Component:
    return rx.vstack(
        rx.box(
            rx.hstack(
                rx.foreach(
                    state.weeks,
                    lambda week: rx.vstack(
                        rx.foreach(
                            week,
                            lambda cell: rx.box(
                                width="11px",
                                height="11px",
                                border_radius="2px",
                                background=rx.match(
                                    cell["level"].to(int),
                                    *[(level, colour) for level, colour in HEAT_COLOURS.items()],
                                    HEAT_COLOURS[0],
                                ),
                                title=cell["label"].to(str),
                            ),
                        ),
                        spacing="1",
                    ),
                ),
                spacing="1",
            ),
            overflow_x="auto",
            max_width="100%",
            padding_bottom="0.25rem",
            role="img",
            aria_label=f"Activity grid: {state.active_days} active days in the last year",
        ),
        rx.text(
            "Each square is a day; darker means more changes.", size="1", style=styles.muted_text
        ),
        width="100%",
    )


@dataclasses.dataclass
class HistoryEntry:
    """One history line: a single change, or a batch (reset, import) listing its ``changes``."""

    at: str
    undone: str
    title: str
    href: str
    change: str
    changes: list[dict[str, str]] = dataclasses.field(default_factory=list)


def _entry_line(event, title: rx.Component) -> rx.Component:
    return rx.hstack(
        rx.moment(event.at, from_now=True, size="1"),
        title,
        rx.text(event.change, size="2", style=styles.muted_text),
        rx.cond(event.undone != "", rx.badge("undone", variant="outline")),
        spacing="2",
        wrap="wrap",
        align="center",
        display="inline-flex",
    )


def _batch(event) -> rx.Component:
    """A bulk change folded into one entry; the native disclosure lists every item."""
    return rx.el.details(
        rx.el.summary(_entry_line(event, rx.text(event.title, size="2")), cursor="pointer"),
        rx.el.ul(
            rx.foreach(
                event.changes,
                lambda change: rx.el.li(
                    rx.link(change["title"], href=change["href"]),
                    " ",
                    rx.text.span(change["change"], size="2", style=styles.muted_text),
                    padding_y="0.15rem",
                ),
            ),
            padding_left="1.5rem",
            margin_y="0.25rem",
        ),
    )


def timeline(events) -> rx.Component:
    return rx.cond(
        events.length() > 0,
        rx.el.ol(
            rx.foreach(
                events,
                lambda event: rx.el.li(
                    rx.cond(
                        event.changes.length() > 0,
                        _batch(event),
                        _entry_line(event, rx.link(event.title, href=event.href)),
                    ),
                    padding_y="0.3rem",
                    list_style="none",
                ),
            ),
            padding="0",
            margin_top="0.75rem",
        ),
        rx.text("No changes yet.", style=styles.muted_text, margin_top="0.75rem"),
    )
