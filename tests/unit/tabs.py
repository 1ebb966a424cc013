"""Browser tabs for state tests: a root state per tab, localStorage per browser.

The app's tokens live in the browser's localStorage, never in Reflex state: a tab hands them
to ``IdentityState.identify`` and the backend answers with scripts that store new ones. These
helpers play the browser's part: read the tokens, run identify, apply the scripts.
"""

from __future__ import annotations

import inspect
import json
import re
import secrets

import reflex as rx
from reflex.istate.data import RouterData
from reflex.utils import format

from fullstack_guide.identity import LEARNER_TOKEN_KEY, SESSION_TOKEN_KEY, IdentityState
from fullstack_guide.state import ProgressState

_SET = re.compile(r'localStorage\.setItem\(("(?:[^"\\]|\\.)*"), ("(?:[^"\\]|\\.)*")\)')
_REMOVE = re.compile(r'localStorage\.removeItem\(("(?:[^"\\]|\\.)*")\)')


def apply_scripts(events: object, storage: dict[str, str]) -> None:
    """Do what the browser does with the token scripts among ``events``."""
    for event in events if isinstance(events, list | tuple) else [events]:
        text = str(getattr(event, "args", ""))
        if "localStorage" not in text:
            continue
        text = text.replace('\\\\"', '\\"')
        for key, value in _SET.findall(text):
            storage[json.loads(key)] = json.loads(value)
        for (key,) in (m.groups() for m in _REMOVE.finditer(text)):
            storage.pop(json.loads(key), None)


class Tab:
    """One browser tab: its own root state; ``storage`` is shared by the browser's tabs."""

    def __init__(self, storage: dict[str, str] | None = None) -> None:
        self.root = rx.State(_reflex_internal_init=True)
        self.storage: dict[str, str] = {} if storage is None else storage
        # Each tab its own client address, as separate browsers have (rate limits count by it).
        data = {"headers": {"origin": "http://localhost:3000"}, "ip": f"tab-{secrets.token_hex(4)}"}
        self.root.router_data = data
        self.root.router = RouterData.from_router_data(data)

    def state(self, cls: type[rx.State]):
        return self.root.get_substate(cls._get_substate_path())

    @property
    def identity(self) -> IdentityState:
        return self.state(IdentityState)

    @property
    def progress(self) -> ProgressState:
        return self.state(ProgressState)

    @property
    def learner_token(self) -> str:
        return self.storage.get(LEARNER_TOKEN_KEY, "")

    @property
    def session_token(self) -> str:
        return self.storage.get(SESSION_TOKEN_KEY, "")

    async def identify(self):
        """A page load or sync pulse: hand over the tokens, store what comes back."""
        events = await self.identity.identify(self.learner_token, self.session_token)
        apply_scripts(events, self.storage)
        return events

    async def run(self, result):
        """Finish a handler's result (coroutine or async generator) and apply its scripts."""
        if inspect.isasyncgen(result):
            events = [event async for event in result]
        else:
            events = await result if inspect.iscoroutine(result) else result
        apply_scripts(events, self.storage)
        return events

    def sent(self) -> dict:
        """The delta Reflex would send now (encoded as it would be), then forget it."""
        delta = self.root.get_delta()
        format.json_dumps(delta).encode("utf-8")
        self.root._clean()
        return delta


async def loaded_tab(learner_token: str = "", session_token: str = "") -> Tab:
    """A tab of a browser holding these tokens, after its page load."""
    storage = {}
    if learner_token:
        storage[LEARNER_TOKEN_KEY] = learner_token
    if session_token:
        storage[SESSION_TOKEN_KEY] = session_token
    tab = Tab(storage)
    await tab.identify()
    assert tab.identity.ready
    return tab
