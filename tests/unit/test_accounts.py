"""Accounts: sign up keeps progress, sign in opens it elsewhere, and guessing is slowed down."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher
from sqlmodel import select

from fullstack_guide.models import Account, ItemProgress, Learner
from fullstack_guide.services import accounts, learners, notes, progress, stacks
from fullstack_guide.services.clock import as_utc

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
PASSWORD = "correct horse battery"
CHEAP = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


@pytest.fixture(autouse=True)
def cheap_hashing(monkeypatch):
    """Real Argon2, with parameters small enough for dozens of hashes per test."""
    monkeypatch.setattr(accounts, "_hasher", CHEAP)


def _signed_up(session, content, username="alice", slugs=("orm",)):
    learner, anon_token = learners.create_learner(session)
    for slug in slugs:
        progress.set_status(session, content, learner.id, slug, "done", now=NOW)
    token = accounts.sign_up(session, learner.id, username, PASSWORD, "device-a", now=NOW)
    return learner.id, token, anon_token


def _sign_in(session, username="alice", password=PASSWORD, client="device-b", **kwargs):
    kwargs.setdefault("now", NOW)
    kwargs.setdefault("current_learner_id", None)
    return accounts.sign_in(session, username, password, client, **kwargs)


def _error(exc_type, fn, *args, **kwargs) -> str:
    with pytest.raises(exc_type) as caught:
        fn(*args, **kwargs)
    return str(caught.value)


# --- sign up ------------------------------------------------------------------------------


def test_sign_up_keeps_progress_and_retires_the_anonymous_token(session, content):
    learner_id, token, anon_token = _signed_up(session, content)
    assert accounts.resolve_session(session, token, now=NOW) == learner_id
    assert progress.get_statuses(session, learner_id) == {"orm": "done"}
    assert learners.find_learner(session, anon_token) is None


def test_usernames_are_trimmed_and_lowercased(session, content):
    learner_id, _, _ = _signed_up(session, content, username="  Ada.L-1_ ")
    assert accounts.account_for_learner(session, learner_id).username == "ada.l-1_"
    assert _sign_in(session, "ADA.L-1_").learner_id == learner_id


@pytest.mark.parametrize("bad", ["ab", "a" * 33, "ada lovelace", "ada!", "ådå", "", None])
def test_bad_usernames_are_refused_with_the_rules(session, bad):
    learner, _ = learners.create_learner(session)
    message = _error(
        accounts.SignUpError, accounts.sign_up, session, learner.id, bad, PASSWORD, "c"
    )
    assert "3 to 32 characters" in message
    assert accounts.account_for_learner(session, learner.id) is None


@pytest.mark.parametrize("bad", ["too short", "x" * 1025, None])
def test_bad_passwords_are_refused_with_the_length_rule(session, bad):
    learner, _ = learners.create_learner(session)
    message = _error(accounts.SignUpError, accounts.sign_up, session, learner.id, "bob", bad, "c")
    assert "10 to 1024 characters" in message


def test_passwords_of_10_and_1024_characters_are_accepted(session):
    for name, password in (("short-pw", "x" * 10), ("long-pw", "y" * 1024)):
        learner, _ = learners.create_learner(session)
        accounts.sign_up(session, learner.id, name, password, "c", now=NOW)
        assert _sign_in(session, name, password).learner_id == learner.id


def test_a_taken_username_is_refused_whatever_its_case(session, content):
    _signed_up(session, content, username="alice")
    other, _ = learners.create_learner(session)
    message = _error(
        accounts.SignUpError, accounts.sign_up, session, other.id, " ALICE", PASSWORD, "c"
    )
    assert message == "That username is not available."


def test_a_learner_cannot_sign_up_twice(session, content):
    learner_id, _, _ = _signed_up(session, content)
    message = _error(
        accounts.SignUpError, accounts.sign_up, session, learner_id, "alice2", PASSWORD, "c"
    )
    assert message == "You already have an account. Sign in with it instead."
    assert session.exec(select(Account).where(Account.username == "alice2")).first() is None


def test_sign_up_is_refused_before_any_hashing_for_a_signed_up_or_unknown_learner(session, content):
    learner_id, _, _ = _signed_up(session, content)
    refusals = {
        learner_id: "You already have an account. Sign in with it instead.",
        10**9: "We could not find your progress. Reload the page and try again.",
    }
    for learner, refusal in refusals.items():
        begin = accounts.begin_sign_up
        assert _error(accounts.SignUpError, begin, session, learner, "bob", PASSWORD, "c") == (
            refusal
        )
    assert _error(accounts.SignUpError, accounts.check_password, "short") == (
        "Choose a password of 10 to 1024 characters. A few unrelated words make a strong one."
    )


def test_the_password_is_stored_only_as_an_argon2_hash_and_never_dumped(session, content):
    learner_id, _, _ = _signed_up(session, content)
    account = accounts.account_for_learner(session, learner_id)
    assert account.password_hash.startswith("$argon2id$")
    assert PASSWORD not in account.password_hash
    dumped = account.model_dump()
    assert "password_hash" not in dumped
    assert account.password_hash not in str(dumped)


# --- sign in ------------------------------------------------------------------------------


def test_sign_in_on_another_device_opens_the_same_progress(session, content):
    learner_id, _, _ = _signed_up(session, content, slugs=("orm", "rag"))
    fresh_device, _ = learners.create_learner(session)  # never touched anything

    result = _sign_in(session, current_learner_id=fresh_device.id)

    assert result.learner_id == learner_id
    assert result.merged == []
    assert accounts.resolve_session(session, result.token, now=NOW) == learner_id
    assert progress.get_statuses(session, learner_id) == {"orm": "done", "rag": "done"}
    # A device with nothing to bring is not merged away: its anonymous learner stays.
    assert session.get(Learner, fresh_device.id) is not None


def test_sign_in_brings_this_devices_anonymous_progress_along(session, content):
    learner_id, _, _ = _signed_up(session, content, slugs=("orm",))
    device, _ = learners.create_learner(session)
    later = NOW + timedelta(hours=1)
    progress.set_status(session, content, device.id, "rag", "in_progress", now=later)

    result = _sign_in(session, current_learner_id=device.id, now=later, content=content)

    assert result.merged == ["rag"]
    assert progress.get_statuses(session, learner_id) == {"orm": "done", "rag": "in_progress"}
    assert session.get(Learner, device.id) is None
    merged_row = session.exec(
        select(ItemProgress).where(
            ItemProgress.learner_id == learner_id, ItemProgress.item_slug == "rag"
        )
    ).one()
    assert as_utc(merged_row.updated_at) == later  # dated by the sign-in that brought it


def test_sign_in_brings_a_note_along_from_a_device_that_ticked_nothing(session, content):
    learner_id, _, _ = _signed_up(session, content, slugs=("orm",))
    device, _ = learners.create_learner(session)
    notes.save_note(session, content, device.id, "rag", "chunk size matters", now=NOW)

    result = _sign_in(session, current_learner_id=device.id, content=content)

    assert result.merged == ["rag"]
    assert notes.get_note(session, learner_id, "rag").body == "chunk size matters"
    assert session.get(Learner, device.id) is None


def test_sign_in_brings_this_devices_saved_stacks_along(session, content):
    learner_id, _, _ = _signed_up(session, content)
    device, _ = learners.create_learner(session)
    stacks.save_stack(session, content, device.id, "Side", dict(content.presets[0].choices))

    result = _sign_in(session, current_learner_id=device.id, content=content)

    assert result.moved_stacks == ["Side"]
    assert [s.name for s in stacks.list_stacks(session, learner_id)] == ["Side"]


def test_sign_in_never_merges_another_accounts_progress(session, content):
    alice_id, _, _ = _signed_up(session, content, username="alice", slugs=("orm",))
    bob_id, _, _ = _signed_up(session, content, username="bob", slugs=("rag",))

    result = _sign_in(session, "alice", current_learner_id=bob_id, content=content)

    assert result.merged == [] and result.moved_stacks == []
    assert progress.get_statuses(session, alice_id) == {"orm": "done"}
    assert progress.get_statuses(session, bob_id) == {"rag": "done"}


def test_wrong_password_and_unknown_user_get_the_same_message(session, content):
    _signed_up(session, content)
    wrong_password = _error(accounts.SignInError, _sign_in, session, "alice", "not the password")
    unknown_user = _error(accounts.SignInError, _sign_in, session, "nobody", PASSWORD)
    malformed_user = _error(accounts.SignInError, _sign_in, session, "no way!", PASSWORD)
    assert wrong_password == unknown_user == malformed_user == "Username or password is incorrect."


def test_an_outdated_hash_is_upgraded_on_sign_in(session, content, monkeypatch):
    learner_id, _, _ = _signed_up(session, content)  # hashed with the cheap parameters
    stronger = PasswordHasher(time_cost=2, memory_cost=16, parallelism=1)
    monkeypatch.setattr(accounts, "_hasher", stronger)
    _sign_in(session)
    account = accounts.account_for_learner(session, learner_id)
    assert not stronger.check_needs_rehash(account.password_hash)
    assert _sign_in(session).learner_id == learner_id


def test_finishing_a_sign_up_rechecks_the_learner_and_the_name(session, content):
    """Between the password hash and the write, another tab may have signed up or taken the
    name: the second write is refused with the same words, and nothing else changes."""
    learner_id, _, _ = _signed_up(session, content)
    assert (
        _error(accounts.SignUpError, accounts.finish_sign_up, session, learner_id, "bob", "hash")
        == "You already have an account. Sign in with it instead."
    )
    other, _ = learners.create_learner(session)
    assert (
        _error(accounts.SignUpError, accounts.finish_sign_up, session, other.id, "alice", "hash")
        == "That username is not available."
    )
    later = NOW + timedelta(days=1)
    token = accounts.finish_sign_up(session, other.id, "carol", "hash", now=later)
    assert accounts.resolve_session(session, token, now=later) == other.id
    account = accounts.account_for_learner(session, other.id)
    assert (account.username, as_utc(account.created_at)) == ("carol", later)
    assert accounts.account_for_learner(session, learner_id).username == "alice"


# --- rate limits --------------------------------------------------------------------------


def test_five_failures_lock_the_username_until_the_window_passes(session, content):
    learner_id, _, _ = _signed_up(session, content)
    for attempt in range(accounts.MAX_FAILURES_PER_USER):
        with pytest.raises(accounts.SignInError):
            _sign_in(session, password="wrong password", client=f"attacker-{attempt}")

    # Even the right password, from a new client, is turned away without being checked.
    message = _error(accounts.RateLimitedError, _sign_in, session, client="owner")
    assert message == "Too many attempts. Try again in 15 minutes."
    later = NOW + timedelta(minutes=10)
    message = _error(accounts.RateLimitedError, _sign_in, session, client="owner", now=later)
    assert message == "Too many attempts. Try again in 5 minutes."

    after_window = NOW + timedelta(minutes=15, seconds=1)
    assert _sign_in(session, client="owner", now=after_window).learner_id == learner_id


def test_the_wait_is_rounded_up_to_whole_minutes(session, content):
    _signed_up(session, content)
    for attempt in range(accounts.MAX_FAILURES_PER_USER):
        with pytest.raises(accounts.SignInError):
            _sign_in(session, password="wrong password", client=f"attacker-{attempt}")
    waits = {
        timedelta(minutes=13, seconds=59): "Try again in 2 minutes.",  # 61 s left
        timedelta(minutes=14, seconds=30): "Try again in 1 minute.",  # 30 s left
    }
    for elapsed, message in waits.items():
        refused = _error(accounts.RateLimitedError, _sign_in, session, now=NOW + elapsed)
        assert refused == f"Too many attempts. {message}"


def test_the_wait_counts_from_the_oldest_failure_still_in_the_window(session, content):
    learner_id, _, _ = _signed_up(session, content)
    for minute in range(accounts.MAX_FAILURES_PER_USER):
        with pytest.raises(accounts.SignInError):
            _sign_in(
                session,
                password="wrong password",
                client=f"attacker-{minute}",
                now=NOW + timedelta(minutes=minute),
            )
    # The first failure (at NOW) leaves the 15-minute window at NOW + 15 minutes.
    message = _error(accounts.RateLimitedError, _sign_in, session, now=NOW + timedelta(minutes=5))
    assert message == "Too many attempts. Try again in 10 minutes."
    assert _sign_in(session, now=NOW + timedelta(minutes=15)).learner_id == learner_id


def test_other_usernames_are_not_locked_by_someone_elses_failures(session, content):
    _signed_up(session, content, username="alice")
    bob_id, _, _ = _signed_up(session, content, username="bob")
    for attempt in range(accounts.MAX_FAILURES_PER_USER):
        with pytest.raises(accounts.SignInError):
            _sign_in(session, "alice", "wrong password", client=f"c{attempt}")
    assert _sign_in(session, "bob").learner_id == bob_id


def test_twenty_failures_lock_the_client_across_usernames(session, content):
    learner_id, _, _ = _signed_up(session, content)
    for attempt in range(accounts.MAX_FAILURES_PER_CLIENT):
        with pytest.raises(accounts.SignInError):
            _sign_in(session, f"guess{attempt}", "wrong password", client="1.2.3.4")

    message = _error(accounts.RateLimitedError, _sign_in, session, client="1.2.3.4")
    assert message.startswith("Too many attempts.")
    assert _sign_in(session, client="5.6.7.8").learner_id == learner_id
    after_window = NOW + timedelta(minutes=16)
    assert _sign_in(session, client="1.2.3.4", now=after_window).learner_id == learner_id


def test_taken_usernames_at_sign_up_count_against_the_client(session, content):
    _signed_up(session, content, username="alice")
    newcomer, _ = learners.create_learner(session)
    for _ in range(accounts.MAX_FAILURES_PER_CLIENT):
        with pytest.raises(accounts.SignUpError):
            accounts.sign_up(session, newcomer.id, "alice", PASSWORD, "prober", now=NOW)
    with pytest.raises(accounts.RateLimitedError):
        accounts.sign_up(session, newcomer.id, "free-name", PASSWORD, "prober", now=NOW)
    accounts.sign_up(session, newcomer.id, "free-name", PASSWORD, "someone-else", now=NOW)
    assert accounts.account_for_learner(session, newcomer.id).username == "free-name"


# --- sessions -----------------------------------------------------------------------------


def test_sessions_expire_after_thirty_days(session, content):
    learner_id, token, _ = _signed_up(session, content)
    almost = NOW + timedelta(days=accounts.SESSION_DAYS) - timedelta(seconds=1)
    assert accounts.resolve_session(session, token, now=almost) == learner_id
    expired = NOW + timedelta(days=accounts.SESSION_DAYS)
    assert accounts.resolve_session(session, token, now=expired) is None


def test_sign_out_everywhere_ends_every_session_of_that_account_only(session, content):
    alice_id, first, _ = _signed_up(session, content, username="alice")
    second = _sign_in(session, "alice").token
    _, bobs, _ = _signed_up(session, content, username="bob")

    assert accounts.sign_out_everywhere(session, second, now=NOW) is True

    assert accounts.resolve_session(session, first, now=NOW) is None
    assert accounts.resolve_session(session, second, now=NOW) is None
    assert accounts.resolve_session(session, bobs, now=NOW) is not None
    assert accounts.sign_out_everywhere(session, first, now=NOW) is False  # dead token, no power
    assert _sign_in(session, "alice").learner_id == alice_id  # signing in again still works


def test_sign_out_ends_only_this_devices_session(session, content):
    learner_id, first, _ = _signed_up(session, content)
    second = _sign_in(session).token
    assert accounts.sign_out(session, first, now=NOW) is True
    assert accounts.resolve_session(session, first, now=NOW) is None
    assert accounts.resolve_session(session, second, now=NOW) == learner_id


class _NoDatabase:
    def __getattr__(self, name):
        raise AssertionError(f"the database was touched ({name})")


@pytest.mark.parametrize("bad", ["", "short", "x" * 43 + "!", None, 42, "é" * 43, "a" * 10_000])
def test_malformed_session_tokens_are_refused_without_a_query(bad):
    assert accounts.resolve_session(_NoDatabase(), bad) is None
    assert accounts.sign_out_everywhere(_NoDatabase(), bad) is False


def test_session_tokens_open_only_their_own_learner(session, content):
    alice_id, alice_token, _ = _signed_up(session, content, username="alice")
    bob_id, bob_token, _ = _signed_up(session, content, username="bob")
    assert accounts.resolve_session(session, alice_token, now=NOW) == alice_id
    assert accounts.resolve_session(session, bob_token, now=NOW) == bob_id
    assert accounts.resolve_session(session, learners.new_token(), now=NOW) is None


def test_anonymous_learners_have_no_account(session):
    learner, _ = learners.create_learner(session)
    assert accounts.account_for_learner(session, learner.id) is None
