"""Progress controls: the item checkbox and progress bars, all bound to ProgressState."""

from __future__ import annotations

import reflex as rx

from fullstack_guide import routes, styles
from fullstack_guide.content.schema import ChecklistItem
from fullstack_guide.services.progress import DONE
from fullstack_guide.state import ProgressState


def item_checkbox(item: ChecklistItem, *, label: str = "") -> rx.Component:
    """A real ``role=checkbox`` whose accessible name is the item's title."""
    control = rx.checkbox(
        checked=ProgressState.statuses[item.slug] == DONE,
        on_change=lambda checked: ProgressState.set_done(item.slug, checked),
        aria_label=item.title,
        size="3",
    )
    if not label:
        return control
    return rx.el.label(
        rx.hstack(control, rx.text(label, weight="medium"), align="center", spacing="2"),
        cursor="pointer",
    )


def item_row(section_slug: str, item: ChecklistItem) -> rx.Component:
    """One checklist line: the checkbox, the item's page link and its summary."""
    return rx.el.li(
        rx.hstack(
            rx.box(item_checkbox(item), padding_top="0.15rem"),
            rx.vstack(
                rx.link(
                    item.title,
                    href=routes.item_url(section_slug, item.slug),
                    weight="medium",
                    size="3",
                ),
                rx.text(item.summary, size="2", style=styles.muted_text),
                spacing="1",
                align="start",
            ),
            align="start",
            spacing="3",
        ),
        padding="0.75rem 0",
        border_bottom=f"1px solid {rx.color('gray', 4)}",
        list_style="none",
    )


def progress_bar(percent: rx.Var | int, label: str, summary: rx.Var | str) -> rx.Component:
    """A labelled progress bar with its figures written out for everyone."""
    return rx.vstack(
        rx.hstack(
            rx.text(label, weight="medium", size="2"),
            rx.text(summary, size="2", style=styles.muted_text),
            justify="between",
            width="100%",
        ),
        rx.progress(value=percent, max=100, aria_label=f"{label} progress", width="100%"),
        spacing="1",
        width="100%",
    )


def section_progress(section_slug: str, title: str) -> rx.Component:
    return progress_bar(
        ProgressState.section_percent[section_slug],
        title,
        ProgressState.section_summary[section_slug],
    )


def overall_progress() -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.text(ProgressState.overall_percent.to_string() + "%", size="8", weight="bold"),
            rx.text(ProgressState.overall_summary, style=styles.muted_text),
            align="baseline",
            spacing="3",
        ),
        rx.progress(
            value=ProgressState.overall_percent,
            max=100,
            aria_label="Overall checklist progress",
            width="100%",
        ),
        width="100%",
        spacing="2",
    )
