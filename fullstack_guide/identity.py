"""The learner a tab acts for, re-checked on every event.

The browser keeps the raw tokens in localStorage (``fsg_learner`` for an anonymous learner,
``fsg_session`` for a signed-in device) and hands them to :meth:`IdentityState.identify` on
every page load and sync pulse (``components.tab_sync``). The tab's state keeps only their
SHA-256 digests and the learner id: a pickled state (``.states/`` files, Redis) opens nothing.
New tokens go back to the browser in a script, never through state.

Nothing a tab does is trusted for longer than it takes to re-check it:

- every database call made for the learner (:func:`run_for_learner`) first verifies the
  digests inside the same transaction, so a tick after "sign out on every device" is refused;
- every other event passes :class:`LearnerCheckMiddleware`, which re-verifies at most every
  ``CHECK_TTL_S`` seconds (and on every page hydration, always against the database).

A failed check changes nothing: the tab forgets the learner (statuses, notes, stacks, name
are cleared from every learner state), says why, and identifies afresh.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import reflex as rx
from reflex.middleware import Middleware
from reflex.state import BaseState, StateUpdate
from reflex_base.event import EventSpec
from reflex_base.event.processor.base_state_processor import _hydrate_event_names, chain_updates
from sqlalchemy.exc import SQLAlchemyError

from fullstack_guide.db import run_in_session
from fullstack_guide.events import event
from fullstack_guide.services import identity as identity_service
from fullstack_guide.services.identity import Identity, IdentityRevokedError, Revocation

logger = logging.getLogger(__name__)

LEARNER_TOKEN_KEY = "fsg_learner"
SESSION_TOKEN_KEY = "fsg_session"
CHECK_TTL_S = 3.0

DB_UNAVAILABLE = (
    "Your progress could not be reached just now, so nothing was changed. "
    "Please try again in a moment."
)
NOT_READY = "Your progress is still loading. Try again in a second."
SIGNED_OUT_ELSEWHERE = (
    "You were signed out on another device, so nothing was changed. "
    "Sign in again to open your progress."
)
TOKEN_RETIRED = (
    "This browser's progress now belongs to an account, so nothing was changed. "
    "Sign in to open it here."
)
NOTICES: dict[Revocation, str] = {"session": SIGNED_OUT_ELSEWHERE, "learner": TOKEN_RETIRED}

# The browser's tokens as JavaScript expressions, read when an event is sent.
_READ = "((typeof localStorage !== 'undefined' && localStorage.getItem({key})) || '')"
LEARNER_TOKEN_JS = rx.Var(_READ.format(key=json.dumps(LEARNER_TOKEN_KEY))).to(str)
SESSION_TOKEN_JS = rx.Var(_READ.format(key=json.dumps(SESSION_TOKEN_KEY))).to(str)
_READ_BOTH = (
    f"[{_READ.format(key=json.dumps(LEARNER_TOKEN_KEY))}, "
    f"{_READ.format(key=json.dumps(SESSION_TOKEN_KEY))}]"
)

# (learner id, session digest, learner digest) -> when the last good check stops counting;
# only a known learner (an id, not None) is ever stored.
_checked: dict[tuple[int | None, str, str], float] = {}
# Learner-data states register here; a revoked tab clears them all (see forget_learner).
_LEARNER_STATES: list[type[BaseState]] = []

StateT = TypeVar("StateT", bound=BaseState)
SnapshotT = TypeVar("SnapshotT")


@dataclass(frozen=True)
class _IdentifyLoader(Generic[StateT, SnapshotT]):
    state: type[StateT]
    read: Callable[[Any, int], SnapshotT]
    show: Callable[[StateT, SnapshotT], None]


# What identify reads in its own transaction and shows (see load_on_identify).
_ON_IDENTIFY: list[_IdentifyLoader[Any, Any]] = []


def holds_learner_data(cls: type[BaseState]) -> type[BaseState]:
    """Class decorator: this state shows a learner's data and must be cleared with them.

    The state's ``_forget_learner()`` is called if it defines one, else ``reset()``.
    """
    _LEARNER_STATES.append(cls)
    return cls


def load_on_identify(
    state: type[StateT],
    read: Callable[[Any, int], SnapshotT],
    show: Callable[[StateT, SnapshotT], None],
) -> None:
    """Have every identify read ``read(session, learner_id)`` and show it in ``state``.

    The read runs in the identifying transaction, so a page load costs one round trip; the
    state registers itself here, and this module needs to import none of its readers.
    """
    _ON_IDENTIFY.append(_IdentifyLoader(state, read, show))


def _read_on_identify(session, learner_id: int) -> tuple[Any, ...]:
    return tuple(loader.read(session, learner_id) for loader in _ON_IDENTIFY)


def store_tokens_script(tokens: dict[str, str]) -> EventSpec:
    """A script that stores (or, for "", removes) the given localStorage tokens."""
    lines = [
        f"localStorage.setItem({json.dumps(key)}, {json.dumps(value)})"
        if value
        else f"localStorage.removeItem({json.dumps(key)})"
        for key, value in tokens.items()
    ]
    return rx.call_script("; ".join(lines))


@dataclass(frozen=True)
class Outcome:
    """A learner call's result, or the events to answer with instead (``refusal``)."""

    value: Any = None
    refusal: list | None = None

    @property
    def ok(self) -> bool:
        return self.refusal is None


class IdentityState(rx.State):
    """Who this tab acts for: digests and a learner id, never a raw token."""

    username: str = ""
    ready: bool = False
    notice: str = ""
    _learner_id: int | None = None
    _learner_digest: str = ""
    _session_digest: str = ""

    @event
    async def identify(self, learner_token: str = "", session_token: str = ""):
        """Resolve the browser's tokens (page load, sync pulse, sign-in) and read progress."""
        learner_token = learner_token if isinstance(learner_token, str) else ""
        session_token = session_token if isinstance(session_token, str) else ""
        try:
            who, *snapshots = await run_in_session(
                _identify_and_read, session_token, learner_token, _read_on_identify
            )
        except SQLAlchemyError:
            if self.ready:  # a sync pulse: the next one tries again, no message every 15 s
                logger.warning("checking for changes from other tabs failed", exc_info=True)
                return None
            logger.exception("identifying the learner failed")
            return rx.toast.error(DB_UNAVAILABLE)
        first = not self.ready
        changed = self._credentials() != (who.learner_id, who.session_digest, who.learner_digest)
        # A signed-in tab whose session no longer opens (ended on every device, or expired):
        # a focus pulse can get here before the tab's own next event, so say why here too.
        ended = bool(self._session_digest) and not who.signed_in
        if changed and not first:
            await self._clear_learner_states()
        self._learner_id = who.learner_id
        self._session_digest, self._learner_digest = who.session_digest, who.learner_digest
        if self.username != who.username:
            self.username = who.username
        if changed and self.notice and who.signed_in:
            self.notice = ""  # signed in again: the old notice no longer applies
        _remember(self._credentials())
        for loader, snapshot in zip(_ON_IDENTIFY, snapshots, strict=True):
            loader.show(await self.get_state(loader.state), snapshot)
        if first:
            self.ready = True
        events: list = []
        stored: dict[str, str] = {}
        if who.new_learner_token:
            stored[LEARNER_TOKEN_KEY] = who.new_learner_token
        if session_token and not who.signed_in:
            stored[SESSION_TOKEN_KEY] = ""  # expired, ended or malformed: forget it
        if stored:
            events.append(store_tokens_script(stored))
        if ended:
            self.notice = NOTICES["session"]
            events.insert(0, rx.toast.warning(self.notice))
        if first or changed:
            events.extend(_page_load_events(self.router.url.path))
        return events

    @event
    async def identify_from_browser(self, tokens: list):
        """:meth:`identify` with ``[learner_token, session_token]`` read by a script."""
        pair = tokens if isinstance(tokens, list) and len(tokens) == 2 else ["", ""]
        return await self.identify(*pair)

    @event
    def dismiss_notice(self):
        self.notice = ""

    def _credentials(self) -> tuple[int | None, str, str]:
        return self._learner_id, self._session_digest, self._learner_digest

    async def _clear_learner_states(self) -> None:
        for cls in _LEARNER_STATES:
            state = await self.get_state(cls)
            forget = getattr(state, "_forget_learner", None)
            if callable(forget):
                forget()
            else:
                state.reset()

    async def _forget(self, reason: Revocation | None) -> list:
        """Drop the learner from this tab and identify afresh; returns the events to send."""
        _checked.clear()
        self._learner_id, self._session_digest, self._learner_digest = None, "", ""
        self.username = ""
        self.ready = False
        await self._clear_learner_states()
        events: list = [rx.call_script(_READ_BOTH, callback=IdentityState.identify_from_browser)]
        if reason is not None:
            self.notice = NOTICES[reason]
            events.insert(0, rx.toast.warning(self.notice))
        return events


def _identify_and_read(
    session, session_token: str, learner_token: str, read: Callable[[Any, int], tuple]
) -> tuple[Any, ...]:
    """The identity, then what ``read(session, learner_id)`` returns, unpacked."""
    who: Identity = identity_service.identify(session, session_token, learner_token)
    return who, *read(session, who.learner_id)


def _verified_call(session, credentials: tuple[int, str, str], fn: Callable, args: tuple):
    learner_id, session_digest, learner_digest = credentials
    identity_service.verify(
        session, learner_id, session_digest=session_digest, learner_digest=learner_digest
    )
    return fn(session, learner_id, *args)


def _self_checked_call(session, credentials: tuple[int, str, str], fn: Callable, args: tuple):
    return fn(session, credentials, *args)


def _verify_only(session, credentials: tuple[int, str, str]) -> None:
    _verified_call(session, credentials, lambda _session, _learner_id: None, ())


def _remember(credentials: tuple[int | None, str, str]) -> None:
    if credentials[0] is not None:
        _checked[credentials] = time.monotonic() + CHECK_TTL_S


def _recently_checked(credentials: tuple[int | None, str, str]) -> bool:
    return _checked.get(credentials, 0.0) > time.monotonic()


def _page_load_events(path: str) -> list:
    """The page's own on_load handlers, re-run once the learner is known (or has changed)."""
    from reflex_base.registry import RegistrationContext
    from reflex_base.utils.exceptions import ReflexRuntimeError

    try:
        app = RegistrationContext.get().app
    except (LookupError, ReflexRuntimeError):  # outside a running app (unit tests)
        return []
    return list(app.get_load_events(path))


async def identity_of(state: BaseState) -> IdentityState:
    """The identity of the tab ``state`` belongs to."""
    if isinstance(state, IdentityState):
        return state
    return await state.get_state(IdentityState)


async def current_learner_id(state: BaseState) -> int | None:
    """The learner of the tab ``state`` belongs to (None until identified)."""
    return (await identity_of(state))._learner_id


async def session_digest_of(state: BaseState) -> str:
    """The digest of the tab's session token ("" when anonymous): what sign-out acts on."""
    return (await identity_of(state))._session_digest


async def run_for_learner(
    state: BaseState, fn: Callable, *args, checks_identity: bool = False
) -> Outcome:
    """Run ``fn(session, learner_id, *args)`` for the tab's learner, off the event loop.

    The tab's digests are verified in the same transaction first. A revoked tab is cleared
    and told why; a database failure becomes the standard message. Anything else ``fn``
    raises (a refusal a service explains, say) reaches the caller.

    ``checks_identity``: ``fn`` gets the tab's credentials (learner id, session digest,
    learner digest) instead of the learner id, and checks them itself in the statement that
    writes (``services.checked_tick.record_checked_tick``), raising ``IdentityRevokedError``.
    """
    identity = await identity_of(state)
    credentials = identity._credentials()
    if credentials[0] is None:
        logger.warning("ignored a learner action before the learner was known")
        return Outcome(refusal=[rx.toast.info(NOT_READY)])
    try:
        call = _self_checked_call if checks_identity else _verified_call
        value = await run_in_session(call, credentials, fn, args)
    except IdentityRevokedError as revoked:
        logger.info("refused an event from a tab whose %s was revoked", revoked.reason)
        return Outcome(refusal=await identity._forget(revoked.reason))
    except SQLAlchemyError:
        logger.exception("database work for a learner failed")
        return Outcome(refusal=[rx.toast.error(DB_UNAVAILABLE)])
    _remember(credentials)
    return Outcome(value=value)


async def forget_learner(state: BaseState, *, ended_elsewhere: bool = False) -> list:
    """Drop the tab's learner after a deliberate sign-out; returns the events to send.

    ``ended_elsewhere``: the session had already ended (on another device, or expired). The
    identity check can let the sign-out through for up to ``CHECK_TTL_S`` on a worker that did
    not end it, so the tab then shows the same notice as a tab the check refused.
    """
    identity = await identity_of(state)
    events = await identity._forget(None)
    if ended_elsewhere:
        identity.notice = NOTICES["session"]
    return events


class LearnerCheckMiddleware(Middleware):
    """Re-check the tab's identity before any event touches its state.

    A page hydration (which sends the whole state, learner data included) is always checked
    against the database; other events at most every ``CHECK_TTL_S`` seconds, since every
    database call re-checks in its own transaction anyway. A revoked tab is cleared first:
    the hydration then carries no old data, and any other event is dropped with the notice.
    """

    async def preprocess(self, app, state: BaseState, event) -> StateUpdate | None:
        if event.name.endswith((".identify", ".identify_from_browser")):
            return None
        identity = await state.get_state(IdentityState)
        credentials = identity._credentials()
        if credentials[0] is None:
            return None
        hydrating = event.name in _hydrate_event_names()
        if not hydrating and _recently_checked(credentials):
            return None
        try:
            await run_in_session(_verify_only, credentials)
        except IdentityRevokedError as revoked:
            events = await identity._forget(revoked.reason)
            if hydrating:
                return None  # hydrate the cleared state; the page's identify follows
            await chain_updates(
                events=events,
                handler_name="LearnerCheckMiddleware",
                root_state=state._get_root_state(),
            )
            return StateUpdate()
        except SQLAlchemyError:
            logger.warning("re-checking a tab's identity failed", exc_info=True)
            return None
        _remember(credentials)
        return None
