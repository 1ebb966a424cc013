"""Two stacks side by side, slot by slot, on the stack builder page."""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.vars import ArrayVar, StringVar

from fullstack_guide import styles
from fullstack_guide.components.controls import picker
from fullstack_guide.pages.builder.state import BuilderState


def _picker(label: str, value: StringVar, on_change: Any, options: ArrayVar) -> rx.Component:
    return rx.vstack(
        rx.text(label, size="2", weight="medium"),
        picker(
            rx.el.option("Choose a stack", value="", disabled=True),
            rx.foreach(options, lambda o: rx.el.option(o["name"], value=o["key"])),
            value=value,
            on_change=on_change,
            aria_label=label,
        ),
        spacing="1",
        width="100%",
    )


def compare() -> rx.Component:
    return rx.vstack(
        rx.grid(
            _picker(
                "Stack A",
                BuilderState.compare_a,
                BuilderState.set_compare_a,
                BuilderState.compare_options,
            ),
            _picker(
                "Stack B",
                BuilderState.compare_b,
                BuilderState.set_compare_b,
                BuilderState.compare_options,
            ),
            columns="2",
            spacing="3",
            width="100%",
        ),
        rx.cond(
            BuilderState.comparison.length() > 0,
            rx.table.root(
                rx.table.header(
                    rx.table.row(
                        rx.table.column_header_cell("Slot"),
                        rx.table.column_header_cell("Stack A"),
                        rx.table.column_header_cell("Stack B"),
                    )
                ),
                rx.table.body(
                    rx.foreach(
                        BuilderState.comparison,
                        lambda row: rx.table.row(
                            rx.table.row_header_cell(row["slot"]),
                            rx.table.cell(row["a"]),
                            rx.table.cell(
                                rx.hstack(
                                    rx.text(row["b"]),
                                    rx.cond(
                                        row["differs"] != "",
                                        rx.badge(
                                            "differs",
                                            color_scheme="amber",
                                            size="1",
                                            high_contrast=True,
                                        ),
                                    ),
                                    spacing="2",
                                )
                            ),
                        ),
                    )
                ),
                width="100%",
                size="1",
            ),
            rx.text("Choose two stacks to compare them slot by slot.", style=styles.muted_text),
        ),
        spacing="3",
        width="100%",
    )
