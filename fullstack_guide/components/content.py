"""Building blocks for content pages: headings, prose, chips, resources, sources."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import reflex as rx

from fullstack_guide import routes, styles
from fullstack_guide.content import get_content
from fullstack_guide.content.schema import Resource

RESOURCE_KIND_LABELS = {
    "official-docs": "Official docs",
    "tutorial": "Tutorial",
    "article": "Article",
    "video": "Video",
    "book": "Book",
    "course": "Course",
    "reference": "Reference",
    "tool": "Tool",
}


def page_header(title: str, lead: str, *, eyebrow: str = "") -> rx.Component:
    """The page's one ``h1`` with an optional eyebrow and a lead paragraph."""
    return rx.vstack(
        *(
            [rx.text(eyebrow, size="2", weight="medium", color=rx.color("accent", 11))]
            if eyebrow
            else []
        ),
        rx.heading(title, as_="h1", size="8"),
        rx.text(lead, size="4", style=styles.muted_text, max_width=styles.PROSE_WIDTH),
        spacing="2",
        margin_bottom="1.5rem",
    )


def section(title: str, *children: rx.Component, anchor: str | None = None) -> rx.Component:
    """A titled block of a page (``h2``)."""
    return rx.el.section(
        rx.heading(title, as_="h2", size="5", margin_bottom="0.75rem", id=anchor),
        *children,
        margin_top="2rem",
        width="100%",
    )


def prose(text: str) -> rx.Component:
    return rx.text(text, size="3", max_width=styles.PROSE_WIDTH, line_height="1.7")


def breadcrumbs(*trail: tuple[str, str]) -> rx.Component:
    """Where this page sits; the last crumb is the current page (not a link)."""
    *parents, (current, _) = trail
    items = [
        rx.el.li(rx.link(label, href=href), rx.text.span(" / ", aria_hidden="true"))
        for label, href in parents
    ]
    items.append(rx.el.li(rx.text.span(current, aria_current="page")))
    return rx.el.nav(
        rx.el.ol(
            *items,
            display="flex",
            flex_wrap="wrap",
            gap="0.25rem",
            list_style="none",
            padding="0",
            margin="0",
            font_size="0.875rem",
        ),
        aria_label="Breadcrumb",
        margin_bottom="1rem",
    )


def chip_links(links: Iterable[tuple[str, str]]) -> rx.Component:
    """A wrap of small links (technologies, related topics)."""
    return rx.flex(
        *[
            rx.link(
                rx.badge(
                    label,
                    size="2",
                    variant="soft",
                    radius="full",
                    white_space="normal",
                    high_contrast=True,
                ),
                href=href,
            )
            for label, href in links
        ],
        wrap="wrap",
        spacing="2",
    )


def technology_chips(slugs: Sequence[str]) -> rx.Component:
    content = get_content()
    techs = [content.technology(slug) for slug in slugs]
    return chip_links((t.name, routes.technology_url(t.layer, t.slug)) for t in techs)


def resource_list(resources: Sequence[Resource]) -> rx.Component:
    """External resources, each labelled with what kind of material it is."""
    return rx.el.ul(
        *[
            rx.el.li(
                rx.hstack(
                    rx.badge(RESOURCE_KIND_LABELS[res.kind], variant="outline", size="1"),
                    rx.link(res.title, href=str(res.url), is_external=True),
                    align="center",
                    spacing="2",
                    wrap="wrap",
                ),
                margin_bottom="0.5rem",
            )
            for res in resources
        ],
        list_style="none",
        padding="0",
    )


def source_list(slugs: Sequence[str]) -> rx.Component:
    """The original documents a page's facts come from."""
    content = get_content()
    sources = [content.source(slug) for slug in slugs]
    return rx.el.ul(
        *[
            rx.el.li(
                rx.link(src.title, href=str(src.url), is_external=True)
                if src.url
                else rx.text.span(src.title),
                rx.text.span(f" — {src.publisher}", style=styles.muted_text),
                margin_bottom="0.25rem",
            )
            for src in sources
        ],
        padding_left="1.25rem",
        font_size="0.875rem",
    )


def link_card(
    title: str, body: str, href: str, *, badge: str = "", level: str = "h3"
) -> rx.Component:
    """A whole-card link with a heading, a short text and an optional badge.

    ``level`` is the heading element: ``h3`` under a section's ``h2``, ``h2`` when the cards
    sit directly under the page's ``h1`` (heading levels must not skip one). Inside the link
    the card is plain elements styled by class (``.link-card*`` in ``assets/styles.css``), laid
    out as the Radix stacks, heading and text they replace: ``/stack`` draws 135 of these
    cards, and as Radix components each cost four more to hydrate (issue 11).
    """
    heading = rx.el.h2 if level == "h2" else rx.el.h3
    return rx.link(
        rx.el.div(
            rx.el.div(
                heading(title, class_name="link-card-title"),
                *([rx.badge(badge, variant="soft", size="1")] if badge else []),
                class_name="link-card-top",
            ),
            rx.el.p(body, class_name="link-card-text"),
            class_name="link-card-body",
        ),
        href=href,
        class_name="link-card",
    )


def card_grid(*cards: rx.Component) -> rx.Component:
    return rx.grid(
        *cards, columns=rx.breakpoints(initial="1", sm="2", md="3"), spacing="3", width="100%"
    )
