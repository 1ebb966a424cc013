"""The share-link block of the Your data page: turn the read-only public page on or off."""

from __future__ import annotations

import reflex as rx

from fullstack_guide import styles
from fullstack_guide.components.controls import copy_link
from fullstack_guide.pages.your_data.state import YourDataState


def _stop_sharing() -> rx.Component:
    return rx.button(
        "Stop sharing", color_scheme="red", variant="soft", on_click=YourDataState.revoke_share
    )


def share_block() -> rx.Component:
    return rx.vstack(
        rx.text(
            "Turn on a public, read-only page of your progress at a secret link. Anyone with the "
            "link can see it; nobody can change anything. Revoke it at any time.",
            style=styles.muted_text,
        ),
        rx.el.label(
            rx.hstack(
                rx.switch(
                    checked=YourDataState.share_notes,
                    on_change=YourDataState.set_share_notes,
                    aria_label="Include my notes on the shared page",
                ),
                rx.text("Include my notes on the shared page"),
                align="center",
                spacing="2",
            ),
        ),
        rx.cond(
            YourDataState.share_token != "",
            rx.vstack(
                copy_link(YourDataState.share_url, "Share link", "Copy"),
                rx.callout(
                    "Copy the link now: for your safety only a fingerprint of it is kept, so it "
                    "is shown just this once.",
                    icon="info",
                    size="1",
                ),
                rx.hstack(
                    rx.link("Open the shared page", href=YourDataState.share_url, is_external=True),
                    _stop_sharing(),
                    spacing="4",
                    align="center",
                ),
                width="100%",
                spacing="2",
            ),
            rx.cond(
                YourDataState.sharing_on,
                rx.vstack(
                    rx.text(
                        "Sharing is on (link made on ",
                        YourDataState.share_since,
                        "). The link is shown only when it is made; if you lost it, make a new "
                        "one and the old one stops working.",
                    ),
                    rx.hstack(
                        rx.button(
                            rx.icon("refresh_cw", size=16),
                            "Make a new link",
                            variant="soft",
                            on_click=YourDataState.renew_share,
                        ),
                        _stop_sharing(),
                        spacing="3",
                        wrap="wrap",
                    ),
                    spacing="2",
                ),
                rx.button(
                    rx.icon("share_2", size=16),
                    "Create a share link",
                    on_click=YourDataState.enable_share,
                ),
            ),
        ),
        spacing="3",
        width="100%",
    )
