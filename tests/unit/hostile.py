"""Shared kit for the hostile-input property tests: strategies, seeded learners, snapshots.

A browser (or anyone speaking the websocket protocol) can send any JSON value as any event
argument, so the strategies cover every JSON shape plus the strings that tend to break
things: control characters, NUL, lone surrogates, right-to-left and zero-width marks,
emoji sequences and 100,000-character runs.

Every generated call is counted with :func:`tried`; set ``HOSTILE_TALLY=<file>`` to have
the counts per surface and outcome written there as JSON when the test run ends.
"""

from __future__ import annotations

import asyncio
import atexit
import inspect
import json
import os
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from urllib.parse import urlencode

import reflex as rx
from argon2 import PasswordHasher
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from reflex.istate.data import RouterData
from reflex.utils import format
from sqlmodel import Session, col, select

from fullstack_guide.content import get_content
from fullstack_guide.db import session_scope
from fullstack_guide.identity import LEARNER_TOKEN_KEY, IdentityState
from fullstack_guide.models import (
    Account,
    AuthSession,
    ItemProgress,
    Note,
    ProgressEvent,
    SavedStack,
    ShareLink,
    Status,
)
from fullstack_guide.services import learners, notes, progress, sharing, stacks
from fullstack_guide.state import ProgressState
from tests.conftest import examples
from tests.unit.tabs import apply_scripts

SETTINGS = settings(
    max_examples=examples(50),
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

# Real Argon2 with parameters small enough for hundreds of hashes per test.
CHEAP_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)

# --- strategies ---------------------------------------------------------------------------

ODD_PIECES = (
    "\x00",
    "\x07",
    "\x1b[31m",
    "\x7f",
    "\x85",
    "\r\n",
    "\u2028",
    "\u202e",  # right-to-left override
    "\u200b",  # zero-width space
    "\u200d",
    "\ufeff",
    "\ud800",  # lone surrogates: not encodable as UTF-8
    "\udfff",
    "\U0001f9d1\u200d\U0001f4bb",
    "e\u0301",
    "\ufb00",
    "\u0130",
    "\u05d0\u05d1",
    "../",
    "%00",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "{{7*7}}",
    "preset:",
    "saved:",
)
odd_text = st.lists(
    st.one_of(st.characters(), st.sampled_from(ODD_PIECES)), min_size=1, max_size=24
).map("".join)
huge_text = st.sampled_from(
    ["a", "\x00", "\u00e9", "\ud800", "\U0001f9d1\u200d\U0001f4bb", "-"]
).map(lambda piece: (piece * 100_000)[:100_000])
numbers = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([0, -1, 2**31, 2**63, 2**64, -(2**63) - 1, 2**70, -(2**70)]),
    st.floats(allow_nan=True, allow_infinity=True),
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    numbers,
    st.text(max_size=20),
    st.sampled_from(ODD_PIECES),
    odd_text,
    huge_text,
)
anything = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.one_of(st.text(max_size=6), odd_text), inner, max_size=3)
    ),
    max_leaves=6,
)

MUTATIONS = (
    str.upper,
    str.title,
    lambda s: f" {s} ",
    lambda s: s + "\x00",
    lambda s: "\u200b" + s,
    lambda s: "\u202e" + s,
    lambda s: s[:-1],
    lambda s: s + "-",
    lambda s: s.replace("-", "_") + "_",
    lambda s: f"../{s}",
    lambda s: s * 2 + "x",
    lambda s: s.replace("o", "\u043e") + ("" if "o" in s else "\u0435"),  # homoglyphs
    lambda s: [s],
    lambda s: {"slug": s},
)


def near(*valid: str) -> st.SearchStrategy:
    """Values one typo, case change, invisible character or wrapper away from ``valid``."""
    return st.builds(
        lambda value, mutate: mutate(value), st.sampled_from(valid), st.sampled_from(MUTATIONS)
    )


def hostile(*valid: str) -> st.SearchStrategy:
    """Anything at all, or a near miss of ``valid``, but never one of ``valid`` itself."""
    allowed = frozenset(valid)
    return st.one_of(anything, near(*valid)).filter(
        lambda v: not (isinstance(v, str) and v in allowed)
    )


def sendable(value: object) -> bool:
    """False for text with lone surrogates, which no UTF-8 update can carry back."""
    try:
        value.encode("utf-8") if isinstance(value, str) else None
    except UnicodeEncodeError:
        return False
    return True


# --- running handlers and judging what they say --------------------------------------------


def run(result):
    """Finish an event handler's result: await a coroutine, drain an async generator."""
    if inspect.isasyncgen(result):

        async def drain():
            return [event async for event in result]

        return asyncio.run(drain())
    if inspect.iscoroutine(result):
        return asyncio.run(result)
    return result


def assert_clear(message: object) -> None:
    """A message a person can read: a short sentence, not a traceback or an object repr."""
    assert isinstance(message, str), message
    text = message.strip()
    assert text, "empty message"
    assert len(text) <= 400, f"message of {len(text):,} characters"
    assert text[-1] in ".?!", text
    for leak in ("Traceback", "object at 0x", "Error(", "sqlite3", "[SQL"):
        assert leak not in text, text


def toast(event) -> tuple[str, str] | None:
    """``(kind, message)`` of an ``rx.toast`` event, ``None`` for anything else."""
    try:
        expr = str(event.args[0][1])  # (() => (refs['__toast']?.["warning"]("<json>")))
    except (AttributeError, IndexError, TypeError):
        return None
    if "__toast" not in expr:
        return None
    kind_at = expr.index('?.["') + len('?.["')
    kind = expr[kind_at : expr.index('"]', kind_at)]
    start = expr.index('"](') + len('"](')
    return kind, json.JSONDecoder().raw_decode(expr, start)[0]


def outcome(result, error: str = "", changed: bool = False) -> str:
    """Judge a handler's answer: every message must be clear; name what became of the input.

    ``message``: the learner was told why nothing happened; ``accepted``: the input was
    valid and acted on; ``no-op``: silently ignored.
    """
    events = result if isinstance(result, list) else [result]
    said = [found for found in map(toast, events) if found]
    for _kind, text in said:
        assert_clear(text)
    if error:
        assert_clear(error)
        return "message"
    if any(kind != "success" for kind, _ in said):
        return "message"
    return "accepted" if said or changed else "no-op"


# --- counting what was tried ---------------------------------------------------------------

TALLY: Counter[tuple[str, str]] = Counter()


def tried(surface: str, outcome: str) -> None:
    """Count one hostile input against ``surface`` and what became of it."""
    TALLY[surface, outcome] += 1


@atexit.register
def _write_tally() -> None:
    path = os.environ.get("HOSTILE_TALLY")
    if path and TALLY:
        rows = sorted((s, o, n) for (s, o), n in TALLY.items())
        with open(path, "w", encoding="utf-8") as out:
            json.dump(rows, out, indent=1)


# --- seeded learners and what they have saved ----------------------------------------------

# The seeded share links' tokens (only their digests are stored), by learner id.
SHARE_TOKENS: dict[int, str] = {}
SEED_NOTE = "Sessions are a *unit of work* \u2713"
SEED_STACK = "Seeded stack 7f3a"


def seed(session: Session, learner_id: int) -> int:
    """Give a learner a done item, an item in progress, a note, a saved stack and a share link.

    Returns the saved stack's id.
    """
    content = get_content()
    progress.set_status(session, content, learner_id, "orm", Status.DONE)
    progress.set_status(session, content, learner_id, "rag", Status.IN_PROGRESS)
    notes.save_note(session, content, learner_id, "orm", SEED_NOTE)
    stack = stacks.save_stack(
        session, content, learner_id, SEED_STACK, dict(content.presets[0].choices)
    )
    SHARE_TOKENS[learner_id] = sharing.enable_share(session, learner_id, include_notes=True).token
    return stack.id  # type: ignore[return-value]


SAVED_PARTS = {
    "progress": (ItemProgress, "item_slug", "status", "review_step", "review_due_at"),
    "events": (ProgressEvent, "id", "undone_at"),
    "notes": (Note, "item_slug", "body", "version"),
    "stacks": (SavedStack, "id", "name", "choices"),
    "shares": (ShareLink, "token_digest", "include_notes", "revoked_at"),
    "account": (Account, "id", "username", "password_hash"),
}


def snapshots(session: Session, *learner_ids: int) -> dict[int, dict[str, list]]:
    """Everything each learner has saved, in comparable form (one query per table)."""
    found = {lid: {part: [] for part in [*SAVED_PARTS, "sessions"]} for lid in learner_ids}
    for part, (model, *columns) in SAVED_PARTS.items():
        for row in session.exec(select(model).where(col(model.learner_id).in_(learner_ids))):
            found[row.learner_id][part].append(tuple(getattr(row, c) for c in columns))
    owners = {account[0]: lid for lid, parts in found.items() for account in parts["account"]}
    if owners:
        live = select(AuthSession).where(col(AuthSession.account_id).in_(owners))
        for row in session.exec(live):
            found[owners[row.account_id]]["sessions"].append((row.id, row.revoked_at))
    for parts in found.values():
        for rows in parts.values():
            rows.sort(key=lambda row: row[0])  # ids and slugs are unique per learner
    return found


def snapshot(session: Session, learner_id: int) -> dict[str, list]:
    """Everything one learner has saved."""
    return snapshots(session, learner_id)[learner_id]


def saved(learner_id: int) -> dict[str, list]:
    """The learner's saved data as committed (read in a fresh transaction)."""
    with session_scope() as session:
        return snapshot(session, learner_id)


def new_learner(session: Session) -> int:
    return learners.create_learner(session)[0].id  # type: ignore[return-value]


@dataclass
class World:
    """One browser tab's state tree, its seeded learner, and a bystander learner.

    Nothing the tab sends may ever change the bystander's data.
    """

    root: rx.State
    learner_id: int
    stack_id: int
    bystander_id: int
    bystander_stack_id: int
    bystander: dict[str, list]
    seeded: dict[str, list] = field(default_factory=dict)
    storage: dict[str, str] = field(default_factory=dict)  # the browser's localStorage

    @property
    def learner_token(self) -> str:
        return self.storage.get(LEARNER_TOKEN_KEY, "")

    def state(self, cls: type[rx.State]):
        return self.root.get_substate(cls._get_substate_path())

    def route(self, params: object = None, path: str = "/") -> None:
        """Pretend the tab is on ``path`` with these query/route parameters."""
        query = params if params is not None else {}
        data = {
            "query": query,
            # The URL too: pages read ``router.url`` (``page`` is deprecated).
            # A lone surrogate in a value is sent as its raw UTF-8 bytes, as a client other
            # than a browser can (a browser sends U+FFFD); strict encoding raised here instead.
            "asPath": path
            + ("?" + urlencode(query, errors="surrogatepass") if isinstance(query, dict) else ""),
            "headers": {"origin": "http://localhost:3000"},
            "ip": f"hostile-{self.learner_id}",
        }
        self.root.router_data = data
        self.root.router = RouterData.from_router_data(data)

    def settle(self) -> None:
        """Send the update as Reflex does: compute every dirty var, encode the delta as UTF-8."""
        delta = self.root.get_delta()
        router = delta.get(self.root.get_full_name(), {})
        # Reflex's echoes of the URL the browser sent (the router data, and the dynamic route
        # arguments such as ``/shared/[token]``'s ``token``): Reflex's business, not ours.
        echoes = {f"{name}_rx_state_" for name in self.root._dynamic_route_arg_types()}
        for key in [key for key in router if key.startswith("rx_router") or key in echoes]:
            del router[key]
        format.json_dumps(delta).encode("utf-8")
        self.root._clean()

    def assert_bystander_untouched(self) -> None:
        assert saved(self.bystander_id) == self.bystander


def new_world() -> World:
    """A fresh tab whose learner has seeded data, next to a seeded bystander."""
    with session_scope() as session:
        bystander_id = new_learner(session)
        bystander_stack_id = seed(session, bystander_id)
    root = rx.State(_reflex_internal_init=True)
    world = World(root, 0, 0, bystander_id, bystander_stack_id, saved(bystander_id))
    world.route()
    identity = world.state(IdentityState)
    apply_scripts(run(identity.identify("", "")), world.storage)
    world.learner_id = identity._learner_id
    with session_scope() as session:
        world.stack_id = seed(session, world.learner_id)
    assert run(world.state(ProgressState).refresh()) is None
    world.seeded = saved(world.learner_id)
    return world


@cache
def world(name: str) -> World:
    """One tab per test, kept across its examples so that hostile calls pile up on it."""
    return new_world()


def unchanged(w: World, *parts: str) -> None:
    """The tab's learner still has the seeded ``parts``; the bystander has everything."""
    now = saved(w.learner_id)
    for part in parts:
        assert now[part] == w.seeded[part], part
    w.assert_bystander_untouched()


class Upload:
    """Stands in for ``rx.UploadFile``: serves ``size`` bytes lazily and counts what was read.

    Past ``data`` the file continues with ``filler`` bytes, so a 100 MB upload costs
    nothing unless someone actually reads it.
    """

    def __init__(self, data: bytes = b"", *, size: int | None = None, filler: bytes = b"[") -> None:
        self.data, self.filler = data, filler
        self.size = len(data) if size is None else size
        self.filename = "progress.json"
        self.bytes_read = 0

    async def read(self, size: int = -1) -> bytes:
        start = self.bytes_read
        count = self.size - start if size < 0 else min(size, self.size - start)
        self.bytes_read += count
        head = self.data[start : start + count]
        return head + self.filler * (count - len(head))
