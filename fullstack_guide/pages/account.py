"""Account (``/account``): optional sign-up/sign-in to open the same progress elsewhere."""

from __future__ import annotations

import logging

import reflex as rx
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from fullstack_guide import routes, styles
from fullstack_guide.components.content import page_header
from fullstack_guide.content import get_content
from fullstack_guide.db import run_in_session
from fullstack_guide.hashing import HashingBusyError, run_hashing
from fullstack_guide.identity import (
    DB_UNAVAILABLE,
    LEARNER_TOKEN_KEY,
    NOT_READY,
    SESSION_TOKEN_KEY,
    IdentityState,
    current_learner_id,
    forget_learner,
    holds_learner_data,
    identity_of,
    run_for_learner,
    session_digest_of,
    store_tokens_script,
)
from fullstack_guide.services import accounts
from fullstack_guide.templates import register_page
from fullstack_guide.wording import counted

logger = logging.getLogger(__name__)
# This device's session had expired or was ended elsewhere: it has no power over the others.
SESSION_ALREADY_ENDED = (
    "This session had already ended, so other devices were not signed out. "
    "Sign in again, then sign out everywhere."
)
NAME_TAKEN = "That username is not available."


def _attempt(session, action, *args, **kwargs):
    """Run a step of sign-up/sign-in inside the transaction, turning refusals into messages.

    Refusals must not raise out of the transaction: the attempt recorded for rate limiting
    has to be committed, or the limit would never trigger.
    """
    try:
        return action(session, *args, **kwargs), ""
    except accounts.AccountError as problem:
        return None, str(problem)


def _begin_sign_up(session, learner_id: int, username, password, client: str):
    return _attempt(session, accounts.begin_sign_up, learner_id, username, password, client)


def _finish_sign_up(session, learner_id: int, name: str, password_hash: str):
    return _attempt(session, accounts.finish_sign_up, learner_id, name, password_hash)


def _finish_sign_in(session, learner_id: int | None, name: str, rehashed: str | None):
    return _attempt(
        session, accounts.finish_sign_in, name, learner_id, rehashed, content=get_content()
    )


def _finish_sign_in_for(session, learner_id: int, anonymous: bool, name: str, rehashed):
    return _finish_sign_in(session, learner_id if anonymous else None, name, rehashed)


@holds_learner_data
class AccountState(rx.State):
    """Sign-up, sign-in and sign-out. Passwords never stay in state."""

    error: str = ""
    merged: list[str] = []
    error_form: str = ""
    username_draft: str = ""

    def _client_key(self) -> str:
        return self.router.session.client_ip or "unknown"

    def _fail(self, form: str, message: str) -> None:
        self.error, self.error_form = message, form

    def _forget_learner(self) -> None:
        self.merged, self.error, self.error_form = [], "", ""

    async def _signed_in(self, token: str, message: str):
        self.error, self.error_form, self.username_draft = "", "", ""
        return [
            store_tokens_script({SESSION_TOKEN_KEY: token, LEARNER_TOKEN_KEY: ""}),
            IdentityState.identify("", token),
            rx.toast.success(message),
        ]

    @rx.event
    async def sign_up(self, form: dict):
        """Create an account for this browser's learner; anonymous progress is kept."""
        self.error, self.merged = "", []
        form = form if isinstance(form, dict) else {}
        username, password = form.get("username", ""), form.get("password", "")
        self.username_draft = username if isinstance(username, str) else ""
        if await current_learner_id(self) is None:
            return self._fail("sign_up", NOT_READY)
        begun = await run_for_learner(self, _begin_sign_up, username, password, self._client_key())
        if not begun.ok:
            return begun.refusal
        name, problem = begun.value
        if problem:
            return self._fail("sign_up", problem)
        try:
            password_hash = await run_hashing(accounts.hash_password, password)
        except HashingBusyError as busy:
            return self._fail("sign_up", str(busy))
        try:
            finished = await run_for_learner(self, _finish_sign_up, name, password_hash)
        except IntegrityError:  # the same name taken at the same moment
            return self._fail("sign_up", NAME_TAKEN)
        if not finished.ok:
            return finished.refusal
        token, problem = finished.value
        if problem:
            return self._fail("sign_up", problem)
        return await self._signed_in(token, "Account created. Your progress is kept.")

    @rx.event
    async def sign_in(self, form: dict):
        """Open the account's progress here, merging what this browser had (newest wins)."""
        self.error, self.merged = "", []
        form = form if isinstance(form, dict) else {}
        username, password = form.get("username", ""), form.get("password", "")
        self.username_draft = username if isinstance(username, str) else ""
        try:
            ticket, problem = await run_in_session(
                _attempt, accounts.begin_sign_in, username, self._client_key()
            )
        except SQLAlchemyError:
            logger.exception("sign-in failed")
            return self._fail("sign_in", DB_UNAVAILABLE)
        if problem:
            return self._fail("sign_in", problem)
        try:
            correct, rehashed = await run_hashing(accounts.verify_password, ticket, password)
        except HashingBusyError as busy:
            return self._fail("sign_in", str(busy))
        if not correct or ticket.name is None:
            return self._fail("sign_in", str(accounts.bad_credentials()))
        identity = await identity_of(self)
        anonymous = identity.username == ""
        if await current_learner_id(self) is None:
            try:
                result, problem = await run_in_session(_finish_sign_in, None, ticket.name, rehashed)
            except SQLAlchemyError:
                logger.exception("sign-in failed")
                return self._fail("sign_in", DB_UNAVAILABLE)
        else:
            finished = await run_for_learner(
                self, _finish_sign_in_for, anonymous, ticket.name, rehashed
            )
            if not finished.ok:
                return finished.refusal
            result, problem = finished.value
        if problem:
            return self._fail("sign_in", problem)
        content = get_content()
        self.merged = [
            content.item(slug).title if slug in content.item_slugs else slug
            for slug in result.merged
        ]
        note = (
            f" Merged {counted(len(self.merged), 'item')} from this browser." if self.merged else ""
        )
        if result.moved_stacks:
            moved = counted(len(result.moved_stacks), "saved stack")
            note += f" Moved {moved} into your account."
        return await self._signed_in(result.token, "Signed in." + note)

    async def _end_sessions(self, end, done: str):
        """End this device's session (or all of the account's) with ``end``; forget the learner."""
        try:
            ended = await run_in_session(end, await session_digest_of(self))
        except SQLAlchemyError:
            logger.exception("sign-out failed")
            return rx.toast.error(DB_UNAVAILABLE)
        self.merged = []
        events = await forget_learner(self)
        events.insert(0, store_tokens_script({SESSION_TOKEN_KEY: ""}))
        if not ended:
            return [*events, rx.toast.warning(SESSION_ALREADY_ENDED)]
        return [*events, rx.toast.success(done)]

    @rx.event
    async def sign_out(self):
        """End the session on this device only; other devices stay signed in."""
        return await self._end_sessions(accounts.sign_out_digest, "Signed out on this device.")

    @rx.event
    async def sign_out_everywhere(self):
        """End every session of this account, on every device."""
        return await self._end_sessions(
            accounts.sign_out_everywhere_digest, "Signed out on every device."
        )


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


def _form(title: str, button: str, handler, new_password: bool, form: str) -> rx.Component:
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


register_page(
    routes.ACCOUNT,
    "Account",
    "Optional account to open your Full Stack Python Guide progress on another device.",
    account_page,
    index=False,
)
