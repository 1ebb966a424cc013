"""Blocks of the journey page: the list of hops and one hop's explanation and choice."""

from __future__ import annotations

import reflex as rx

from fullstack_guide import styles
from fullstack_guide.components.content import technology_chips
from fullstack_guide.components.controls import fit_list
from fullstack_guide.content import get_content
from fullstack_guide.content.schema import JourneyHop


def _show_if(state, detour: bool, component: rx.Component) -> rx.Component:
    return rx.cond(state.detours, component) if detour else component


def route(state, hops: tuple[JourneyHop, ...]) -> rx.Component:
    return rx.el.ol(
        *[
            _show_if(
                state,
                hop.detour,
                rx.el.li(
                    rx.button(
                        rx.vstack(
                            rx.text(hop.title, size="2", text_align="left", color="inherit"),
                            rx.cond(
                                state.choice_names.contains(hop.slug),
                                rx.text(
                                    state.choice_names[hop.slug],
                                    size="1",
                                    weight="bold",
                                    color="inherit",
                                ),
                            ),
                            spacing="0",
                            align="start",
                        ),
                        variant=rx.cond(state.step == i, "solid", "soft"),
                        aria_current=rx.cond(state.step == i, "step", "false"),
                        on_click=state.go(i),
                        width="100%",
                        height="auto",
                        padding="0.4rem 0.75rem",
                        justify="start",
                    ),
                    list_style="none",
                    margin_bottom="0.35rem",
                ),
            )
            for i, hop in enumerate(hops)
        ],
        padding="0",
        aria_label="Hops of the request",
    )


def hop_detail(state, hop: JourneyHop) -> rx.Component:
    content = get_content()
    parts = [
        rx.heading(hop.title, as_="h2", size="6", id="hop-title"),
        rx.text(hop.explains, line_height="1.7", margin_top="0.5rem"),
    ]
    if hop.options:
        parts += [
            rx.heading("Choose the technology at this hop", as_="h3", size="3", margin_top="1rem"),
            rx.radio_group.root(
                *[
                    rx.radio_group.item(content.technology(o.topic).name, value=o.topic)
                    for o in hop.options
                ],
                value=state.choices[hop.slug].to(str),
                on_change=lambda value: state.choose(hop.slug, value),
                direction="row",
                spacing="4",
                aria_label=f"Technology at the {hop.title} hop",
            ),
            rx.box(
                rx.match(
                    state.choices[hop.slug].to(str),
                    *[(o.topic, rx.text(o.does)) for o in hop.options],
                    rx.text(hop.options[0].does),
                ),
                style=styles.card,
                margin_top="0.75rem",
            ),
        ]
    topics = list(dict.fromkeys([*hop.topics, *(o.topic for o in hop.options)]))
    if topics:
        parts += [
            rx.text("Topics:", size="2", weight="medium", margin_top="1rem"),
            technology_chips(topics),
        ]
    return rx.box(*parts)


def hop_fit(state) -> rx.Component:
    """How this hop's choice fits the others, right under the choice (not only at the end)."""
    return rx.cond(
        state.hop_fit_notes.length() > 0,
        rx.box(
            rx.heading("How this choice fits your others", as_="h3", size="3"),
            fit_list(state.hop_fit_notes, ""),
            margin_top="1rem",
            aria_label="Fit notes for this hop",
            role="group",
        ),
    )
