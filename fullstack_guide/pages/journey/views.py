"""The request journey page: the list of hops, one hop's explanation and choice, and the fit
of the choices, bound to :class:`JourneyState`.

Each hop explains what happens and links its topics; where several technologies can play
the hop's role, the learner picks one and the explanation follows. Fit notes say which of
the chosen technologies work together. Detours (CDN, cache, task queue) can be hidden.
"""

from __future__ import annotations

import reflex as rx

from fullstack_guide import routes, styles
from fullstack_guide.components.content import page_header, technology_chips
from fullstack_guide.components.controls import fit_list
from fullstack_guide.content import get_content
from fullstack_guide.content.schema import JourneyHop
from fullstack_guide.pages.journey.state import JourneyState
from fullstack_guide.templates import page


def _show_if(detour: bool, component: rx.Component) -> rx.Component:
    return rx.cond(JourneyState.detours, component) if detour else component


def route(hops: tuple[JourneyHop, ...]) -> rx.Component:
    return rx.el.ol(
        *[
            _show_if(
                hop.detour,
                rx.el.li(
                    rx.button(
                        rx.vstack(
                            rx.text(hop.title, size="2", text_align="left", color="inherit"),
                            rx.cond(
                                JourneyState.choice_names.contains(hop.slug),
                                rx.text(
                                    JourneyState.choice_names[hop.slug],
                                    size="1",
                                    weight="bold",
                                    color="inherit",
                                ),
                            ),
                            spacing="0",
                            align="start",
                        ),
                        variant=rx.cond(JourneyState.step == i, "solid", "soft"),
                        aria_current=rx.cond(JourneyState.step == i, "step", "false"),
                        on_click=JourneyState.go(i),
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


def hop_detail(hop: JourneyHop) -> rx.Component:
    content = get_content()
    parts = [
        rx.heading(hop.title, as_="h2", size="6", id="hop-title"),
        rx.text(hop.explains, line_height="1.7", margin_top="0.5rem"),
    ]
    if hop.options:
        # mypy reads a dict Field as an array: name the mapping's type.
        chosen = JourneyState.choices.to(dict[str, str])[hop.slug].to(str)
        parts += [
            rx.heading("Choose the technology at this hop", as_="h3", size="3", margin_top="1rem"),
            rx.radio_group.root(
                *[
                    rx.radio_group.item(content.technology(o.topic).name, value=o.topic)
                    for o in hop.options
                ],
                value=chosen,
                on_change=lambda value: JourneyState.choose(hop.slug, value),
                direction="row",
                spacing="4",
                aria_label=f"Technology at the {hop.title} hop",
            ),
            rx.box(
                rx.match(
                    chosen,
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


def hop_fit() -> rx.Component:
    """How this hop's choice fits the others, right under the choice (not only at the end)."""
    return rx.cond(
        JourneyState.hop_fit_notes.length() > 0,
        rx.box(
            rx.heading("How this choice fits your others", as_="h3", size="3"),
            fit_list(JourneyState.hop_fit_notes, ""),
            margin_top="1rem",
            aria_label="Fit notes for this hop",
            role="group",
        ),
    )


@page(
    route=routes.JOURNEY,
    title="The journey of a web request",
    description="Step through a web request hop by hop and swap the technology at each hop.",
    on_load=(JourneyState.start,),
)
def journey_page() -> rx.Component:
    hops = get_content().hops
    return rx.box(
        page_header(
            "The journey of a web request",
            "Follow one request from the browser to the database and back. Swap the technology "
            "at any hop and see what changes.",
            eyebrow="Explore",
        ),
        rx.el.label(
            rx.hstack(
                rx.switch(
                    checked=JourneyState.detours,
                    on_change=JourneyState.set_detours,
                    aria_label="Show optional detours (CDN, cache, task queue)",
                ),
                rx.text("Show optional detours (CDN, cache, task queue)", size="2"),
                spacing="2",
                align="center",
            ),
        ),
        rx.grid(
            route(hops),
            rx.el.section(
                rx.text(JourneyState.position, size="2", style=styles.muted_text),
                *[rx.cond(JourneyState.step == i, hop_detail(hop)) for i, hop in enumerate(hops)],
                hop_fit(),
                rx.hstack(
                    rx.button(
                        "← Previous hop",
                        variant="soft",
                        on_click=JourneyState.move(-1),
                        disabled=JourneyState.at_first,
                    ),
                    rx.button(
                        "Next hop →", on_click=JourneyState.move(1), disabled=JourneyState.at_last
                    ),
                    justify="between",
                    margin_top="1.5rem",
                ),
                aria_live="polite",
                aria_labelledby="hop-title",
            ),
            columns=rx.breakpoints(initial="1", md="16rem 1fr"),
            spacing="6",
            margin_top="1rem",
        ),
        rx.el.section(
            rx.heading("Do your choices fit together?", as_="h2", size="4", margin_top="2rem"),
            fit_list(JourneyState.fit_notes, "No known conflicts between your choices."),
            rx.text(
                "Compose a whole stack in the ",
                rx.link("stack builder", href=routes.BUILDER),
                ".",
                margin_top="1rem",
            ),
        ),
    )
