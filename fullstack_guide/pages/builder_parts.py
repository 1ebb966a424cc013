"""Blocks of the stack builder page."""

from __future__ import annotations

import reflex as rx

from fullstack_guide import styles
from fullstack_guide.components.controls import copy_link
from fullstack_guide.components.status import status_badge
from fullstack_guide.content import get_content
from fullstack_guide.state import ProgressState

NONE = "none"


def presets(state) -> rx.Component:
    content = get_content()
    return rx.grid(
        *[
            rx.box(
                rx.heading(p.name, as_="h3", size="3"),
                rx.text(p.summary, size="2", style=styles.muted_text, margin_y="0.5rem"),
                rx.button(
                    "Use this stack",
                    size="1",
                    on_click=state.apply_preset(p.slug),
                    aria_label=f"Use this stack: {p.name}",
                ),
                style=styles.card,
            )
            for p in content.presets
        ],
        columns=rx.breakpoints(initial="1", md="3"),
        spacing="3",
    )


def _slot(state, slot) -> rx.Component:
    content = get_content()
    label = slot.label + (" (optional)" if slot.optional else "")
    return rx.vstack(
        rx.text(label, weight="medium", size="2", id=f"slot-{slot.slug}"),
        rx.select.root(
            rx.select.trigger(
                placeholder="Not chosen", aria_labelledby=f"slot-{slot.slug}", width="100%"
            ),
            rx.select.content(
                rx.select.item("Not chosen", value=NONE),
                *[rx.select.item(content.technology(o).name, value=o) for o in slot.options],
            ),
            value=rx.cond(
                state.choices.contains(slot.slug), state.choices[slot.slug].to(str), NONE
            ),
            on_change=lambda value: rx.cond(
                value == NONE, state.clear(slot.slug), state.choose(slot.slug, value)
            ),
        ),
        spacing="1",
        width="100%",
    )


def slot_pickers(state) -> rx.Component:
    return rx.grid(
        *[_slot(state, slot) for slot in get_content().slots],
        columns=rx.breakpoints(initial="1", sm="2", md="4"),
        spacing="4",
        width="100%",
    )


def implied_list(state) -> rx.Component:
    return rx.cond(
        state.implied.length() > 0,
        rx.vstack(
            rx.text(state.implied_summary, weight="medium"),
            rx.el.ul(
                rx.foreach(
                    state.implied,
                    lambda item: rx.el.li(
                        rx.hstack(
                            rx.link(item["title"], href=item["href"]),
                            status_badge(ProgressState.statuses[item["slug"]]),
                            spacing="2",
                            align="center",
                        ),
                        list_style="none",
                        padding_y="0.2rem",
                    ),
                ),
                padding="0",
            ),
            spacing="2",
        ),
        rx.text(
            "Your choices will list the checklist items they call for.", style=styles.muted_text
        ),
    )


def _save_form(state) -> rx.Component:
    """Name and save; a failed save keeps the name and says why, next to the field."""
    return rx.form.root(
        rx.flex(
            rx.input(
                name="name",
                value=state.name,
                on_change=state.set_name,
                placeholder="Name this stack",
                max_length=60,
                aria_label="Stack name",
                aria_invalid=rx.cond(state.error != "", "true", "false"),
                aria_describedby="stack-save-error",
            ),
            rx.button("Save stack", type="submit", disabled=state.choices.length() == 0),
            spacing="2",
            wrap="wrap",
        ),
        rx.cond(
            state.choices.length() == 0,
            rx.text(
                "Pick a technology above to save this stack.", size="2", style=styles.muted_text
            ),
        ),
        on_submit=state.save,
        reset_on_submit=False,
    )


def _save_error(state) -> rx.Component:
    return rx.box(
        rx.cond(
            state.error != "",
            rx.callout.root(
                rx.callout.icon(rx.icon("triangle_alert")),
                rx.callout.text(state.error, class_name="long-name"),
                rx.cond(
                    state.replace_name != "",
                    rx.button("Replace it", size="1", color_scheme="red", on_click=state.replace),
                ),
                color_scheme="red",
                role="alert",
            ),
        ),
        id="stack-save-error",
    )


def _saved_row(state, s) -> rx.Component:
    return rx.el.li(
        rx.flex(
            rx.text(s["name"], weight="medium", class_name="long-name"),
            rx.button(
                "Open",
                size="1",
                variant="soft",
                on_click=state.open_saved(s["key"]),
                aria_label="Open " + s["name"],
            ),
            rx.button(
                "Delete",
                size="1",
                variant="ghost",
                color_scheme="red",
                on_click=state.delete(s["id"]),
                aria_label="Delete " + s["name"],
            ),
            spacing="2",
            align="center",
            wrap="wrap",
        ),
        list_style="none",
        padding_y="0.2rem",
    )


def save_and_share(state) -> rx.Component:
    return rx.vstack(
        _save_form(state),
        _save_error(state),
        rx.cond(
            state.saved.length() > 0,
            rx.el.ul(
                rx.foreach(state.saved, lambda s: _saved_row(state, s)),
                padding="0",
                aria_label="Saved stacks",
                max_width="100%",
            ),
        ),
        rx.cond(state.share_url != "", copy_link(state.share_url, "Link to this stack")),
        spacing="3",
        width="100%",
    )


def _picker(label: str, value, on_change, options) -> rx.Component:
    return rx.vstack(
        rx.text(label, size="2", weight="medium"),
        rx.select.root(
            rx.select.trigger(placeholder="Choose a stack", aria_label=label, width="100%"),
            rx.select.content(
                rx.foreach(options, lambda o: rx.select.item(o["name"], value=o["key"])),
            ),
            value=value,
            on_change=on_change,
        ),
        spacing="1",
        width="100%",
    )


def compare(state) -> rx.Component:
    return rx.vstack(
        rx.grid(
            _picker("Stack A", state.compare_a, state.set_compare_a, state.compare_options),
            _picker("Stack B", state.compare_b, state.set_compare_b, state.compare_options),
            columns="2",
            spacing="3",
            width="100%",
        ),
        rx.cond(
            state.comparison.length() > 0,
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
                        state.comparison,
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
