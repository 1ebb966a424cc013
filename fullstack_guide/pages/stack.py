"""Stack explorer (``/stack``) and one page per layer (``/stack/<layer>``)."""

from __future__ import annotations

from functools import partial

import reflex as rx

from fullstack_guide import routes
from fullstack_guide.components.content import (
    breadcrumbs,
    card_grid,
    link_card,
    page_header,
    prose,
    section,
    source_list,
)
from fullstack_guide.components.stack_diagram import DiagramState, stack_diagram
from fullstack_guide.content import get_content
from fullstack_guide.content.schema import Layer
from fullstack_guide.templates import page


def technology_cards(layer: Layer) -> rx.Component:
    return card_grid(
        *[
            link_card(
                tech.name,
                tech.tagline,
                routes.technology_url(layer.slug, tech.slug),
                badge=tech.category,
            )
            for tech in get_content().technologies_in(layer.slug)
        ]
    )


@page(
    route=routes.STACK,
    title="Explore the stack",
    description="The layers of a Python web application and every technology in them.",
    on_load=(DiagramState.open_from_url,),
)
def explorer() -> rx.Component:
    content = get_content()
    return rx.box(
        page_header(
            "Explore the stack",
            "A web application is a set of layers that hand work to each other. Pick a layer "
            "to see what it does, or jump straight to a technology.",
            eyebrow="Stack explorer",
        ),
        stack_diagram(),
        *[
            section(
                layer.name,
                rx.text(layer.tagline, margin_bottom="0.75rem"),
                technology_cards(layer),
                rx.link(
                    f"About the {layer.name} layer →",
                    href=routes.layer_url(layer.slug),
                    margin_top="0.75rem",
                    display="inline-block",
                ),
                anchor=layer.slug,
            )
            for layer in content.layers
        ],
    )


def layer_page(layer: Layer) -> rx.Component:
    content = get_content()
    layers = content.layers
    position = layers.index(layer)
    neighbours = [
        rx.link(f"← {layers[position - 1].name}", href=routes.layer_url(layers[position - 1].slug))
        if position > 0
        else rx.box(),
        rx.link(f"{layers[position + 1].name} →", href=routes.layer_url(layers[position + 1].slug))
        if position + 1 < len(layers)
        else rx.box(),
    ]
    return rx.box(
        breadcrumbs(("Stack", routes.STACK), (layer.name, routes.layer_url(layer.slug))),
        page_header(
            layer.name,
            layer.tagline,
            eyebrow="Stack layer" if layer.in_stack else "Python ecosystem",
        ),
        section("What it is", prose(layer.summary)),
        section("Why it matters", prose(layer.why)),
        section("How it connects to the other layers", prose(layer.connects)),
        section("Technologies", technology_cards(layer)),
        section("Sources", source_list(layer.sources)),
        rx.hstack(*neighbours, justify="between", margin_top="2rem"),
    )


for _layer in get_content().layers:
    page(
        route=routes.layer_url(_layer.slug),
        title=_layer.name,
        description=_layer.tagline,
    )(partial(layer_page, _layer))
