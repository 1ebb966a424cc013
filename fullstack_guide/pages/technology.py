"""One page per technology: ``/stack/<layer>/<technology>``."""

from __future__ import annotations

from functools import partial

import reflex as rx

from fullstack_guide import routes
from fullstack_guide.components.content import (
    breadcrumbs,
    card_grid,
    chip_links,
    link_card,
    page_header,
    prose,
    resource_list,
    section,
    source_list,
    technology_chips,
)
from fullstack_guide.components.progress import item_list
from fullstack_guide.content import get_content
from fullstack_guide.content.schema import Technology
from fullstack_guide.templates import page


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
        maturity_badge(tech.maturity),
        section("What it is", prose(tech.what)),
        section("Why it matters", prose(tech.why)),
    ]
    if tech.when:
        blocks.append(section("When to pick it", prose(tech.when)))
    blocks.append(section("How it connects to the other layers", prose(tech.connects)))
    if tech.prerequisites:
        blocks.append(section("Learn first", technology_chips(tech.prerequisites)))
    related = [t.slug for t in content.related_to(tech.slug)]
    if related:
        blocks.append(section("Related topics", technology_chips(related)))
    alternatives = [t.slug for t in content.alternatives_to(tech.slug)]
    if alternatives:
        blocks.append(section("Alternatives", technology_chips(alternatives)))
    if items:
        blocks.append(
            section(
                "On your checklist",
                item_list((content.section_of(i.slug).slug, i) for i in items),
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
        what_next(tech),
    ]
    return rx.box(*blocks)


MATURITY_TEXT = {
    "draft": ("Draft", "orange", "This topic is a first draft and will grow."),
    "starter": ("Starter", "blue", "This topic covers the essentials; more detail is coming."),
    "complete": ("Complete", "grass", "This topic is complete."),
}


def maturity_badge(maturity: str) -> rx.Component:
    label, colour, text = MATURITY_TEXT[maturity]
    return rx.hstack(
        rx.badge(f"Content: {label}", color_scheme=colour, variant="soft", high_contrast=True),
        rx.text(text, size="1", color=rx.color("gray", 11)),
        align="center",
        spacing="2",
    )


def what_next(tech: Technology) -> rx.Component:
    """End every topic with concrete next steps: topics it unlocks, then close relatives."""
    content = get_content()
    choices = list(
        dict.fromkeys(
            [t.slug for t in content.unlocks(tech.slug)]
            + [t.slug for t in content.related_to(tech.slug) if t.layer != tech.layer]
        )
    )[:6]
    if not choices:
        choices = [t.slug for t in content.related_to(tech.slug)][:6]
    return rx.el.nav(
        rx.heading("What to learn next", as_="h2", size="5", margin_bottom="0.75rem"),
        card_grid(
            *[
                link_card(
                    content.technology(slug).name,
                    content.technology(slug).tagline,
                    routes.technology_url(content.technology(slug).layer, slug),
                    badge=content.technology(slug).category,
                )
                for slug in choices
            ]
        ),
        aria_label="What to learn next",
        margin_top="2.5rem",
    )


for _tech in get_content().technologies:
    page(
        route=routes.technology_url(_tech.layer, _tech.slug),
        title=_tech.name,
        description=_tech.tagline,
    )(partial(technology_page, _tech))
