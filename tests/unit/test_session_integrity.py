"""A signed-out, expired or superseded tab loses all power at once (issue: accounts that end).

Each test plays two browsers (or a browser and a copied Reflex tab) against one account.
"""

from __future__ import annotations

import asyncio
import pickle
import secrets
from datetime import timedelta

import pytest
from sqlmodel import select

from fullstack_guide import identity as identity_module
from fullstack_guide.db import session_scope
from fullstack_guide.identity import (
    SESSION_TOKEN_KEY,
    SIGNED_OUT_ELSEWHERE,
    TOKEN_RETIRED,
    LearnerCheckMiddleware,
)
from fullstack_guide.models import AuthSession, utcnow
from fullstack_guide.pages.account import AccountState
from fullstack_guide.pages.builder import BuilderState
from fullstack_guide.pages.checklist_item import NoteState
from fullstack_guide.services import accounts, progress
from tests.unit.hostile import CHEAP_HASHER, toast
from tests.unit.tabs import Tab

PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def cheap_hashing(monkeypatch):
    monkeypatch.setattr(accounts, "_hasher", CHEAP_HASHER)
    identity_module._checked.clear()


def _toasts(events) -> list[tuple[str, str]]:
    return [found for found in map(toast, events or []) if found]


async def _signed_up() -> tuple[Tab, str]:
    tab = Tab()
    await tab.identify()
    name = f"ada_{secrets.token_hex(4)}"
    await tab.run(tab.state(AccountState).sign_up({"username": name, "password": PASSWORD}))
    await tab.identify()
    assert tab.identity.username == name
    return tab, name


async def _second_device(name: str) -> Tab:
    tab = Tab()
    await tab.identify()
    form = {"username": name, "password": PASSWORD}
    await tab.run(tab.state(AccountState).sign_in(form))
    await tab.identify()
    assert tab.identity.username == name
    return tab


def _statuses(learner_id: int) -> dict[str, str]:
    with session_scope() as session:
        return progress.get_statuses(session, learner_id)


async def test_a_tick_after_sign_out_everywhere_is_refused_and_the_tab_is_cleared():
    a, name = await _signed_up()
    b = await _second_device(name)
    learner_id = b.identity._learner_id
    await b.progress.set_done("orm", True)
    await b.state(NoteState).load_note("orm")
    await b.state(NoteState).edit("my private note")
    b.state(BuilderState).saved = [{"key": "saved:1", "id": "1", "name": "Mine", "choices": "{}"}]

    await a.run(a.state(AccountState).sign_out_everywhere())
    events = await b.run(b.progress.set_done("rag", True))

    assert _statuses(learner_id) == {"orm": "done"}  # the tick was not saved
    assert ("warning", SIGNED_OUT_ELSEWHERE) in _toasts(events)
    assert b.identity.notice == SIGNED_OUT_ELSEWHERE
    assert b.identity._learner_id is None and b.identity.username == ""
    assert b.progress.statuses == {}
    assert b.state(NoteState).draft == "" and b.state(BuilderState).saved == []


async def test_a_sync_pulse_after_sign_out_everywhere_says_why_the_tab_signed_out():
    """Focusing a tab sends a pulse before its click: the pulse must not sign out in silence."""
    a, name = await _signed_up()
    b = await _second_device(name)
    await b.progress.set_done("orm", True)

    await a.run(a.state(AccountState).sign_out_everywhere())
    events = await b.identify()

    assert ("warning", SIGNED_OUT_ELSEWHERE) in _toasts(events)
    assert b.identity.notice == SIGNED_OUT_ELSEWHERE
    assert b.identity.username == "" and b.progress.statuses == {}
    assert not b.session_token  # the dead session token is forgotten


async def test_a_deliberate_sign_out_shows_no_signed_out_elsewhere_notice():
    a, _name = await _signed_up()
    await a.run(a.state(AccountState).sign_out())
    await a.identify()
    assert a.identity.notice == "" and a.identity.username == ""


async def test_an_expired_session_cannot_write(monkeypatch):
    _a, name = await _signed_up()
    b = await _second_device(name)
    learner_id = b.identity._learner_id
    with session_scope() as session:
        for row in session.exec(select(AuthSession)).all():
            row.expires_at = utcnow() - timedelta(seconds=1)
            session.add(row)
    await b.progress.set_done("rag", True)
    assert "rag" not in _statuses(learner_id)
    assert b.identity.notice == SIGNED_OUT_ELSEWHERE


async def test_an_anonymous_tab_whose_token_sign_up_retired_cannot_write():
    a = Tab()
    await a.identify()
    learner_id = a.identity._learner_id
    copy = Tab(dict(a.storage))  # the same anonymous token in another browser
    await copy.identify()
    assert copy.identity._learner_id == learner_id
    await a.run(
        a.state(AccountState).sign_up(
            {"username": f"u_{secrets.token_hex(4)}", "password": PASSWORD}
        )
    )

    events = await copy.run(copy.progress.set_done("orm", True))
    assert "orm" not in _statuses(learner_id)
    assert ("warning", TOKEN_RETIRED) in _toasts(events)
    assert copy.identity._learner_id is None


async def test_the_next_identify_after_a_revocation_is_a_fresh_anonymous_learner():
    a, name = await _signed_up()
    b = await _second_device(name)
    old = b.identity._learner_id
    await a.run(a.state(AccountState).sign_out_everywhere())
    await b.run(b.progress.set_done("orm", True))
    await b.identify()  # the script the refusal sends reads the tokens and identifies again
    assert b.identity._learner_id not in (None, old)
    assert SESSION_TOKEN_KEY not in b.storage and b.progress.statuses == {}


async def test_a_copied_reflex_tab_can_neither_read_nor_write_after_sign_out_everywhere():
    """The state a scripted client would get with a copied tab token: nothing of the learner."""
    a, name = await _signed_up()
    b = await _second_device(name)
    await b.progress.set_done("orm", True)
    learner_id = b.identity._learner_id
    await a.run(a.state(AccountState).sign_out_everywhere())

    class Hydrate:  # the event a reconnecting client sends first
        name = next(iter(identity_module._hydrate_event_names()))

    assert await LearnerCheckMiddleware().preprocess(None, b.root, Hydrate) is None
    assert b.progress.statuses == {} and b.identity.username == ""  # hydrate sends nothing
    await b.progress.set_done("rag", True)
    assert _statuses(learner_id) == {"orm": "done"}


async def test_the_middleware_drops_any_event_of_a_revoked_tab(monkeypatch):
    a, name = await _signed_up()
    b = await _second_device(name)
    await a.run(a.state(AccountState).sign_out_everywhere())

    class Tick:
        name = "state.identity_state.progress_state.set_done"

    routed = []

    async def chain(events, handler_name, root_state=None):
        routed.extend(events)

    monkeypatch.setattr(identity_module, "chain_updates", chain)
    identity_module._checked.clear()
    update = await LearnerCheckMiddleware().preprocess(None, b.root, Tick)
    assert update is not None  # the event itself is not run
    assert ("warning", SIGNED_OUT_ELSEWHERE) in _toasts(routed)


async def test_a_valid_tab_passes_the_middleware_and_is_cached_briefly():
    a, _ = await _signed_up()

    class Tick:
        name = "state.identity_state.progress_state.set_done"

    assert await LearnerCheckMiddleware().preprocess(None, a.root, Tick) is None
    assert identity_module._recently_checked(a.identity._credentials())


async def test_pickled_state_holds_digests_never_a_token():
    a, _ = await _signed_up()
    tokens = [a.session_token, a.learner_token]
    anon = Tab()
    await anon.identify()
    tokens.append(anon.learner_token)
    for tab in (a, anon):
        for state in (tab.root, tab.identity, tab.progress):
            blob = pickle.dumps(state)
            for token in filter(None, tokens):
                assert token.encode() not in blob
    assert a.identity._session_digest and len(a.identity._session_digest) == 64


async def test_signing_in_moves_anonymous_stacks_into_the_account_with_suffixes():
    from fullstack_guide.content import get_content
    from fullstack_guide.services import stacks

    owner, name = await _signed_up()
    choices = dict(get_content().presets[0].choices)
    with session_scope() as session:
        stacks.save_stack(session, get_content(), owner.identity._learner_id, "Work", choices)
    device = Tab()
    await device.identify()
    anon_id = device.identity._learner_id
    with session_scope() as session:
        stacks.save_stack(session, get_content(), anon_id, "Work", choices)
        stacks.save_stack(session, get_content(), anon_id, "Side", choices)
    await device.run(device.state(AccountState).sign_in({"username": name, "password": PASSWORD}))
    with session_scope() as session:
        names = [s.name for s in stacks.list_stacks(session, owner.identity._learner_id)]
    assert names == ["Side", "Work", "Work (2)"]


def test_ten_parallel_wrong_passwords_verify_at_most_five():
    _, name = asyncio.run(_signed_up())
    verified = []

    def attempt(n: int) -> None:
        try:
            with session_scope() as session:
                ticket = accounts.begin_sign_in(session, name, f"client-{n}")
        except accounts.RateLimitedError:
            return
        verified.append(accounts.verify_password(ticket, "wrong password")[0])

    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(10) as pool:
        list(pool.map(attempt, range(10)))
    assert len(verified) <= accounts.MAX_FAILURES_PER_USER
    assert not any(verified)


def test_every_attempt_counts_for_the_client_successful_ones_included(session, content):
    from fullstack_guide.services import learners

    learner, _ = learners.create_learner(session)
    accounts.sign_up(session, learner.id, f"c_{secrets.token_hex(3)}", PASSWORD, "one-client")
    name = accounts.account_for_learner(session, learner.id).username
    for _ in range(accounts.MAX_FAILURES_PER_CLIENT - 1):
        accounts.sign_in(session, name, PASSWORD, "one-client", None)
    with pytest.raises(accounts.RateLimitedError):
        accounts.sign_in(session, name, PASSWORD, "one-client", None)


def test_account_creation_is_capped_per_client_per_hour(session):
    from fullstack_guide.services import learners

    for _ in range(accounts.MAX_ACCOUNTS_PER_CLIENT):
        learner, _ = learners.create_learner(session)
        accounts.sign_up(session, learner.id, f"n_{secrets.token_hex(4)}", PASSWORD, "maker")
    learner, _ = learners.create_learner(session)
    with pytest.raises(accounts.RateLimitedError):
        accounts.sign_up(session, learner.id, f"n_{secrets.token_hex(4)}", PASSWORD, "maker")
    later = utcnow() + timedelta(hours=1, seconds=1)
    accounts.sign_up(session, learner.id, f"n_{secrets.token_hex(4)}", PASSWORD, "maker", now=later)


def test_a_wrong_password_keeps_its_slot_and_a_right_one_gives_it_back(session):
    from fullstack_guide.services import learners

    learner, _ = learners.create_learner(session)
    name = f"slot_{secrets.token_hex(3)}"
    accounts.sign_up(session, learner.id, name, PASSWORD, "c0")
    for n in range(accounts.MAX_FAILURES_PER_USER * 2):  # successes never lock the owner out
        accounts.sign_in(session, name, PASSWORD, f"c{n}", None)
