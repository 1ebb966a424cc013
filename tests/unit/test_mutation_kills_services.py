"""Service behaviour that `make mutate` found unpinned: each test kills mutants that the other
unit tests let survive (see README.md, "Mutation testing")."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from sqlmodel import select

from fullstack_guide.models import AuthSession, ShareLink
from fullstack_guide.services import (
    accounts,
    auth_sessions,
    history,
    identity,
    learner_data,
    learners,
    login_limits,
    progress,
    sharing,
    stacks,
)
from fullstack_guide.services.clock import as_utc
from fullstack_guide.services.search import Document, search
from tests.unit.hostile import CHEAP_HASHER

T0 = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def test_a_renewed_link_is_dated_at_the_moment_of_renewal(session):
    learner = learners.create_learner(session)[0]
    old = sharing.enable_share(session, learner.id, include_notes=False, now=T0)
    renewed_at = T0.replace(hour=15)
    new = sharing.renew_share(session, learner.id, include_notes=False, now=renewed_at)
    links = {link.id: link for link in session.exec(select(ShareLink)).all()}
    assert as_utc(links[old.link.id].revoked_at) == renewed_at
    assert as_utc(links[new.link.id].created_at) == renewed_at
    assert links[new.link.id].revoked_at is None


def test_the_sign_in_page_refusal_is_the_one_wrong_password_message():
    refusal = accounts.bad_credentials()
    assert isinstance(refusal, accounts.SignInError)
    assert str(refusal) == "Username or password is incorrect."


def test_among_names_holding_every_word_the_shorter_name_comes_first():
    def doc(title: str) -> Document:
        name = title.lower()
        return Document("Topic", title, "", f"/t/{name}", name, tuple(name.split()), "")

    index = (doc("Green Unicorn Worker Pool"), doc("Green Unicorn"))
    assert [h.title for h in search("unicorn gr", index=index)] == [
        "Green Unicorn",
        "Green Unicorn Worker Pool",
    ]


def test_the_your_data_page_reads_sharing_as_off_until_a_link_is_made(session):
    learner = learners.create_learner(session)[0].id
    assert learner_data.share_state(session, learner) == learner_data.ShareState(
        on=False, include_notes=False, since="", token=""
    )
    sharing.enable_share(session, learner, include_notes=True, now=T0)
    assert learner_data.share_state(session, learner) == learner_data.ShareState(
        on=True, include_notes=True, since="2025-03-01", token=""
    )
    sharing.revoke_share(session, learner)
    assert learner_data.share_state(session, learner).on is False


def test_a_stack_calls_for_its_technologies_checklist_items_in_checklist_order(content):
    tech = next(t for t in content.technologies if len(t.checklist) >= 2)
    implied = stacks.implied_items(content, {"any-category": tech.slug})
    assert sorted(implied) == sorted(tech.checklist)
    order = [item.slug for item in content.items]
    assert implied == sorted(implied, key=order.index)
    assert stacks.implied_items(content, {}) == []


@pytest.fixture
def cheap_hashing(monkeypatch):
    monkeypatch.setattr(accounts, "_hasher", CHEAP_HASHER)


def test_malformed_usernames_share_no_lock_and_never_sign_in(session, cheap_hashing):
    """A name no account can have is not a username: it is never locked out, nor let in."""
    for attempt in range(accounts.MAX_FAILURES_PER_USER + 2):
        ticket = accounts.begin_sign_in(session, "No Such Name!", f"client-{attempt}", now=T0)
        assert (ticket.name, ticket.known) == (None, False)
        assert accounts.verify_password(ticket, "correct horse battery") == (False, None)


def test_an_unknown_username_is_refused_whatever_the_password(session, cheap_hashing):
    ticket = accounts.begin_sign_in(session, "nobody-signed-up", "client", now=T0)
    assert (ticket.name, ticket.known) == ("nobody-signed-up", False)
    for password in ("correct horse battery", "", None):
        assert accounts.verify_password(ticket, password) == (False, None)


def _sha(raw: bytes) -> str:
    return "client:" + hashlib.sha256(raw).hexdigest()


def test_client_keys_that_would_not_fit_or_print_are_hashed():
    assert login_limits.client_key_of("a" * 64) == "client:" + "a" * 64
    assert login_limits.client_key_of("a" * 65) == _sha(b"a" * 65)
    assert login_limits.client_key_of("tab\tkey") == _sha(b"tab\tkey")
    assert login_limits.client_key_of("\ud800 lone") == _sha(b"? lone")  # unencodable: "?"
    assert login_limits.client_key_of(None) == login_limits.client_key_of("") == "client:"


def test_on_postgresql_an_attempt_takes_the_keys_advisory_lock():
    """The unit tests run on SQLite; this is the one statement PostgreSQL gets."""
    calls = []
    session = SimpleNamespace(
        get_bind=lambda: SimpleNamespace(dialect=SimpleNamespace(name="postgresql")),
        execute=lambda statement, params: calls.append((str(statement).lower(), params)),
    )
    login_limits.lock_key(session, "user:alice")
    assert calls == [("select pg_advisory_xact_lock(hashtext(:key))", {"key": "user:alice"})]


def test_a_full_key_waits_for_the_longest_of_its_windows_and_at_least_a_second(
    session, monkeypatch
):
    locked = []
    monkeypatch.setattr(login_limits, "lock_key", lambda _session, key: locked.append(key))
    keys = [("test:z-long", 1, timedelta(minutes=10)), ("test:a-short", 1, timedelta(minutes=5))]
    assert login_limits.record_attempt(session, keys, T0) == timedelta(0)
    assert locked == ["test:a-short", "test:z-long"]  # in one order, so two never deadlock
    assert login_limits.record_attempt(session, keys, T0) == timedelta(minutes=10)
    one = [("test:one", 1, timedelta(minutes=5))]
    login_limits.record_attempt(session, one, T0)
    almost = T0 + timedelta(minutes=5) - timedelta(microseconds=1)
    assert login_limits.record_attempt(session, one, almost) == timedelta(seconds=1)


def test_a_session_is_dated_when_it_was_opened(session):
    learner = learners.create_learner(session)[0]
    accounts.finish_sign_up(session, learner.id, "dated-session", "hash", now=T0)
    account = accounts.account_for_learner(session, learner.id)
    [row] = session.exec(select(AuthSession).where(AuthSession.account_id == account.id)).all()
    assert (as_utc(row.created_at), as_utc(row.expires_at)) == (
        T0,
        T0 + timedelta(days=auth_sessions.SESSION_DAYS),
    )


def test_a_tab_keeps_text_digests_one_per_way_it_was_identified(session):
    learner, learner_token = learners.create_learner(session)
    anonymous = identity.identify(session, None, learner_token)
    assert (anonymous.learner_id, anonymous.session_digest, anonymous.username) == (
        learner.id,
        "",
        "",
    )
    assert anonymous.learner_digest == learner.token_digest
    token = accounts.finish_sign_up(session, learner.id, "tab-owner", "hash")
    signed_in = identity.identify(session, token, None)
    assert (signed_in.learner_id, signed_in.learner_digest, signed_in.username) == (
        learner.id,
        "",
        "tab-owner",
    )


def test_undo_takes_back_the_change_the_history_shows_first(session, content):
    learner = learners.create_learner(session)[0].id
    progress.set_status(session, content, learner, "orm", "done", now=T0.replace(hour=14))
    progress.set_status(session, content, learner, "rag", "done", now=T0)  # dated earlier
    [first, _] = history.recent_events(session, learner)
    assert history.newest_open_batch(session, learner) == first.batch


def test_of_two_live_share_links_the_newest_is_the_one_shown(session):
    """Two tabs turning sharing on at once can leave two live links; the owner sees the newer."""
    learner = learners.create_learner(session)[0].id
    older, newer = (ShareLink(learner_id=learner, token_digest=c * 64) for c in "ab")
    session.add(older)
    session.flush()
    session.add(newer)
    session.flush()
    assert sharing.active_share(session, learner).id == newer.id


def test_a_batch_id_may_be_one_to_the_columns_length_of_characters():
    longest = "b" * history.BATCH_MAX_LENGTH
    assert [history.checked_batch(b) for b in ("a", longest)] == ["a", longest]
    for bad in ("", longest + "b", None):
        with pytest.raises(ValueError, match=r"^A batch id must be 1 to \d+ characters long\.$"):
            history.checked_batch(bad)


def test_a_change_recorded_without_a_time_is_dated_now(session):
    learner = learners.create_learner(session)[0].id
    before = datetime.now(UTC)
    event = history.record_change(session, learner, "orm", "not_started", "done", "batch-1")
    assert before <= as_utc(event.created_at) <= datetime.now(UTC)
    dated = history.record_change(session, learner, "orm", "done", "skipped", "batch-2", T0)
    assert as_utc(dated.created_at) == T0
