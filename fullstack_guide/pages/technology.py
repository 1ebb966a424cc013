"""One page per technology: ``/stack/<layer>/<technology>``."""

from __future__ import annotations

import reflex as rx

from fullstack_guide import routes
from fullstack_guide.components.content import (
    breadcrumbs,
    chip_links,
    page_header,
    prose,
    resource_list,
    section,
    source_list,
    technology_chips,
)
from fullstack_guide.components.progress import item_row
from fullstack_guide.content import get_content
from fullstack_guide.content.schema import Technology
from fullstack_guide.templates import register_page


def technology_page(tech: Technology) -> rx.Component:
    content = get_content()
    layer = content.layer(tech.layer)
    items = [content.item(slug) for slug in tech.checklist]
    examples = content.examples_using(tech.slug)
    blocks = [
        breadcrumbs(
            ("Stack", routes.STACK),
            (layer.name, routes.layer_url(layer.slug)),
            (tech.name, routes.technology_url(layer.slug, tech.slug)),
        ),
        page_header(tech.name, tech.tagline, eyebrow=f"{layer.name} · {tech.category}"),
        section("What it is", prose(tech.what)),
        section("Why it matters", prose(tech.why)),
        section("How it connects to the other layers", prose(tech.connects)),
    ]
    if tech.related:
        blocks.append(section("Related technologies", technology_chips(tech.related)))
    if items:
        blocks.append(
            section(
                "On your checklist",
                rx.el.ul(
                    *[item_row(content.section_of(i.slug).slug, i) for i in items],
                    padding="0",
                    margin="0",
                ),
            )
        )
    if examples:
        blocks.append(
            section(
                "Who uses it",
                chip_links((ex.name, routes.example_url(ex.slug)) for ex in examples),
            )
        )
    blocks += [
        section("Resources", resource_list(tech.resources)),
        section("Sources", source_list(tech.sources)),
    ]
    return rx.box(*blocks)


for _tech in get_content().technologies:
    register_page(
        routes.technology_url(_tech.layer, _tech.slug),
        _tech.name,
        _tech.tagline,
        lambda tech=_tech: technology_page(tech),
    )
