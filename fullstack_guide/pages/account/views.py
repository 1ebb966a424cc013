"""The account page (``/account``): optional sign-up and sign-in to open the same progress on
another device, bound to :class:`AccountState`."""

from __future__ import annotations

import reflex as rx
from reflex.event import EventType

from fullstack_guide import routes, styles
from fullstack_guide.components.content import page_header
from fullstack_guide.identity import IdentityState
from fullstack_guide.pages.account.state import AccountState
from fullstack_guide.templates import page


def _field(name: str, label: str, kind: str, autocomplete: str) -> rx.Component:
    return rx.form.field(
        rx.form.label(label),
        rx.form.control(
            rx.input(name=name, type=kind, auto_complete=autocomplete, required=True),
            as_child=True,
        ),
        name=name,
        width="100%",
    )


def _form(
    title: str, button: str, handler: EventType[dict], new_password: bool, form: str
) -> rx.Component:
    return rx.form.root(
        rx.vstack(
            rx.heading(title, as_="h2", size="4"),
            _form_error(form),
            _field("username", "Username", "text", "username"),
            _field(
                "password",
                "Password (at least 10 characters)" if new_password else "Password",
                "password",
                "new-password" if new_password else "current-password",
            ),
            rx.form.submit(rx.button(button, type="submit"), as_child=True),
            spacing="3",
            align="start",
            width="100%",
        ),
        on_submit=handler,
        # A refused attempt keeps what was typed; a successful one leaves this page's form.
        reset_on_submit=False,
        style=styles.card,
    )


def _form_error(form: str) -> rx.Component:
    """The refusal of this form, shown inside it (the other form stays quiet)."""
    return rx.cond(
        (AccountState.error != "") & (AccountState.error_form == form),
        rx.callout(
            AccountState.error,
            icon="triangle_alert",
            color_scheme="red",
            role="alert",
            width="100%",
        ),
    )


@page(
    route=routes.ACCOUNT,
    title="Account",
    description="Optional account to open your Full Stack Python Guide progress on another device.",
    index=False,
)
def account_page() -> rx.Component:
    signed_in = rx.vstack(
        rx.callout(
            rx.text("Signed in as ", rx.text.strong(IdentityState.username), "."), icon="user"
        ),
        rx.cond(
            AccountState.merged.length() > 0,
            rx.text("Merged from this browser: ", AccountState.merged.join(", ")),
        ),
        rx.hstack(
            rx.button("Sign out", variant="soft", on_click=AccountState.sign_out),
            rx.button(
                "Sign out on every device",
                color_scheme="red",
                variant="soft",
                on_click=AccountState.sign_out_everywhere,
            ),
            spacing="3",
            wrap="wrap",
        ),
        spacing="3",
    )
    signed_out = rx.vstack(
        rx.grid(
            _form("Create an account", "Create account", AccountState.sign_up, True, "sign_up"),
            _form("Sign in", "Sign in", AccountState.sign_in, False, "sign_in"),
            columns=rx.breakpoints(initial="1", md="2"),
            spacing="4",
            width="100%",
        ),
        rx.text(
            "Creating an account keeps the progress in this browser. Signing in on a browser "
            "that already has progress merges it: for each item the newest change wins.",
            size="2",
            style=styles.muted_text,
        ),
        width="100%",
    )
    return rx.box(
        page_header(
            "Account",
            "You never need an account. Create one only to open the same progress on another "
            "device.",
            eyebrow="Optional",
        ),
        rx.cond(
            (AccountState.error != "") & (AccountState.error_form == ""),
            rx.callout(
                AccountState.error,
                icon="triangle_alert",
                color_scheme="red",
                role="alert",
                margin_bottom="1rem",
            ),
        ),
        rx.cond(IdentityState.username != "", signed_in, signed_out),
        rx.text(rx.link("Back to your dashboard", href=routes.DASHBOARD), margin_top="2rem"),
    )
