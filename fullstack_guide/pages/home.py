"""Home (``/``): what full-stack development is, the layers at a glance, your progress."""

from __future__ import annotations

import reflex as rx

from fullstack_guide import routes, styles
from fullstack_guide.components.content import (
    chip_links,
    link_card,
    prose,
    section,
    source_list,
)
from fullstack_guide.components.progress import overall_progress, section_progress_grid
from fullstack_guide.content import get_content
from fullstack_guide.content.schema import Layer
from fullstack_guide.templates import page
from fullstack_guide.templates.template import SITE_NAME


def hero() -> rx.Component:
    overview = get_content().overview
    return rx.vstack(
        rx.heading("Learn the whole Python web stack", as_="h1", size="9"),
        rx.text(overview.lead, size="5", style=styles.muted_text, max_width=styles.PROSE_WIDTH),
        rx.hstack(
            # A link styled as a button: one Tab stop, and no <button> inside <a>.
            rx.button(rx.link("Explore the stack", href=routes.STACK), size="3", as_child=True),
            rx.button(
                rx.link("Open the checklist", href=routes.CHECKLIST),
                size="3",
                variant="soft",
                as_child=True,
            ),
            spacing="3",
            wrap="wrap",
        ),
        spacing="4",
        padding_y="1.5rem",
    )


def what_is_full_stack() -> rx.Component:
    overview = get_content().overview
    return section(
        overview.title,
        rx.vstack(*[prose(text) for text in overview.paragraphs], spacing="3"),
        rx.grid(
            rx.box(
                rx.heading("Frontend", as_="h3", size="4"),
                prose(overview.frontend),
                style=styles.card,
            ),
            rx.box(
                rx.heading("Backend", as_="h3", size="4"),
                prose(overview.backend),
                style=styles.card,
            ),
            columns=rx.breakpoints(initial="1", sm="2"),
            spacing="3",
            margin_top="1rem",
        ),
        rx.box(source_list(overview.sources), margin_top="0.75rem"),
        anchor="what-is-full-stack",
    )


def layer_card(layer: Layer) -> rx.Component:
    techs = get_content().technologies_in(layer.slug)
    return rx.box(
        rx.heading(rx.link(layer.name, href=routes.layer_url(layer.slug)), as_="h3", size="4"),
        rx.text(layer.tagline, size="2", style=styles.muted_text, margin_y="0.5rem"),
        chip_links((t.name, routes.technology_url(layer.slug, t.slug)) for t in techs),
        style=styles.card,
    )


def your_progress() -> rx.Component:
    return section(
        "Your progress",
        rx.box(
            overall_progress(),
            section_progress_grid(margin_top="1.25rem"),
            style=styles.card,
        ),
        rx.text(
            "Saved automatically in this browser — no sign-up needed.",
            size="2",
            style=styles.muted_text,
            margin_top="0.5rem",
        ),
        anchor="progress",
    )


EXPLORE = (
    (
        "Stack diagram",
        "The layers as an interactive stack, with your progress on every topic.",
        routes.STACK,
    ),
    (
        "Request journey",
        "Follow one request from browser to database and back, hop by hop.",
        routes.JOURNEY,
    ),
    (
        "Stack builder",
        "Compose a stack, check what fits together, save and compare stacks.",
        routes.BUILDER,
    ),
    (
        "Learning paths",
        "The checklist in prerequisite order, with what you can learn next.",
        routes.PATHS,
    ),
)


@page(
    route=routes.HOME,
    title=SITE_NAME,
    description="Learn Python full-stack development layer by layer and track your progress on the "
    "Python checklist — no sign-up needed.",
)
def home() -> rx.Component:
    content = get_content()
    return rx.box(
        hero(),
        section(
            "Explore",
            rx.grid(
                *[link_card(title, text, href) for title, text, href in EXPLORE],
                columns=rx.breakpoints(initial="1", sm="2", md="4"),
                spacing="3",
            ),
        ),
        your_progress(),
        what_is_full_stack(),
        section(
            "The layers at a glance",
            rx.grid(
                *[layer_card(layer) for layer in content.layers],
                columns=rx.breakpoints(initial="1", md="2"),
                spacing="3",
            ),
            anchor="layers",
        ),
        section(
            "Why Python",
            chip_links((p.title, routes.perk_url(p.slug)) for p in content.perks),
        ),
        section(
            "Who uses Python",
            chip_links((ex.name, routes.example_url(ex.slug)) for ex in content.examples),
        ),
    )
