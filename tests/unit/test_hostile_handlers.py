"""Hostile input to every event handler: no exception escapes and nothing saved changes.

Each test drives one page's state as a crafted websocket event could: any JSON value as
any argument (strategies in ``tests/unit/hostile.py``). After every call the update must
still go out (every dirty var computes and encodes as UTF-8 JSON), every message must be
a clear sentence, and what the learner (and a bystander learner) saved must be as before.
"""

from __future__ import annotations

import json
from collections.abc import Hashable
from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import delete, func, select

from fullstack_guide import routes
from fullstack_guide.components.search import SearchState
from fullstack_guide.components.stack_diagram import DiagramState
from fullstack_guide.content import get_content
from fullstack_guide.db import session_scope
from fullstack_guide.identity import IdentityState
from fullstack_guide.models import Account, AuthSession, LoginAttempt
from fullstack_guide.pages.account import AccountState
from fullstack_guide.pages.builder import BuilderState
from fullstack_guide.pages.checklist_item import NoteState
from fullstack_guide.pages.dashboard import DashboardState
from fullstack_guide.pages.journey import JourneyState
from fullstack_guide.pages.paths import PathsState
from fullstack_guide.pages.shared_progress import SharedState, token_from_path
from fullstack_guide.pages.your_data import YourDataState
from fullstack_guide.services import accounts, learners, stacks
from fullstack_guide.state import ProgressState
from tests.unit.hostile import (
    CHEAP_HASHER,
    MUTATIONS,
    SETTINGS,
    SHARE_TOKENS,
    Upload,
    anything,
    assert_clear,
    hostile,
    near,
    new_learner,
    odd_text,
    outcome,
    run,
    saved,
    seed,
    sendable,
    tried,
    unchanged,
    world,
)
from tests.unit.tabs import Tab

CONTENT = get_content()
ITEMS = sorted(CONTENT.item_slugs)
TECHS = sorted(t.slug for t in CONTENT.technologies)
SLOTS = {slot.slug: slot.options for slot in CONTENT.slots}
OPTIONS = sorted({tech for options in SLOTS.values() for tech in options})
HOPS = {hop.slug: [option.topic for option in hop.options] for hop in CONTENT.hops}
PRESETS = [preset.slug for preset in CONTENT.presets]
STATUSES = ("not_started", "in_progress", "done", "skipped")
OWNER, OWNER_PASSWORD = "hostile-owner", "correct horse battery staple"


@pytest.fixture(scope="module", autouse=True)
def forget_accounts_made_here():
    """Accounts and failed attempts from random sign-ups must not meet later tests."""
    with session_scope() as session:
        last_account = session.exec(select(func.max(Account.id))).one() or 0
        last_attempt = session.exec(select(func.max(LoginAttempt.id))).one() or 0
    yield
    with session_scope() as session:
        made = select(Account.id).where(Account.id > last_account)
        session.exec(delete(AuthSession).where(AuthSession.account_id.in_(made)))
        session.exec(delete(Account).where(Account.id > last_account))
        session.exec(delete(LoginAttempt).where(LoginAttempt.id > last_attempt))


# --- ProgressState (and the dashboard and paths that read it) -------------------------------

KNOWN_ITEMS = st.sampled_from(["orm", "rag", "mcp"])


def _hashable(value: object) -> bool:
    return isinstance(value, Hashable)


PROGRESS_CALLS = {
    "set_status": st.one_of(
        st.tuples(hostile(*ITEMS), anything),
        st.tuples(KNOWN_ITEMS, hostile(*STATUSES).filter(_hashable)),
    ),
    "set_done": st.tuples(hostile(*ITEMS), anything),
    "key_command": st.one_of(
        st.tuples(hostile(*ITEMS), anything, anything),
        st.tuples(KNOWN_ITEMS, hostile(*"dlsrDLSR"), anything),
    ),
    "review_item": st.tuples(st.one_of(hostile(*ITEMS), KNOWN_ITEMS), anything),
}


@pytest.mark.parametrize("handler", PROGRESS_CALLS)
@SETTINGS
@given(data=st.data())
def test_progress_events_never_raise_or_change_saved_progress(handler, data):
    w = world("progress")
    tab = w.state(ProgressState)
    args = data.draw(PROGRESS_CALLS[handler])
    tried(f"ProgressState.{handler}", outcome(run(getattr(tab, handler)(*args))))
    w.settle()
    assert tab.statuses == {"orm": "done", "rag": "in_progress"}
    unchanged(w, *w.seeded)
    # the pages that read the statuses still load
    assert run(w.state(DashboardState).load()) is None
    assert w.state(DashboardState).loaded
    run(w.state(PathsState).load())
    w.settle()


@pytest.mark.parametrize("status", [[], {}, ["done"]])
def test_an_unhashable_status_for_a_real_item_is_ignored(status):
    w = world("progress-unhashable")
    tried("ProgressState.set_status", "no-op")
    assert run(w.state(ProgressState).set_status("orm", status)) is None
    unchanged(w, *w.seeded)


@SETTINGS
@given(learner_token=anything, session_token=anything, mutate=st.sampled_from(MUTATIONS))
def test_any_stored_token_gets_a_fresh_learner_never_someone_elses(
    learner_token, session_token, mutate
):
    w = world("progress")
    near_miss = mutate(w.learner_token)
    for token in (learner_token, near_miss):
        tab = Tab()
        tried("IdentityState.identify", outcome(run(tab.identity.identify(token, session_token))))
        assert tab.identity.ready and tab.progress.statuses == {}
        assert tab.identity._learner_id not in (w.learner_id, w.bystander_id)
    unchanged(w, *w.seeded)


# --- pages without saved data: search, journey, stack diagram -------------------------------


@SETTINGS
@given(
    key=st.one_of(anything, st.sampled_from(["ArrowDown", "ArrowUp", "Enter", "Escape"])),
    query=st.one_of(odd_text, anything, st.sampled_from(["django", "python"])),
)
def test_the_search_palette_keeps_a_valid_selection(key, query):
    w = world("views")
    palette = w.state(SearchState)
    run(palette.set_query(query))
    tried("SearchState.set_query", outcome(None, changed=bool(palette.results)))
    assert len(palette.results) <= 8
    assert palette.active == 0
    w.settle()
    result = run(palette.key(key))
    tried("SearchState.key", outcome(result, changed=palette.active != 0))
    assert 0 <= palette.active < max(1, len(palette.results))
    if key == "Enter" and palette.results:
        assert result is not None  # opens the selected hit
    w.settle()
    run(palette.reset_palette())
    assert (palette.query, palette.results, palette.active) == ("", [], 0)
    w.settle()


HOP_ARG = st.one_of(hostile(*HOPS), st.sampled_from(sorted(HOPS)))
TOPIC_ARG = st.one_of(hostile(*OPTIONS), st.sampled_from(OPTIONS))
JOURNEY_CALLS = st.one_of(
    st.tuples(st.just("go"), st.one_of(anything, st.integers(-3, len(HOPS) + 3))),
    st.tuples(st.just("move"), st.one_of(anything, st.integers(-3, 3))),
    st.tuples(st.just("choose"), HOP_ARG, TOPIC_ARG),
    st.tuples(st.just("set_detours"), anything),
    st.tuples(st.just("start")),
)


@SETTINGS
@given(calls=st.lists(JOURNEY_CALLS, min_size=1, max_size=6))
def test_the_journey_stays_on_a_visible_hop_with_valid_choices(calls):
    w = world("views")
    journey = w.state(JourneyState)
    run(journey.start())
    for name, *args in calls:
        before = (journey.step, dict(journey.choices), journey.detours)
        run(getattr(journey, name)(*args))
        after = (journey.step, dict(journey.choices), journey.detours)
        tried(f"JourneyState.{name}", outcome(None, changed=after != before))
        assert type(journey.step) is int and journey.step in journey._visible()
        assert all(topic in HOPS[hop] for hop, topic in journey.choices.items())
        assert journey.detours in (True, False)
        w.settle()


TECH_ARG = st.one_of(hostile(*TECHS), st.sampled_from(TECHS))
DIAGRAM_CALLS = st.one_of(
    st.tuples(st.just("select"), TECH_ARG),
    st.tuples(st.just("close"), anything),
    st.tuples(
        st.just("open_from_url"),
        st.one_of(
            st.fixed_dictionaries({"topic": TECH_ARG}),
            st.dictionaries(st.text(max_size=8), anything, max_size=3),
        ),
    ),
)


@SETTINGS
@given(calls=st.lists(DIAGRAM_CALLS, min_size=1, max_size=5))
def test_the_diagram_panel_shows_a_known_topic_or_nothing(calls):
    w = world("views")
    diagram = w.state(DiagramState)
    for name, arg in calls:
        before = dict(diagram.topic)
        if name == "open_from_url":
            w.route(arg)
            run(diagram.open_from_url())
        else:
            run(getattr(diagram, name)(arg))
        tried(f"DiagramState.{name}", outcome(None, changed=diagram.topic != before))
        assert diagram.topic == {} or diagram.topic["slug"] in TECHS
        assert (diagram.items == []) or diagram.topic
        w.settle()
    w.route()


# --- the stack builder ------------------------------------------------------------------------

BYSTANDER_STACK = "<the bystander's stack id>"
STACK_KEYS = st.one_of(
    hostile("current"),
    st.sampled_from(["current", "saved:1", "saved:", "preset:", "preset:nope"]),
    st.sampled_from(PRESETS).map("preset:{}".format),
)
FORMS = st.one_of(
    anything,
    st.fixed_dictionaries({"name": anything}),
    st.fixed_dictionaries({"name": st.sampled_from(["My stack", " x ", "\u202e\u200b"])}),
)
BUILDER_CALLS = st.one_of(
    st.tuples(
        st.just("choose"),
        st.one_of(hostile(*SLOTS), st.sampled_from(sorted(SLOTS))),
        st.one_of(anything, st.sampled_from(OPTIONS)),
    ),
    st.tuples(st.just("clear"), st.one_of(anything, st.sampled_from(sorted(SLOTS)))),
    st.tuples(st.just("apply_preset"), st.one_of(hostile(*PRESETS), st.sampled_from(PRESETS))),
    st.tuples(st.just("save"), FORMS),
    st.tuples(
        st.just("delete"),
        st.one_of(
            anything,
            st.sampled_from([BYSTANDER_STACK, "\u00b2", "\u0663", "9" * 5000, str(2**70), "-1"]),
        ),
    ),
    st.tuples(st.just("open_saved"), STACK_KEYS),
    st.tuples(st.just("set_compare_a"), STACK_KEYS),
    st.tuples(st.just("set_compare_b"), STACK_KEYS),
    st.tuples(
        st.just("load"),
        st.dictionaries(
            st.one_of(st.text(max_size=8), st.sampled_from(sorted(SLOTS))),
            st.one_of(anything, st.sampled_from(OPTIONS)),
            max_size=4,
        ),
    ),
)


def _names(arg: object, stack_id: int) -> bool:
    try:
        return int(str(arg)) == stack_id
    except ValueError:
        return False


@SETTINGS
@given(calls=st.lists(BUILDER_CALLS, min_size=1, max_size=6))
def test_the_builder_keeps_a_clean_stack_and_never_touches_saved_ones(calls):
    w = world("builder")
    builder = w.state(BuilderState)
    for name, arg, *more in calls:
        before = (dict(builder.choices), builder.compare_a, builder.compare_b, list(builder.saved))
        if arg == BYSTANDER_STACK:
            arg = str(w.bystander_stack_id)
        if name == "load":
            w.route(arg)
            result = run(builder.load())
        else:
            result = run(getattr(builder, name)(arg, *more))
        after = (builder.choices, builder.compare_a, builder.compare_b, builder.saved)
        tried(f"BuilderState.{name}", outcome(result, builder.error, after != before))
        builder.error = ""
        assert builder.choices == stacks.clean_choices(CONTENT, builder.choices)
        w.settle()
    w.route()
    unchanged(w, "progress", "events", "notes", "shares", "account")
    ours = [row for row in saved(w.learner_id)["stacks"] if row[0] == w.stack_id]
    deleted = any(name == "delete" and _names(arg, w.stack_id) for name, arg, *_ in calls)
    assert ours == [r for r in w.seeded["stacks"] if r[0] == w.stack_id] or deleted


@pytest.mark.parametrize("form", ["{id}", " {id}", "{id}.0", "0{id}", "+{id}", "{id}\x00"])
def test_another_learners_stack_cannot_be_deleted_by_its_id(form):
    w = world("builder")
    stack_id = form.format(id=w.bystander_stack_id)
    tried("BuilderState.delete", outcome(run(w.state(BuilderState).delete(stack_id))))
    w.assert_bystander_untouched()
    w.settle()


# --- accounts ---------------------------------------------------------------------------------


ACCOUNT_FORMS = st.one_of(
    anything,
    st.fixed_dictionaries(
        {},
        optional={
            "username": st.one_of(anything, st.just(OWNER), near(OWNER)),
            "password": st.one_of(anything, near(OWNER_PASSWORD)).filter(
                lambda p: p != OWNER_PASSWORD
            ),
            "extra": anything,
        },
    ),
)


@pytest.fixture(scope="module")
def owner(forget_accounts_made_here) -> tuple[int, str, dict]:
    """An account the hostile tab must never affect: its learner, a live session, its data.

    A fixture, not a cache: the module's clean-up deletes the account, and a later session in
    the same process (mutmut runs pytest many times in one process) must get a new one.
    """
    with pytest.MonkeyPatch.context() as patch, session_scope() as session:
        patch.setattr(accounts, "_hasher", CHEAP_HASHER)  # as the test signs in against it
        learner_id = new_learner(session)
        seed(session, learner_id)
        token = accounts.sign_up(session, learner_id, OWNER, OWNER_PASSWORD, "owner-device")
    return learner_id, token, saved(learner_id)


@SETTINGS
@given(
    calls=st.lists(
        st.one_of(
            st.tuples(st.just("sign_up"), ACCOUNT_FORMS),
            st.tuples(st.just("sign_in"), ACCOUNT_FORMS),
            st.tuples(
                st.just("sign_out_everywhere"), st.one_of(anything, st.sampled_from(MUTATIONS))
            ),
        ),
        min_size=1,
        max_size=3,
    )
)
def test_account_forms_never_raise_or_touch_another_account(monkeypatch, owner, calls):
    monkeypatch.setattr(accounts, "_hasher", CHEAP_HASHER)
    owner_id, owner_token, owner_data = owner
    w = world("account")
    account = w.state(AccountState)
    identity = w.state(IdentityState)
    for name, arg in calls:
        if name == "sign_out_everywhere":
            # The tab holds a digest it computed itself; a near miss of the owner's token, or
            # any hostile value, stands in for it.
            forged = arg(owner_token) if callable(arg) else arg
            identity._session_digest = (
                learners.token_digest(forged) if learners.is_well_formed(forged) else forged
            )
            result = run(account.sign_out_everywhere())
            identity._session_digest = ""
        else:
            result = run(getattr(account, name)(arg))
        tried(f"AccountState.{name}", outcome(result, account.error))
        account.error = ""
        w.settle()
    assert saved(owner_id) == owner_data
    unchanged(w, "progress", "events", "notes", "stacks", "shares")


# --- notes --------------------------------------------------------------------------------


@SETTINGS
@given(slug=hostile(*ITEMS), body=st.one_of(st.just("Text that must not be saved."), anything))
def test_a_note_on_an_unknown_item_is_refused_and_nothing_is_saved(slug, body):
    w = world("notes")
    note = w.state(NoteState)
    run(note.load_note(slug))
    tried("NoteState.load_note", outcome(None, note.error))
    run(note.edit(body))
    tried("NoteState.edit (unknown item)", outcome(None, note.error))
    assert note.save_status != "saved"
    unchanged(w, *w.seeded)
    w.settle()


def test_a_note_with_a_lone_surrogate_is_refused_and_the_update_still_goes_out():
    w = world("note-surrogate")
    note = w.state(NoteState)
    run(note.load_note("rag"))
    tried("NoteState.edit", "message")
    run(note.edit("half a pair \ud800"))
    assert_clear(note.error)
    unchanged(w, *w.seeded)
    w.settle()


@SETTINGS
@given(body=anything.filter(sendable))
def test_text_typed_into_a_note_is_saved_as_typed_or_refused_with_a_reason(body):
    w = world("note-text")
    note = w.state(NoteState)
    run(note.load_note("rag"))
    run(note.edit(body))
    stored = {slug: text for slug, text, _ in saved(w.learner_id)["notes"]}
    if note.save_status in ("saved", "conflict"):
        typed = body.replace("\x00", "")
        assert stored.get("rag", "") == (typed if typed.strip() else "")
    tried("NoteState.edit", outcome(None, note.error, changed=note.save_status == "saved"))
    assert [n for n in saved(w.learner_id)["notes"] if n[0] == "orm"] == w.seeded["notes"]
    unchanged(w, "progress", "events", "stacks", "shares", "account")
    w.settle()


# --- your data: uploads, import, sharing ----------------------------------------------------


def _as_bytes(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass")


UPLOADS = st.lists(
    st.one_of(st.binary(max_size=300), anything.map(_as_bytes)).map(Upload), max_size=3
)


@SETTINGS
@given(files=UPLOADS)
def test_any_upload_is_previewed_or_refused_and_confirming_a_refusal_changes_nothing(files):
    w = world("your-data")
    data = w.state(YourDataState)
    run(data.load())
    run(data.handle_upload(files))
    tried("YourDataState.handle_upload", outcome(None, data.import_error, data.import_ready))
    if data.import_ready:  # a valid export by chance: previewing it is fine
        run(data.cancel_import())
    assert run(data.confirm_import()) is None
    tried("YourDataState.confirm_import", "no-op")
    unchanged(w, *w.seeded)
    w.settle()


@SETTINGS
@given(include=anything)
def test_the_share_notes_switch_shows_notes_only_for_true(include):
    w = world("share-switch")
    data = w.state(YourDataState)
    run(data.load())
    result = run(data.set_share_notes(include))
    tried("YourDataState.set_share_notes", outcome(result, changed=include is True))
    shares = saved(w.learner_id)["shares"]
    assert [(token, revoked) for token, _, revoked in shares] == [
        (token, revoked) for token, _, revoked in w.seeded["shares"]
    ]
    assert shares[0][1] is (include is True)
    unchanged(w, "progress", "events", "notes", "stacks", "account")
    w.settle()


@SETTINGS
@given(
    segment=st.text(),
    params=st.one_of(
        st.fixed_dictionaries({"token": anything}),
        st.dictionaries(st.text(max_size=8), anything, max_size=3),
    ),
    mutate=st.sampled_from(MUTATIONS),
)
def test_a_shared_page_with_any_url_shows_nothing_or_the_real_share(segment, params, mutate):
    w = world("views")
    shared = w.state(SharedState)
    real = SHARE_TOKENS[w.learner_id]
    for path, query in (
        (routes.shared_url(quote(segment, safe="")), params),
        (routes.shared_url(quote(str(mutate(real)), safe="")), {}),
        (f"{routes.SHARED}/", {"token": real}),  # the real token, but not in the path
        (f"{routes.shared_url(real)}/more", {}),
    ):
        w.route(query, path=path)
        run(shared.load_shared())
        tried("SharedState.load_shared", outcome(None, changed=shared.found))
        assert shared.loaded and not shared.found and shared.sections == []
        w.settle()
    w.route(path=routes.shared_url(real))
    run(shared.load_shared())
    assert shared.found
    w.route()
    unchanged(w, *w.seeded)


def test_the_share_token_is_the_one_path_segment_after_shared():
    assert token_from_path("/shared/abc-D_9") == "abc-D_9"
    assert token_from_path("/shared/abc/") == "abc"
    assert token_from_path("/guide/shared/abc") == "abc"  # behind a frontend_path prefix
    assert token_from_path("/shared/a%2Db") == "a-b"
    for path in ("", "/", "/shared", "/shared/", "/shared/a/b", "/account", "/sharedabc"):
        assert token_from_path(path) == "", path


@SETTINGS
@given(files=anything)
def test_an_upload_call_with_arguments_of_any_type_gets_the_usual_message(files):
    """A crafted websocket call may send strings, dicts or numbers where files belong."""
    w = world("your-data")
    data = w.state(YourDataState)
    run(data.handle_upload(files))  # never raises
    tried("YourDataState.handle_upload(type)", outcome(None, data.import_error, data.import_ready))
    assert not data.import_ready
    assert data.import_error == "Choose one JSON file exported from this guide."
    unchanged(w, *w.seeded)
