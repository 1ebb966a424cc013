"""Who uses Python (``/who-uses-python``), filterable by kind, and one page per example."""

from __future__ import annotations

from functools import partial

import reflex as rx

from fullstack_guide import routes, styles
from fullstack_guide.components.content import (
    breadcrumbs,
    card_grid,
    link_card,
    page_header,
    prose,
    section,
    source_list,
    technology_chips,
)
from fullstack_guide.content import get_content
from fullstack_guide.content.schema import Example
from fullstack_guide.templates import page

KIND_LABELS = {
    "business": "Business",
    "government": "Government",
    "big-tech": "Large tech companies",
    "scale": "At scale",
}


def example_cards(examples: tuple[Example, ...], level: str = "h3") -> rx.Component:
    return card_grid(
        *[
            link_card(
                ex.name,
                ex.summary,
                routes.example_url(ex.slug),
                badge=KIND_LABELS[ex.kind],
                level=level,
            )
            for ex in examples
        ]
    )


@page(
    route=routes.WHO_USES,
    title="Who uses Python",
    description="Real organisations running Python in production, and what each example shows.",
)
def who_uses() -> rx.Component:
    examples = get_content().examples
    kinds = [kind for kind in KIND_LABELS if any(ex.kind == kind for ex in examples)]

    def count(kind: str) -> int:
        return sum(1 for ex in examples if ex.kind == kind)

    return rx.box(
        page_header(
            "Who uses Python",
            "Businesses, government agencies and the largest tech companies run Python in "
            "production. Filter by kind and open any example to see what it shows.",
            eyebrow="Case studies",
        ),
        rx.tabs.root(
            rx.tabs.list(
                rx.tabs.trigger(f"All ({len(examples)})", value="all"),
                *[rx.tabs.trigger(f"{KIND_LABELS[k]} ({count(k)})", value=k) for k in kinds],
                aria_label="Filter examples by kind",
                wrap="wrap",
            ),
            # The cards sit right under the page's h1, so their headings are h2.
            rx.tabs.content(example_cards(examples, "h2"), value="all", padding_top="1rem"),
            *[
                rx.tabs.content(
                    example_cards(tuple(ex for ex in examples if ex.kind == k), "h2"),
                    value=k,
                    padding_top="1rem",
                )
                for k in kinds
            ],
            default_value="all",
        ),
    )


def example_page(ex: Example) -> rx.Component:
    blocks = [
        breadcrumbs(("Who uses Python", routes.WHO_USES), (ex.name, routes.example_url(ex.slug))),
        page_header(ex.name, ex.summary, eyebrow=KIND_LABELS[ex.kind]),
        section(
            "What it shows about Python in production", rx.box(prose(ex.shows), style=styles.card)
        ),
    ]
    if ex.technologies:
        blocks.append(section("Technologies involved", technology_chips(ex.technologies)))
    blocks.append(section("Sources", source_list(ex.sources)))
    return rx.box(*blocks)


for _example in get_content().examples:
    page(
        route=routes.example_url(_example.slug),
        title=_example.name,
        description=_example.summary[:160],
    )(partial(example_page, _example))
