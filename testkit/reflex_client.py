"""A browser tab without the browser: Reflex's websocket protocol spoken from Python.

What the compiled frontend (``reflex_base/.templates/web/utils/state.js``) does, and so what
:class:`ReflexTab` does:

- connects Socket.IO over the ``websocket`` transport to ``<backend>/_event`` (Engine.IO path
  ``/_event``, namespace ``/_event``) with its own per-tab client token in the query string
  (``?token=<uuid4>``);
- sends the boot event in the CONNECT packet's auth, ``{"event": <hydrate_and_load>,
  "state_schema": ...}``: ``reflex___state____state.hydrate_and_load`` with the synced
  localStorage values in ``payload.vars`` and ``router_data`` ``{pathname, asPath}`` of the
  page. The backend hydrates, then runs the page's ``on_load`` handlers;
- for this app, then hands the learner's tokens from localStorage to
  ``IdentityState.identify`` (what the page shell does on mount). The backend keeps only their
  digests and answers with a ``_call_script`` that stores a new token when it made one (a
  first visit), which the tab applies to its localStorage as the browser would;
- sends every UI event as ``emit("event", {"name": "<state path>.<handler>", "payload":
  {...}, "router_data": {...}})``;
- receives ``"event"`` messages ``{"delta": {<state path>: {<var>_rx_state_: value}},
  "events": [...]}`` and merges each delta into its copy of the state. Frontend events in
  ``events`` (a toast, say) are what a handler returns when it refuses or fails.

:class:`ProgressLearner` is one learner on ``/checklist`` ticking items the way the checkbox
does (``ProgressState.set_done(item_slug, checked)``); :meth:`ProgressLearner.reload` loads the
page again in a fresh tab with the same localStorage (a reload, or a tab coming back after the
server went away). :func:`testkit.saved.check_saved` reads the database afterwards (SQLite or
PostgreSQL) and tells which acknowledged ticks were saved.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import socketio

ROOT_STATE = "reflex___state____state"
HYDRATE_AND_LOAD = f"{ROOT_STATE}.hydrate_and_load"
EVENT_PATH = "/_event"  # Engine.IO path and Socket.IO namespace (constants.Endpoint.EVENT)
VAR_SUFFIX = "_rx_state_"  # how state vars are named on the wire

IDENTITY_STATE = f"{ROOT_STATE}.fullstack_guide___identity____identity_state"
IDENTIFY = f"{IDENTITY_STATE}.identify"
PROGRESS_STATE = f"{IDENTITY_STATE}.fullstack_guide___state____progress_state"
SET_DONE = f"{PROGRESS_STATE}.set_done"
STATUSES = f"statuses{VAR_SUFFIX}"
LEARNER_TOKEN_KEY, SESSION_TOKEN_KEY = "fsg_learner", "fsg_session"
_STORE = re.compile(r'localStorage\.setItem\(("(?:[^"\\]|\\.)*"), ("(?:[^"\\]|\\.)*")\)')
_REMOVE = re.compile(r'localStorage\.removeItem\(("(?:[^"\\]|\\.)*")\)')

Delta = dict[str, dict[str, Any]]


class TabError(RuntimeError):
    """The backend refused or failed an event, or did not answer in time."""


@dataclass
class _Waiter:
    matches: Callable[[Delta], bool]
    future: asyncio.Future
    sent_at: float


class ReflexTab:
    """One browser tab: a websocket, a client token, and the state the backend sent it."""

    def __init__(
        self,
        base_url: str,
        route: str = "/",
        *,
        local_storage: dict[str, str] | None = None,
        synced_storage: dict[str, str] | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.route = route
        self.token = str(uuid.uuid4())  # sessionStorage "token" in the browser
        # The browser's localStorage (name -> value) and the synced vars kept in it.
        self.local_storage: dict[str, str] = dict(local_storage or {})
        self.synced_storage = dict(synced_storage or {})
        self.state: Delta = {}
        self.frontend_events: list[dict] = []
        self._waiter: _Waiter | None = None
        self._hydrated = asyncio.Event()
        self._sio = socketio.AsyncClient(reconnection=False)
        self._sio.on("event", self._on_update, namespace=EVENT_PATH)
        self._sio.on("disconnect", self._on_disconnect, namespace=EVENT_PATH)

    @property
    def router_data(self) -> dict[str, str]:
        return {"pathname": self.route, "asPath": self.route}

    @property
    def connected(self) -> bool:
        return self._sio.connected

    def get(self, state: str, var: str, default: Any = None) -> Any:
        """A var of the state as this tab last saw it (``var`` without the wire suffix)."""
        return self.state.get(state, {}).get(f"{var}{VAR_SUFFIX}", default)

    async def connect(self, timeout: float = 30.0) -> float:
        """Connect and hydrate like a page load; returns seconds until the page is hydrated."""
        payload: dict[str, Any] = {}
        stored = {
            key: self.local_storage[name]
            for key, name in self.synced_storage.items()
            if name in self.local_storage
        }
        if stored:
            payload["vars"] = stored
        boot = {"name": HYDRATE_AND_LOAD, "payload": payload, "router_data": self.router_data}
        started = time.perf_counter()
        await self._sio.connect(
            f"{self.base_url}?token={self.token}",
            auth={"event": boot},
            transports=["websocket"],
            namespaces=[EVENT_PATH],
            socketio_path=EVENT_PATH,
            wait_timeout=timeout,
        )
        try:
            await asyncio.wait_for(self._hydrated.wait(), timeout)
        except TimeoutError as error:
            raise TabError(f"not hydrated after {timeout:.0f}s") from error
        return time.perf_counter() - started

    async def call(
        self,
        name: str,
        payload: dict[str, Any],
        until: Callable[[Delta], bool],
        timeout: float = 10.0,
    ) -> float:
        """Send one event; returns seconds until a delta satisfying ``until`` arrived.

        Raises :class:`TabError` when the backend answers with frontend events (a toast:
        the handler refused or failed) before such a delta, or when nothing comes in time.
        """
        if self._waiter is not None:
            raise RuntimeError("one event at a time per tab")
        loop = asyncio.get_running_loop()
        waiter = _Waiter(until, loop.create_future(), time.perf_counter())
        self._waiter = waiter
        try:
            await self._sio.emit(
                "event",
                {"name": name, "payload": payload, "router_data": self.router_data},
                namespace=EVENT_PATH,
            )
            return await asyncio.wait_for(waiter.future, timeout)
        except TimeoutError as error:
            raise TabError(f"{name}: no answer in {timeout:.0f}s") from error
        finally:
            self._waiter = None

    async def close(self) -> None:
        if self._sio.connected:
            await self._sio.disconnect()
        # aiohttp's session closes in the background; let it finish before the loop ends.
        await asyncio.sleep(0)

    def _on_update(self, update: dict) -> None:
        received = time.perf_counter()
        delta: Delta = update.get("delta") or {}
        for state, changes in delta.items():
            self.state.setdefault(state, {}).update(changes)
        # Like the browser: a delta sent before hydration finished never writes storage.
        if delta.get(ROOT_STATE, {}).get(f"is_hydrated{VAR_SUFFIX}") is not False:
            self._store_synced(delta)
        if self.get(ROOT_STATE, "is_hydrated") is True:
            self._hydrated.set()
        events = [event for event in update.get("events") or [] if not self._stored(event)]
        self.frontend_events.extend(events)
        waiter = self._waiter
        if waiter is None or waiter.future.done():
            return
        if waiter.matches(delta):
            waiter.future.set_result(received - waiter.sent_at)
        elif events:
            names = ", ".join(str(event.get("name")) for event in events)
            waiter.future.set_exception(TabError(f"backend answered with events: {names}"))

    def _stored(self, event: dict) -> bool:
        """Apply a token script (``localStorage.setItem``/``removeItem``); whether it was one."""
        payload = event.get("payload")
        scripts = (
            [v for v in payload.values() if isinstance(v, str)] if isinstance(payload, dict) else []
        )
        if event.get("name") != "_call_script" or not any("localStorage" in s for s in scripts):
            return False
        for script in scripts:
            for key, value in _STORE.findall(script):
                self.local_storage[json.loads(key)] = json.loads(value)
            for key in _REMOVE.findall(script):
                self.local_storage.pop(json.loads(key), None)
        return True

    def _store_synced(self, delta: Delta) -> None:
        for key, name in self.synced_storage.items():
            state, _, var = key.rpartition(".")
            if var in delta.get(state, {}):
                self.local_storage[name] = delta[state][var]

    def _on_disconnect(self, *_reason: object) -> None:
        waiter = self._waiter
        if waiter is not None and not waiter.future.done():
            waiter.future.set_exception(TabError("disconnected"))


@dataclass
class Tick:
    item_slug: str
    done: bool
    seconds: float
    at: float = 0.0  # time.monotonic() when the acknowledgement arrived


@dataclass
class ProgressLearner:
    """A learner with the checklist open, ticking items like the checkbox does."""

    base_url: str
    route: str = "/checklist"
    acked: list[Tick] = field(default_factory=list)
    tab: ReflexTab = field(init=False)

    def __post_init__(self) -> None:
        self.tab = ReflexTab(self.base_url, self.route)

    @property
    def learner_token(self) -> str:
        return self.tab.local_storage.get(LEARNER_TOKEN_KEY, "")

    @property
    def statuses(self) -> dict[str, str]:
        return self.tab.get(PROGRESS_STATE, "statuses", {})

    async def open(self, timeout: float = 30.0) -> float:
        """Load the page and identify (a new learner gets its token); seconds until ready."""
        started = time.perf_counter()
        await self.tab.connect(timeout)
        storage = self.tab.local_storage
        await self.tab.call(
            IDENTIFY,
            {
                "learner_token": storage.get(LEARNER_TOKEN_KEY, ""),
                "session_token": storage.get(SESSION_TOKEN_KEY, ""),
            },
            # The token script comes in a message of its own, after the delta.
            lambda _delta: (
                self.tab.get(IDENTITY_STATE, "ready") is True and bool(self.learner_token)
            ),
            timeout,
        )
        if not self.learner_token:
            raise TabError("identify did not finish (no learner token)")
        return time.perf_counter() - started

    def _identified(self) -> bool:
        return self.tab.get(IDENTITY_STATE, "ready") is True and bool(self.learner_token)

    async def reload(self, timeout: float = 30.0) -> float:
        """Load the page again in a fresh tab that keeps this browser's localStorage.

        A new websocket and client token, the synced learner token sent with the boot event:
        what a reload does, and what a tab does once the server it talked to is gone. The
        statuses shown afterwards are the database's.
        """
        old = self.tab
        await old.close()
        self.tab = ReflexTab(self.base_url, self.route, local_storage=old.local_storage)
        try:
            return await self.open(timeout)
        except BaseException:
            await self.tab.close()
            raise

    async def tick(self, item_slug: str, timeout: float = 10.0) -> Tick:
        """Flip one item's checkbox; returns the round trip once the new statuses arrive."""
        done = self.statuses.get(item_slug) != "done"

        def carries_tick(delta: Delta) -> bool:
            changes = delta.get(PROGRESS_STATE, {})
            if STATUSES not in changes:
                return False
            return (changes[STATUSES].get(item_slug) == "done") is done

        seconds = await self.tab.call(
            SET_DONE, {"item_slug": item_slug, "done": done}, carries_tick, timeout
        )
        tick = Tick(item_slug, done, seconds, time.monotonic())
        self.acked.append(tick)
        return tick

    async def close(self) -> None:
        await self.tab.close()


@dataclass
class BareTab:
    """A tab of the bare baseline app (``benchmarks/bare_app``): one boolean to flip."""

    base_url: str
    state: str = f"{ROOT_STATE}.bare_app___bare_app____bare_state"
    acked: list[Tick] = field(default_factory=list)
    tab: ReflexTab = field(init=False)

    def __post_init__(self) -> None:
        self.tab = ReflexTab(self.base_url, "/")

    async def open(self, timeout: float = 30.0) -> float:
        return await self.tab.connect(timeout)

    async def tick(self, item_slug: str, timeout: float = 10.0) -> Tick:
        done = self.tab.get(self.state, "done") is not True
        key = f"done{VAR_SUFFIX}"

        def flipped(delta: Delta) -> bool:
            return delta.get(self.state, {}).get(key) is done

        seconds = await self.tab.call(
            f"{self.state}.set_done", {"item_slug": item_slug, "done": done}, flipped, timeout
        )
        tick = Tick(item_slug, done, seconds)
        self.acked.append(tick)
        return tick

    async def close(self) -> None:
        await self.tab.close()
