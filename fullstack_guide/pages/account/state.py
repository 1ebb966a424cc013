"""The account page's state: sign-up, sign-in and sign-out (passwords never stay in it)."""

from __future__ import annotations

import logging

import reflex as rx
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from fullstack_guide.content import get_content
from fullstack_guide.db import run_in_session
from fullstack_guide.events import event
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
from fullstack_guide.services import account_steps, accounts
from fullstack_guide.wording import counted

logger = logging.getLogger(__name__)
# This device's session had expired or was ended elsewhere: it has no power over the others.
SESSION_ALREADY_ENDED = (
    "This session had already ended, so other devices were not signed out. "
    "Sign in again, then sign out everywhere."
)

NAME_TAKEN = "That username is not available."


@holds_learner_data
class AccountState(rx.State):
    """Sign-up, sign-in and sign-out. Passwords never stay in state."""

    error: rx.Field[str] = rx.field("")
    merged: rx.Field[list[str]] = rx.field(default_factory=list)
    error_form: rx.Field[str] = rx.field("")
    username_draft: rx.Field[str] = rx.field("")

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

    @event
    async def sign_up(self, form: dict):
        """Create an account for this browser's learner; anonymous progress is kept."""
        self.error, self.merged = "", []
        form = form if isinstance(form, dict) else {}
        username, password = form.get("username", ""), form.get("password", "")
        self.username_draft = username if isinstance(username, str) else ""
        if await current_learner_id(self) is None:
            return self._fail("sign_up", NOT_READY)
        begun = await run_for_learner(
            self, account_steps.begin_sign_up, username, password, self._client_key()
        )
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
            finished = await run_for_learner(
                self, account_steps.finish_sign_up, name, password_hash
            )
        except IntegrityError:  # the same name taken at the same moment
            return self._fail("sign_up", NAME_TAKEN)
        if not finished.ok:
            return finished.refusal
        token, problem = finished.value
        if problem:
            return self._fail("sign_up", problem)
        return await self._signed_in(token, "Account created. Your progress is kept.")

    @event
    async def sign_in(self, form: dict):
        """Open the account's progress here, merging what this browser had (newest wins)."""
        self.error, self.merged = "", []
        form = form if isinstance(form, dict) else {}
        username, password = form.get("username", ""), form.get("password", "")
        self.username_draft = username if isinstance(username, str) else ""
        try:
            ticket, problem = await run_in_session(
                account_steps.begin_sign_in, username, self._client_key()
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
                result, problem = await run_in_session(
                    account_steps.finish_sign_in, ticket.name, rehashed, get_content()
                )
            except SQLAlchemyError:
                logger.exception("sign-in failed")
                return self._fail("sign_in", DB_UNAVAILABLE)
        else:
            finished = await run_for_learner(
                self,
                account_steps.finish_sign_in_for,
                anonymous,
                ticket.name,
                rehashed,
                get_content(),
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
        events = await forget_learner(self, ended_elsewhere=not ended)
        events.insert(0, store_tokens_script({SESSION_TOKEN_KEY: ""}))
        if not ended:
            return [*events, rx.toast.warning(SESSION_ALREADY_ENDED)]
        return [*events, rx.toast.success(done)]

    @event
    async def sign_out(self):
        """End the session on this device only; other devices stay signed in."""
        return await self._end_sessions(accounts.sign_out_digest, "Signed out on this device.")

    @event
    async def sign_out_everywhere(self):
        """End every session of this account, on every device."""
        return await self._end_sessions(
            accounts.sign_out_everywhere_digest, "Signed out on every device."
        )
