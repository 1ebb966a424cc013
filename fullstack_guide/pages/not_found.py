"""The 404 page: a clear way back instead of a blank screen."""

from __future__ import annotations

import reflex as rx

from fullstack_guide import routes
from fullstack_guide.components.content import page_header
from fullstack_guide.templates import page


@page(
    route="404",
    title="Page not found",
    description="There is no page at this address; links back to the guide's main pages.",
    listed=False,
)
def not_found() -> rx.Component:
    return rx.box(
        page_header(
            "Page not found",
            "There is no page at this address. It may have moved, or the link may be mistyped.",
            eyebrow="404",
        ),
        rx.hstack(
            rx.link("Go to the home page", href=routes.HOME),
            rx.link("Browse the stack", href=routes.STACK),
            rx.link("Open the checklist", href=routes.CHECKLIST),
            spacing="4",
            wrap="wrap",
        ),
    )
