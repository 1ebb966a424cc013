"""Why Python (``/why-python``): the reasons to pick Python for full-stack work."""

from __future__ import annotations

import reflex as rx

from fullstack_guide import routes, styles
from fullstack_guide.components.content import (
    page_header,
    source_list,
    technology_chips,
)
from fullstack_guide.content import get_content
from fullstack_guide.content.schema import Perk
from fullstack_guide.templates import page


def perk_card(perk: Perk) -> rx.Component:
    return rx.el.article(
        rx.heading(perk.title, as_="h2", size="5", id=perk.slug),
        rx.text(perk.summary, weight="medium", margin_y="0.5rem"),
        rx.text(perk.detail, size="2", style=styles.muted_text, line_height="1.7"),
        *(
            [rx.box(technology_chips(perk.technologies), margin_top="0.75rem")]
            if perk.technologies
            else []
        ),
        style=styles.card,
    )


@page(
    route=routes.WHY_PYTHON,
    title="Why Python",
    description="Readability, fast development, a vast ecosystem and more: why Python suits "
    "full-stack work.",
)
def why_python() -> rx.Component:
    content = get_content()
    sources = sorted({slug for perk in content.perks for slug in perk.sources})
    return rx.box(
        page_header(
            "Why choose Python for the full stack?",
            "Eight reasons that keep coming up when teams choose Python to build and run "
            "their web applications.",
            eyebrow="Why Python",
        ),
        rx.grid(
            *[perk_card(perk) for perk in content.perks],
            columns=rx.breakpoints(initial="1", md="2"),
            spacing="4",
        ),
        rx.text(
            "See it in practice: ",
            rx.link("who uses Python", href=routes.WHO_USES),
            ".",
            margin_top="2rem",
        ),
        rx.heading("Sources", as_="h2", size="4", margin_top="2rem"),
        source_list(sources),
    )
