"""The dashboard's record of activity: completions over time, the year's heatmap and the
undoable history."""

from __future__ import annotations

import reflex as rx
from reflex.vars import ArrayVar, ObjectVar

from fullstack_guide import styles
from fullstack_guide.pages.dashboard.state import DashboardState
from fullstack_guide.services.dashboard_summary import HistoryEntry


class CompletionChart(rx.NoSSRComponent):
    """``completion_chart.js``: recharts' area chart, imported when the chart is first drawn
    (with the page, recharts was 93 KiB brotli of every dashboard visit's first load)."""

    library = rx.asset("completion_chart.js", shared=True).importable_path
    tag = "CompletionChart"
    is_default = True
    lib_dependencies: list[str] = ["recharts@3.10.1"]

    points: rx.Var[list]


def completion_chart(points: ArrayVar) -> rx.Component:
    return rx.cond(
        points.length() > 1,
        rx.box(
            CompletionChart.create(points=points),
            # The lazily loaded chart's height, kept while it loads (no layout shift).
            min_height="240px",
            role="img",
            aria_label="Chart of items done over time",
        ),
        rx.text(
            "Tick items off on two or more days to see your completions over time.",
            style=styles.muted_text,
        ),
    )


def heatmap() -> rx.Component:
    """A year of days as plain elements styled by ``.heat-*`` in ``assets/styles.css``.

    371 cells as Radix boxes each ran Radix's prop extraction and an Emotion style of their own
    when the dashboard's data arrived (issue 11); a cell's shade is its ``data-level``.
    """
    return rx.vstack(
        rx.el.div(
            rx.el.div(
                rx.foreach(
                    DashboardState.weeks,
                    lambda week: rx.el.div(
                        rx.foreach(
                            week,
                            lambda cell: rx.el.div(
                                class_name="heat-cell",
                                data_level=cell["level"].to(str),
                                title=cell["label"].to(str),
                            ),
                        ),
                        class_name="heat-week",
                    ),
                ),
                class_name="heat-grid",
            ),
            class_name="heat-scroll",
            role="img",
            aria_label=f"Activity grid: {DashboardState.active_days} active days in the last year",
        ),
        rx.text(
            "Each square is a day; darker means more changes.", size="1", style=styles.muted_text
        ),
        width="100%",
    )


def _entry_line(event: ObjectVar[HistoryEntry], title: rx.Component) -> rx.Component:
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


def _batch(event: ObjectVar[HistoryEntry]) -> rx.Component:
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


def timeline(events: ArrayVar) -> rx.Component:
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
