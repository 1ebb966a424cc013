"""Account (``/account``): optional sign-up/sign-in to open the same progress elsewhere."""

from __future__ import annotations

import logging

import reflex as rx
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from fullstack_guide import routes, styles
from fullstack_guide.components.content import page_header
from fullstack_guide.content import get_content
from fullstack_guide.db import run_in_session
from fullstack_guide.services import accounts
from fullstack_guide.state import DB_UNAVAILABLE, ProgressState
from fullstack_guide.templates import register_page

logger = logging.getLogger(__name__)
# This device's session had expired or was ended elsewhere: it has no power over the others.
SESSION_ALREADY_ENDED = (
    "This session had already ended, so other devices were not signed out. "
    "Sign in again, then sign out everywhere."
)


def _attempt(session, action, *args):
    """Run a sign-up/sign-in inside the transaction, turning refusals into messages.

    Refusals must not raise out of the transaction: the failed attempt recorded for rate
    limiting has to be committed, or the limit would never trigger.
    """
    try:
        return action(session, *args), ""
    except accounts.AccountError as problem:
        return None, str(problem)


class AccountState(rx.State):
    """Sign-up, sign-in and sign-out. Passwords never stay in state."""

    error: str = ""
    merged: list[str] = []

    def _client_key(self) -> str:
        return self.router.session.client_ip or "unknown"

    async def _signed_in(self, token: str, message: str):
        progress = await self.get_state(ProgressState)
        progress.session_token = token
        progress.learner_token = ""
        self.error = ""
        yield ProgressState.load
        yield rx.toast.success(message)

    @rx.event
    async def sign_up(self, form: dict):
        """Create an account for this browser's learner; anonymous progress is kept."""
        self.error, self.merged = "", []
        form = form if isinstance(form, dict) else {}
        progress = await self.get_state(ProgressState)
        if progress._learner_id is None:
            self.error = "Your progress is still loading. Try again in a second."
            return
        try:
            token, problem = await run_in_session(
                _attempt,
                accounts.sign_up,
                progress._learner_id,
                form.get("username", ""),  # the service refuses anything but fitting text
                form.get("password", ""),
                self._client_key(),
            )
        except IntegrityError:  # the same name taken at the same moment
            self.error = "That username is not available."
            return
        except SQLAlchemyError:
            logger.exception("sign-up failed")
            self.error = DB_UNAVAILABLE
            return
        if problem:
            self.error = problem
            return
        async for event in self._signed_in(token, "Account created. Your progress is kept."):
            yield event

    @rx.event
    async def sign_in(self, form: dict):
        """Open the account's progress here, merging what this browser had (newest wins)."""
        self.error, self.merged = "", []
        form = form if isinstance(form, dict) else {}
        progress = await self.get_state(ProgressState)
        current = None if progress.username else progress._learner_id
        try:
            result, problem = await run_in_session(
                _attempt,
                accounts.sign_in,
                form.get("username", ""),
                form.get("password", ""),
                self._client_key(),
                current,
            )
        except SQLAlchemyError:
            logger.exception("sign-in failed")
            self.error = DB_UNAVAILABLE
            return
        if problem:
            self.error = problem
            return
        content = get_content()
        self.merged = [
            content.item(slug).title if slug in content.item_slugs else slug
            for slug in result.merged
        ]
        note = f" Merged {len(self.merged)} item(s) from this browser." if self.merged else ""
        async for event in self._signed_in(result.token, "Signed in." + note):
            yield event

    @rx.event
    async def sign_out_everywhere(self):
        """End every session of this account, on every device."""
        progress = await self.get_state(ProgressState)
        try:
            ended = await run_in_session(accounts.sign_out_everywhere, progress.session_token)
        except SQLAlchemyError:
            logger.exception("sign-out failed")
            return rx.toast.error(DB_UNAVAILABLE)
        progress.session_token = ""
        progress.username = ""
        self.merged = []
        if not ended:
            return [ProgressState.load, rx.toast.warning(SESSION_ALREADY_ENDED)]
        return [ProgressState.load, rx.toast.success("Signed out on every device.")]


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


def _form(title: str, button: str, handler, new_password: bool) -> rx.Component:
    return rx.form.root(
        rx.vstack(
            rx.heading(title, as_="h2", size="4"),
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
        reset_on_submit=True,
        style=styles.card,
    )


def account_page() -> rx.Component:
    signed_in = rx.vstack(
        rx.callout(
            rx.text("Signed in as ", rx.text.strong(ProgressState.username), "."), icon="user"
        ),
        rx.cond(
            AccountState.merged.length() > 0,
            rx.text("Merged from this browser: ", AccountState.merged.join(", ")),
        ),
        rx.button(
            "Sign out on every device",
            color_scheme="red",
            variant="soft",
            on_click=AccountState.sign_out_everywhere,
        ),
        spacing="3",
    )
    signed_out = rx.vstack(
        rx.grid(
            _form("Create an account", "Create account", AccountState.sign_up, True),
            _form("Sign in", "Sign in", AccountState.sign_in, False),
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
            AccountState.error != "",
            rx.callout(
                AccountState.error,
                icon="triangle_alert",
                color_scheme="red",
                role="alert",
                margin_bottom="1rem",
            ),
        ),
        rx.cond(ProgressState.username != "", signed_in, signed_out),
        rx.text(rx.link("Back to your dashboard", href=routes.DASHBOARD), margin_top="2rem"),
    )


register_page(
    routes.ACCOUNT,
    "Account",
    "Optional account to open your Full Stack Python Guide progress on another device.",
    account_page,
    index=False,
)
