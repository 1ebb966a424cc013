"""The account page's handlers: what a learner is told when they sign out (everywhere)."""

from __future__ import annotations

import secrets

from fullstack_guide.identity import SESSION_TOKEN_KEY, SIGNED_OUT_ELSEWHERE
from fullstack_guide.pages.account import SESSION_ALREADY_ENDED, AccountState
from fullstack_guide.services import accounts, learners
from tests.unit.hostile import CHEAP_HASHER, toast
from tests.unit.tabs import Tab


def _toasts(result) -> list[tuple[str, str]]:
    return [found for found in map(toast, result) if found]


async def _signed_up_tab(monkeypatch) -> tuple[Tab, str]:
    monkeypatch.setattr(accounts, "_hasher", CHEAP_HASHER)
    tab = Tab()
    await tab.identify()
    username = f"learner_{secrets.token_hex(4)}"
    form = {"username": username, "password": "correct horse battery"}
    await tab.run(tab.state(AccountState).sign_up(form))
    await tab.identify()  # the identify event sign_up chains
    assert tab.state(AccountState).error == "" and tab.identity.username == username
    assert tab.session_token and not tab.learner_token
    return tab, username


async def test_signing_out_everywhere_says_so_and_forgets_the_session(monkeypatch):
    tab, _ = await _signed_up_tab(monkeypatch)
    result = await tab.run(tab.state(AccountState).sign_out_everywhere())
    assert ("success", "Signed out on every device.") in _toasts(result)
    assert tab.identity.username == "" and SESSION_TOKEN_KEY not in tab.storage


async def test_signing_out_here_keeps_other_devices_signed_in(monkeypatch):
    tab, username = await _signed_up_tab(monkeypatch)
    other = Tab()
    await other.identify()
    await other.run(
        other.state(AccountState).sign_in(
            {"username": username, "password": "correct horse battery"}
        )
    )
    result = await tab.run(tab.state(AccountState).sign_out())
    assert ("success", "Signed out on this device.") in _toasts(result)
    assert tab.identity.username == "" and SESSION_TOKEN_KEY not in tab.storage
    await other.identify()
    assert other.identity.username == username


async def test_signing_out_everywhere_from_an_ended_session_does_not_claim_success(monkeypatch):
    tab, _ = await _signed_up_tab(monkeypatch)
    # Ended elsewhere: the tab still holds the digest of a session that is no longer live.
    tab.identity._session_digest = learners.token_digest(learners.new_token())
    result = await tab.run(tab.state(AccountState).sign_out_everywhere())
    assert ("warning", SESSION_ALREADY_ENDED) in _toasts(result)
    assert tab.identity.username == "" and SESSION_TOKEN_KEY not in tab.storage
    # The page says why, as it does when the identity check refuses the tab (which a worker
    # that did not end the session may not do for up to CHECK_TTL_S).
    assert tab.identity.notice == SIGNED_OUT_ELSEWHERE
