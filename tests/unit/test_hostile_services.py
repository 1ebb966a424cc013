"""Hostile input to every service that takes user-controlled values.

A service may refuse with its documented ``ValueError`` subclass, whose message must be a
clear sentence; anything else escaping is a bug. Each call runs in a savepoint that is
rolled back afterwards, and before that the seeded learner's saved data (and a bystander's,
and an account owner's) is compared with what it was.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from fullstack_guide.models import Status
from fullstack_guide.services import (
    accounts,
    identity,
    learners,
    notes,
    progress,
    review,
    sharing,
    stacks,
)
from fullstack_guide.services.accounts import AccountError
from fullstack_guide.services.notes import InvalidNoteError
from fullstack_guide.services.progress import InvalidStatusError, UnknownItemError
from fullstack_guide.services.review import NotDueError
from fullstack_guide.services.stacks import StackError
from tests.unit.hostile import (
    CHEAP_HASHER,
    MUTATIONS,
    SETTINGS,
    SHARE_TOKENS,
    anything,
    assert_clear,
    hostile,
    near,
    new_learner,
    seed,
    snapshots,
    tried,
)

ITEMS = ("orm", "rag", "mcp", "testing")  # near misses of real slugs; any slug is tried too
STATUSES = tuple(sorted(Status.values()))
OWNER, OWNER_PASSWORD = "hostile-service-owner", "correct horse battery staple"
ALL = ("progress", "events", "notes", "stacks", "shares", "account", "sessions")


@dataclass
class Seeded:
    learner_id: int
    stack_id: int
    owner_id: int
    owner_session: str
    bystander_id: int
    bystander_stack_id: int
    before: dict[int, dict[str, list]]


@pytest.fixture
def seeded(session, monkeypatch) -> Seeded:
    """A learner with saved data, a bystander with the same, and an account owner."""
    monkeypatch.setattr(accounts, "_hasher", CHEAP_HASHER)
    learner_id, bystander_id, owner_id = (new_learner(session) for _ in range(3))
    stack_id, bystander_stack_id, _ = (
        seed(session, i) for i in (learner_id, bystander_id, owner_id)
    )
    token = accounts.sign_up(session, owner_id, OWNER, OWNER_PASSWORD, "owner-device")
    before = snapshots(session, learner_id, bystander_id, owner_id)
    return Seeded(learner_id, stack_id, owner_id, token, bystander_id, bystander_stack_id, before)


def attempt(session, seeded: Seeded, surface: str, call, errors=(), keep=ALL):
    """Run ``call`` in a savepoint: only ``errors`` may escape, with a clear message.

    Before rolling back, the bystander's and owner's data must be untouched and the seeded
    learner's ``keep`` parts unchanged. Returns what the call returned or raised.
    """
    savepoint = session.begin_nested()
    try:
        try:
            result = call()
            verdict = "no-op" if result in (None, False, "", [], {}) else "accepted"
        except errors as refused:
            assert_clear(str(refused))
            result, verdict = refused, "message"
        tried(surface, verdict)
        now = snapshots(session, *seeded.before)
        for other in (seeded.bystander_id, seeded.owner_id):
            assert now[other] == seeded.before[other]
        for part in keep:
            assert now[seeded.learner_id][part] == seeded.before[seeded.learner_id][part], part
        return result
    finally:
        savepoint.rollback()


# --- progress, notes, reviews -----------------------------------------------------------------


@SETTINGS
@given(slug=hostile(*ITEMS), status=anything, known_slug=st.sampled_from(ITEMS))
def test_set_status_refuses_unknown_items_and_statuses(
    session, content, seeded, slug, status, known_slug
):
    lid = seeded.learner_id
    for args in ((slug, status), (known_slug, hostile_status(status))):
        refused = attempt(
            session,
            seeded,
            "progress.set_status",
            lambda args=args: progress.set_status(session, content, lid, *args),
            (UnknownItemError, InvalidStatusError),
        )
        assert isinstance(refused, UnknownItemError | InvalidStatusError)


def hostile_status(value: object) -> object:
    """``value`` unless it happens to be a real status (then a near miss of it)."""
    return value + "?" if isinstance(value, str) and value in STATUSES else value


@SETTINGS
@given(slug=hostile(*ITEMS), body=anything, base_version=anything)
def test_notes_refuse_unknown_items_and_store_any_text_as_typed(
    session, content, seeded, slug, body, base_version
):
    lid = seeded.learner_id
    refused = attempt(
        session,
        seeded,
        "notes.save_note (unknown item)",
        lambda: notes.save_note(session, content, lid, slug, "some text"),
        (UnknownItemError,),
    )
    assert isinstance(refused, UnknownItemError)
    assert (
        attempt(session, seeded, "notes.get_note", lambda: notes.get_note(session, lid, slug))
        is None
    )

    def save_on_rag():
        saved = notes.save_note(session, content, lid, "rag", body, base_version=base_version)
        stored = notes.get_note(session, lid, "rag")
        typed = body.replace("\x00", "")
        assert (stored.body if stored else "") == (typed if typed.strip() else "")
        return saved

    keep = tuple(part for part in ALL if part != "notes")
    attempt(session, seeded, "notes.save_note", save_on_rag, (InvalidNoteError,), keep)
    orm = notes.get_note(session, lid, "orm")
    assert (orm.item_slug, orm.body, orm.version) == seeded.before[lid]["notes"][0]


@SETTINGS
@given(slug=st.one_of(hostile(*ITEMS), st.sampled_from(ITEMS)))
def test_review_answers_for_items_not_due_are_refused(session, content, seeded, slug):
    lid = seeded.learner_id
    for surface, call in (
        ("review.mark_remembered", lambda: review.mark_remembered(session, lid, slug)),
        ("progress.mark_forgotten", lambda: progress.mark_forgotten(session, content, lid, slug)),
    ):
        refused = attempt(session, seeded, surface, call, (NotDueError, UnknownItemError))
        assert isinstance(refused, NotDueError | UnknownItemError)


# --- saved stacks -------------------------------------------------------------------------------


@SETTINGS
@given(name=anything, choices=anything, stack_id=st.one_of(anything, st.just("bystander")))
def test_stacks_refuse_bad_names_and_never_delete_another_learners(
    session, content, seeded, name, choices, stack_id
):
    lid = seeded.learner_id
    assert set(stacks.clean_choices(content, choices).items()) <= {
        (slot.slug, tech) for slot in content.slots for tech in slot.options
    }
    tried("stacks.clean_choices", "accepted")
    keep = tuple(part for part in ALL if part != "stacks")
    saved = attempt(
        session,
        seeded,
        "stacks.save_stack",
        lambda: stacks.save_stack(session, content, lid, name, choices),
        (StackError,),
        keep,
    )
    if not isinstance(saved, StackError):
        assert saved.name == stacks.clean_name(name) and saved.name.isprintable()
    target = seeded.bystander_stack_id if stack_id == "bystander" else stack_id
    own = type(target) is int and target == seeded.stack_id
    attempt(
        session,
        seeded,
        "stacks.delete_stack",
        lambda: stacks.delete_stack(session, lid, target),
        keep=keep if own else ALL,
    )


# --- share links --------------------------------------------------------------------------------


@SETTINGS
@given(token=anything, mutate=st.sampled_from(MUTATIONS), include=anything)
def test_share_links_open_only_for_the_exact_token_and_notes_only_for_true(
    session, content, seeded, token, mutate, include
):
    lid = seeded.learner_id
    real = SHARE_TOKENS[lid]
    for guess in (token, mutate(real)):
        view = attempt(
            session,
            seeded,
            "sharing.shared_view",
            lambda g=guess: sharing.shared_view(session, content, g),
        )
        assert view is None

    def switch():
        link = sharing.enable_share(session, lid, include)
        assert link.token == "" and link.include_notes is (include is True)  # not shown again
        assert learners.token_digest(real) == link.link.token_digest
        return link

    keep = tuple(part for part in ALL if part != "shares")
    attempt(session, seeded, "sharing.enable_share", switch, keep=keep)


# --- identity and accounts ----------------------------------------------------------------------

CREDENTIALS = st.one_of(anything, near(OWNER), st.just(OWNER))


@SETTINGS
@given(
    username=CREDENTIALS,
    password=st.one_of(anything, near(OWNER_PASSWORD)).filter(lambda p: p != OWNER_PASSWORD),
    client=anything,
)
# Lone surrogates arrive through JSON ("\ud800") but have no UTF-8 form for Argon2 (found by CI).
@example(username=OWNER, password="\ud800", client=None)
@example(username="new-learner", password="correct horse \udfff battery", client="c")
def test_sign_up_and_sign_in_refuse_clearly_and_never_touch_another_account(
    session, seeded, username, password, client
):
    lid = seeded.learner_id
    for surface, call in (
        ("accounts.normalise_username", lambda: accounts.normalise_username(username)),
        ("accounts.check_password", lambda: accounts.check_password(password)),
        ("accounts.sign_in", lambda: accounts.sign_in(session, username, password, client, None)),
    ):
        attempt(session, seeded, surface, call, (AccountError,))
    keep = tuple(part for part in ALL if part not in ("account", "sessions"))
    attempt(
        session,
        seeded,
        "accounts.sign_up",
        lambda: accounts.sign_up(session, lid, username, password, client),
        (AccountError,),
        keep,
    )


@SETTINGS
@given(token=anything, mutate=st.sampled_from(MUTATIONS), learner_token=anything)
def test_a_wrong_token_opens_nothing_and_ends_no_session(
    session, seeded, token, mutate, learner_token
):
    known = (seeded.learner_id, seeded.bystander_id, seeded.owner_id)
    for guess in (token, mutate(seeded.owner_session)):
        for surface, call in (
            ("accounts.resolve_session", lambda g=guess: accounts.resolve_session(session, g)),
            ("accounts.sign_out", lambda g=guess: accounts.sign_out(session, g)),
            (
                "accounts.sign_out_everywhere",
                lambda g=guess: accounts.sign_out_everywhere(session, g),
            ),
            ("learners.find_learner", lambda g=guess: learners.find_learner(session, g)),
        ):
            assert attempt(session, seeded, surface, call) in (None, False)

        def fresh(g=guess):
            learner, _token, created = learners.resolve_learner(session, g)
            assert created and learner.id not in known
            who = identity.identify(session, g, learner_token)
            assert not who.signed_in and who.learner_id not in known
            return learner

        attempt(session, seeded, "learners.resolve_learner + identity.identify", fresh)
