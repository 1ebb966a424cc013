"""ProgressState handlers called directly, as the browser's events would call them."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy.exc import OperationalError

from fullstack_guide import identity as identity_module
from fullstack_guide import state as state_module
from fullstack_guide.services import learners
from tests.unit.tabs import Tab
from tests.unit.tabs import loaded_tab as _loaded


class _ProgressTab:
    """The ProgressState of a loaded tab, with the browser's learner token beside it."""

    def __init__(self, tab: Tab) -> None:
        self.tab = tab

    def __getattr__(self, name):
        return getattr(self.tab.progress, name)

    @property
    def learner_token(self) -> str:
        return self.tab.learner_token


def new_tab(token: str = "") -> _ProgressTab:
    return _ProgressTab(Tab({"fsg_learner": token} if token else {}))


async def loaded_tab(token: str = "") -> _ProgressTab:
    return _ProgressTab(await _loaded(token))


async def test_first_visit_creates_a_learner_and_hands_out_a_token():
    tab = await loaded_tab()
    assert learners.is_well_formed(tab.learner_token)
    assert tab.statuses == {}


async def test_a_tick_survives_a_reload_and_shows_in_a_new_tab():
    tab = await loaded_tab()
    await tab.set_done("orm", True)
    assert tab.statuses == {"orm": "done"}
    assert tab.section_summary["data"] == "1 of 5 done"
    reloaded = await loaded_tab(tab.learner_token)
    assert reloaded.statuses == {"orm": "done"}
    assert reloaded.overall_percent == round(100 / 30)


async def test_unticking_clears_the_item():
    tab = await loaded_tab()
    await tab.set_done("orm", True)
    await tab.set_done("orm", False)
    assert (await loaded_tab(tab.learner_token)).statuses == {}


async def test_another_learner_does_not_see_the_tick():
    alice = await loaded_tab()
    await alice.set_done("containers", True)
    bob = await loaded_tab()
    assert bob.statuses == {}
    assert bob.learner_token != alice.learner_token


async def test_an_unknown_or_forged_token_gets_a_fresh_learner_not_someone_elses():
    alice = await loaded_tab()
    await alice.set_done("rag", True)
    last = "A" if alice.learner_token[-1] != "A" else "B"
    forged = await loaded_tab(alice.learner_token[:-1] + last)
    assert forged.statuses == {}
    assert forged.learner_token != alice.learner_token


@pytest.mark.parametrize("slug", ["nope", "", "../../etc/passwd", "<script>", 7, None])
async def test_unknown_item_changes_nothing_and_is_logged(caplog, slug):
    tab = await loaded_tab()
    with caplog.at_level(logging.WARNING, logger="fullstack_guide.state"):
        assert await tab.set_done(slug, True) is None
    assert tab.statuses == {}
    assert "unknown item" in caplog.text
    assert (await loaded_tab(tab.learner_token)).statuses == {}


async def test_a_hostile_slug_is_logged_short_and_on_one_line(caplog):
    tab = await loaded_tab()
    forged = "x" * 100_000 + "\nCRITICAL forged log line \x1b[31m"
    with caplog.at_level(logging.WARNING, logger="fullstack_guide.state"):
        assert await tab.set_done(forged, True) is None
    (record,) = [r for r in caplog.records if "unknown item" in r.getMessage()]
    assert len(record.getMessage()) < 200
    assert "\n" not in record.getMessage() and "\x1b" not in record.getMessage()


async def test_a_tick_before_the_learner_is_known_changes_nothing(caplog):
    tab = new_tab()
    with caplog.at_level(logging.WARNING, logger="fullstack_guide.state"):
        result = await tab.set_done("orm", True)
    assert tab.statuses == {}
    assert "before the learner was known" in caplog.text
    assert result is not None  # the learner is told to retry


async def test_only_a_real_true_ticks(caplog):
    tab = await loaded_tab()
    await tab.set_done("orm", "yes")
    assert tab.statuses == {}


async def test_a_database_failure_shows_a_message_and_keeps_the_old_state(monkeypatch):
    tab = await loaded_tab()
    await tab.set_done("orm", True)

    def broken(*_args):
        raise OperationalError("UPDATE", {}, Exception("database is locked"))

    monkeypatch.setattr(state_module, "_change", broken)
    result = await tab.set_done("nosql", True)
    assert result is not None
    assert "could not be reached" in str(result)
    assert tab.statuses == {"orm": "done"}


async def test_a_database_failure_on_load_shows_a_message(monkeypatch):
    def broken(*_args):
        raise OperationalError("SELECT", {}, Exception("no such table"))

    monkeypatch.setattr(identity_module, "_identify_and_read", broken)
    tab = new_tab()
    result = await tab.tab.identify()
    assert result is not None
    assert tab.ready is False


async def test_undo_is_enabled_exactly_while_a_change_is_still_in_effect():
    """Undo buttons (dashboard, your data) read ``can_undo``: never enabled with nothing to undo."""
    tab = await loaded_tab()
    assert tab.can_undo is False  # a new learner has nothing to undo
    await tab.set_done("orm", True)
    assert tab.can_undo is True
    reloaded = await loaded_tab(tab.learner_token)
    assert reloaded.can_undo is True  # read on every page load, not only after a tick
    await reloaded.undo()
    assert reloaded.can_undo is False and reloaded.statuses == {}
    await reloaded.set_done("orm", True)
    await reloaded.set_done("orm", True)  # the same status again records nothing new
    await reloaded.undo()
    assert reloaded.can_undo is False
