"""The account page's handlers: what a learner is told when they sign out everywhere."""

from __future__ import annotations

import secrets

from fullstack_guide.pages.account import SESSION_ALREADY_ENDED, AccountState
from fullstack_guide.services import accounts
from fullstack_guide.state import ProgressState
from tests.unit.hostile import CHEAP_HASHER, new_world, run, toast


def _toasts(result) -> list[tuple[str, str]]:
    return [found for found in map(toast, result) if found]


def test_signing_out_everywhere_says_so_and_forgets_the_session(monkeypatch):
    monkeypatch.setattr(accounts, "_hasher", CHEAP_HASHER)
    w = new_world()
    page, tab = w.state(AccountState), w.state(ProgressState)
    username = f"learner_{secrets.token_hex(4)}"
    run(page.sign_up({"username": username, "password": "correct horse battery"}))
    run(tab.load())  # the event sign_up yields
    assert page.error == "" and tab.username == username and tab.session_token

    result = run(page.sign_out_everywhere())
    assert ("success", "Signed out on every device.") in _toasts(result)
    assert (tab.username, tab.session_token) == ("", "")


def test_signing_out_everywhere_from_an_ended_session_does_not_claim_success():
    w = new_world()
    page, tab = w.state(AccountState), w.state(ProgressState)
    tab.session_token, tab.username = secrets.token_urlsafe(32), "someone"  # ended elsewhere

    result = run(page.sign_out_everywhere())
    assert _toasts(result) == [("warning", SESSION_ALREADY_ENDED)]
    assert (tab.username, tab.session_token) == ("", "")
