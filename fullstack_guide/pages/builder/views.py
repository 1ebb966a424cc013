"""The stack builder page: presets, one picker per slot, what the stack calls for, and saving
and sharing, bound to :class:`BuilderState` (the comparison is in ``compare``)."""

from __future__ import annotations

import reflex as rx
from reflex.vars import ObjectVar

from fullstack_guide import routes, styles
from fullstack_guide.components.content import page_header, section
from fullstack_guide.components.controls import copy_link, fit_list, picker
from fullstack_guide.components.status import status_badge
from fullstack_guide.content import get_content
from fullstack_guide.content.schema import BuilderSlot
from fullstack_guide.pages.builder.compare import compare
from fullstack_guide.pages.builder.state import BuilderState
from fullstack_guide.state import status_of
from fullstack_guide.templates import page

NONE = "none"


def presets() -> rx.Component:
    content = get_content()
    return rx.grid(
        *[
            rx.flex(
                rx.heading(p.name, as_="h3", size="3"),
                # The summary takes the spare height, so every card's button sits on one line.
                rx.text(
                    p.summary, size="2", style=styles.muted_text, margin_y="0.5rem", flex_grow="1"
                ),
                rx.button(
                    "Use this stack",
                    size="1",
                    on_click=BuilderState.apply_preset(p.slug),
                    aria_label=f"Use this stack: {p.name}",
                    align_self="start",
                ),
                direction="column",
                style=styles.card,
            )
            for p in content.presets
        ],
        columns=rx.breakpoints(initial="1", md="3"),
        spacing="3",
    )


def _slot(slot: BuilderSlot) -> rx.Component:
    content = get_content()
    label = slot.label + (" (optional)" if slot.optional else "")
    choices = BuilderState.choices.to(dict[str, str])  # mypy reads a dict Field as an array
    return rx.vstack(
        rx.text(label, weight="medium", size="2", id=f"slot-{slot.slug}"),
        picker(
            rx.el.option("Not chosen", value=NONE),
            *[rx.el.option(content.technology(o).name, value=o) for o in slot.options],
            value=rx.cond(choices.contains(slot.slug), choices[slot.slug].to(str), NONE),
            on_change=lambda value: rx.cond(
                value == NONE,
                BuilderState.clear(slot.slug),
                BuilderState.choose(slot.slug, value),
            ),
            aria_labelledby=f"slot-{slot.slug}",
        ),
        spacing="1",
        width="100%",
    )


def slot_pickers() -> rx.Component:
    return rx.grid(
        *[_slot(slot) for slot in get_content().slots],
        columns=rx.breakpoints(initial="1", sm="2", md="4"),
        spacing="4",
        width="100%",
    )


def implied_list() -> rx.Component:
    return rx.cond(
        BuilderState.implied.length() > 0,
        rx.vstack(
            rx.text(BuilderState.implied_summary, weight="medium"),
            rx.el.ul(
                rx.foreach(
                    BuilderState.implied,
                    lambda item: rx.el.li(
                        rx.hstack(
                            rx.link(item["title"], href=item["href"]),
                            status_badge(status_of(item["slug"])),
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


def _save_form() -> rx.Component:
    """Name and save; a failed save keeps the name and says why, next to the field."""
    return rx.form.root(
        rx.flex(
            rx.input(
                name="name",
                value=BuilderState.name,
                on_change=BuilderState.set_name,
                placeholder="Name this stack",
                max_length=60,
                aria_label="Stack name",
                aria_invalid=rx.cond(BuilderState.error != "", "true", "false"),
                aria_describedby="stack-save-error",
            ),
            rx.button("Save stack", type="submit", disabled=BuilderState.choices.length() == 0),
            spacing="2",
            wrap="wrap",
        ),
        rx.cond(
            BuilderState.choices.length() == 0,
            rx.text(
                "Pick a technology above to save this stack.", size="2", style=styles.muted_text
            ),
        ),
        on_submit=BuilderState.save,
        reset_on_submit=False,
    )


def _save_error() -> rx.Component:
    return rx.box(
        rx.cond(
            BuilderState.error != "",
            rx.callout.root(
                rx.callout.icon(rx.icon("triangle_alert")),
                rx.callout.text(BuilderState.error, class_name="long-name"),
                rx.cond(
                    BuilderState.replace_name != "",
                    rx.button(
                        "Replace it", size="1", color_scheme="red", on_click=BuilderState.replace
                    ),
                ),
                color_scheme="red",
                role="alert",
            ),
        ),
        id="stack-save-error",
    )


def _saved_row(s: ObjectVar[dict[str, str]]) -> rx.Component:
    return rx.el.li(
        rx.flex(
            rx.text(s["name"], weight="medium", class_name="long-name"),
            rx.button(
                "Open",
                size="1",
                variant="soft",
                on_click=BuilderState.open_saved(s["key"]),
                aria_label="Open " + s["name"],
            ),
            rx.button(
                "Delete",
                size="1",
                variant="ghost",
                color_scheme="red",
                on_click=BuilderState.delete(s["id"]),
                aria_label="Delete " + s["name"],
            ),
            spacing="2",
            align="center",
            wrap="wrap",
        ),
        list_style="none",
        padding_y="0.2rem",
    )


def save_and_share() -> rx.Component:
    return rx.vstack(
        _save_form(),
        _save_error(),
        rx.cond(
            BuilderState.saved.length() > 0,
            rx.el.ul(
                rx.foreach(BuilderState.saved, _saved_row),
                padding="0",
                aria_label="Saved stacks",
                max_width="100%",
            ),
        ),
        rx.cond(
            BuilderState.share_url != "", copy_link(BuilderState.share_url, "Link to this stack")
        ),
        spacing="3",
        width="100%",
    )


@page(
    route=routes.BUILDER,
    title="Stack builder",
    description="Compose a Python web stack layer by layer, check the fit, save, compare and "
    "share it.",
    on_load=(BuilderState.load,),
)
def builder_page() -> rx.Component:
    return rx.box(
        page_header(
            "Stack builder",
            "Pick one technology per layer, add extras if you need them, and see what fits "
            "together, what you need to learn, and how far you are.",
            eyebrow="Explore",
        ),
        section("Start from a stack the sources describe", presets()),
        section("Your stack", slot_pickers()),
        section(
            "Does it fit together?",
            fit_list(BuilderState.fit_notes, "Pick a few technologies to see how they get along."),
        ),
        section("What you need to learn", implied_list()),
        section("Save and share", save_and_share()),
        section("Compare two stacks", compare()),
    )
