"""Sources and about (``/sources``): where the facts come from and how progress is kept."""

from __future__ import annotations

import reflex as rx

from fullstack_guide import routes, styles
from fullstack_guide.components.content import page_header, prose, section
from fullstack_guide.content import get_content
from fullstack_guide.templates import page

PRIVACY = (
    "You do not need an account. On your first visit the server creates a random 256-bit key "
    "for you and your browser keeps it in its local storage; the server stores only a hash of "
    "that key next to your ticks. Anyone with that browser profile sees your progress; other "
    "browsers and other people do not. Clearing the site's storage starts you afresh."
)


@page(
    route=routes.SOURCES,
    title="Sources and about",
    description="The documents this guide's facts come from, and how your progress is stored.",
)
def sources_page() -> rx.Component:
    content = get_content()
    return rx.box(
        page_header(
            "Sources and about",
            "Every description in this guide is written for it. The facts and names come from "
            "the documents below; follow the links to read the originals.",
            eyebrow="About",
        ),
        rx.el.ul(
            *[
                rx.el.li(
                    rx.heading(
                        rx.link(src.title, href=str(src.url), is_external=True)
                        if src.url
                        else src.title,
                        as_="h2",
                        size="4",
                        id=src.slug,
                    ),
                    rx.text(src.publisher, size="2", style=styles.muted_text),
                    rx.text(src.note, size="2", margin_top="0.35rem"),
                    style=styles.card,
                    margin_bottom="0.75rem",
                    list_style="none",
                )
                for src in content.sources
            ],
            padding="0",
        ),
        section("Your progress and privacy", prose(PRIVACY)),
        section(
            "Content",
            prose(
                f"The guide covers {len(content.stack_layers)} stack layers, "
                f"{len(content.technologies)} technologies, a checklist of "
                f"{len(content.items)} items in {len(content.sections)} sections and "
                f"{len(content.examples)} real-world examples."
            ),
            rx.link("Start with the checklist →", href=routes.CHECKLIST),
        ),
    )
