"""Dashboard figures: completions over time, the activity heatmap, streaks and what is next."""

from __future__ import annotations

import re
import shutil
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise

import pytest

from fullstack_guide.content import load_content
from fullstack_guide.content.loader import DATA_DIR
from fullstack_guide.models import ProgressEvent
from fullstack_guide.services import dashboard, history, learners, progress

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def _event(slug: str, before: str, after: str, at: datetime) -> ProgressEvent:
    return ProgressEvent(
        learner_id=1, item_slug=slug, from_status=before, to_status=after, batch="b", created_at=at
    )


def _days(*spans: tuple[date, int]) -> set[date]:
    """Runs of consecutive days, each given by its first day and length."""
    return {start + timedelta(days=i) for start, length in spans for i in range(length)}


# --- loading -----------------------------------------------------------------------------


def test_load_events_leaves_out_undone_changes_and_other_learners(session, content):
    me, _ = learners.create_learner(session)
    other, _ = learners.create_learner(session)
    progress.set_status(session, content, me.id, "rag", "done", now=T0 + timedelta(hours=1))
    progress.set_status(session, content, me.id, "orm", "done", now=T0)
    progress.set_status(session, content, me.id, "mcp", "done", now=T0 + timedelta(hours=2))
    progress.set_status(session, content, other.id, "nosql", "done", now=T0)
    progress.undo_last(session, content, me.id)  # mcp
    events = dashboard.load_events(session, me.id)
    assert [e.item_slug for e in events] == ["orm", "rag"]  # oldest first
    assert dashboard.completions_over_time(events) == [{"date": "2026-03-01", "done": 2}]


# --- completions over time ----------------------------------------------------------------


def test_completions_are_cumulative_with_one_point_per_active_day():
    events = [
        _event("orm", "not_started", "done", T0),
        _event("rag", "not_started", "in_progress", T0 + timedelta(hours=1)),
        _event("rag", "in_progress", "done", T0 + timedelta(hours=2)),
        _event("mcp", "not_started", "skipped", T0 + timedelta(days=2)),
        _event("orm", "done", "in_progress", T0 + timedelta(days=3)),
        _event("nosql", "not_started", "done", T0 + timedelta(days=3, hours=1)),
        _event("agents", "not_started", "done", T0 + timedelta(days=40)),
    ]
    assert dashboard.completions_over_time(events) == [
        {"date": "2026-03-01", "done": 2},
        {"date": "2026-03-03", "done": 2},
        {"date": "2026-03-04", "done": 2},
        {"date": "2026-04-10", "done": 3},
    ]


def test_completions_replay_in_time_order_whatever_order_they_come_in():
    events = [
        _event("orm", "done", "not_started", T0 + timedelta(days=1)),
        _event("orm", "not_started", "done", T0),
    ]
    assert dashboard.completions_over_time(events) == [
        {"date": "2026-03-01", "done": 1},
        {"date": "2026-03-02", "done": 0},
    ]
    assert dashboard.completions_over_time([]) == []


def test_a_reset_and_redo_on_one_day_ends_the_day_at_the_final_count():
    events = [
        _event("orm", "not_started", "done", T0),
        _event("rag", "not_started", "done", T0),
        _event("orm", "done", "not_started", T0 + timedelta(hours=1)),
        _event("rag", "done", "not_started", T0 + timedelta(hours=1)),
        _event("rag", "not_started", "done", T0 + timedelta(hours=2)),
    ]
    assert dashboard.completions_over_time(events) == [{"date": "2026-03-01", "done": 1}]


# --- activity heatmap ---------------------------------------------------------------------


def test_heatmap_covers_exactly_the_requested_days_ending_today():
    today = date(2026, 3, 1)
    cells = dashboard.activity_by_day([], today)
    assert len(cells) == 365
    assert (cells[0].date, cells[-1].date) == (date(2025, 3, 2), today)
    assert all(b.date - a.date == timedelta(days=1) for a, b in pairwise(cells))
    assert {(c.count, c.level) for c in cells} == {(0, 0)}
    leap = dashboard.activity_by_day([], date(2024, 3, 1), days=366)
    assert (leap[0].date, len(leap)) == (date(2023, 3, 2), 366)
    assert [c.date for c in dashboard.activity_by_day([], today, days=1)] == [today]


def test_heatmap_counts_changes_per_day_and_shades_them_in_five_levels():
    today = date(2026, 3, 10)
    per_day = {0: 1, 1: 2, 2: 3, 3: 4, 4: 6, 5: 7, 6: 30}  # days before today -> changes
    events = [
        _event("orm", "not_started", "done", datetime(2026, 3, 10 - back, 12, tzinfo=UTC))
        for back, count in per_day.items()
        for _ in range(count)
    ]
    events.append(_event("orm", "done", "skipped", datetime(2026, 3, 11, 1, tzinfo=UTC)))
    events.append(_event("orm", "done", "skipped", datetime(2025, 1, 1, tzinfo=UTC)))
    cells = dashboard.activity_by_day(events, today, days=8)
    assert [(c.count, c.level) for c in cells] == [
        (0, 0),
        (30, 4),
        (7, 4),
        (6, 3),
        (4, 3),
        (3, 2),
        (2, 2),
        (1, 1),
    ]


def test_heatmap_refuses_an_empty_range():
    with pytest.raises(ValueError, match=r"^The activity chart needs at least one day\.$"):
        dashboard.activity_by_day([], date(2026, 3, 1), days=0)


def test_changes_count_on_their_utc_day():
    late = datetime(2026, 3, 1, 23, 30, tzinfo=UTC)
    naive_next_day = datetime(2026, 3, 2, 0, 30)
    events = [_event("orm", "not_started", "done", t) for t in (late, naive_next_day)]
    assert dashboard.days_with_activity(events) == {date(2026, 3, 1), date(2026, 3, 2)}


# --- streaks ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("active", "today", "expected"),
    [
        pytest.param(set(), date(2026, 3, 1), (0, 0), id="no-activity"),
        pytest.param({date(2026, 3, 1)}, date(2026, 3, 1), (1, 1), id="only-today"),
        pytest.param({date(2026, 2, 28)}, date(2026, 3, 1), (1, 1), id="today-not-yet"),
        pytest.param({date(2026, 2, 27)}, date(2026, 3, 1), (0, 1), id="broken-yesterday"),
        pytest.param(
            _days((date(2026, 2, 26), 4)), date(2026, 3, 1), (4, 4), id="across-month-end"
        ),
        pytest.param(_days((date(2024, 2, 27), 4)), date(2024, 3, 1), (4, 4), id="across-leap-day"),
        pytest.param(
            _days((date(2025, 12, 30), 3)), date(2026, 1, 2), (3, 3), id="across-new-year"
        ),
        pytest.param(
            _days((date(2025, 12, 30), 3)), date(2026, 1, 3), (0, 3), id="new-year-run-broken"
        ),
        pytest.param(
            _days((date(2025, 11, 1), 10), (date(2026, 2, 28), 2)),
            date(2026, 3, 1),
            (2, 10),
            id="longest-in-the-past",
        ),
        pytest.param(
            _days((date(2026, 2, 1), 2), (date(2026, 2, 4), 3)),
            date(2026, 2, 10),
            (0, 3),
            id="one-idle-day-splits-runs",
        ),
        pytest.param(
            _days((date(2026, 2, 1), 3), (date(2026, 2, 10), 5)),
            date(2026, 2, 14),
            (5, 5),
            id="current-is-longest",
        ),
    ],
)
def test_streaks(active, today, expected):
    assert dashboard.streaks(active, today) == expected


# --- next up ------------------------------------------------------------------------------


def _slugs(content) -> list[str]:
    return [item.slug for item in content.items]


@pytest.fixture(scope="module")
def flat_content(tmp_path_factory):
    """The real content with prerequisites removed, to test checklist-order rules alone."""
    data = tmp_path_factory.mktemp("flat") / "data"
    shutil.copytree(DATA_DIR, data)
    checklist = data / "checklist.toml"
    checklist.write_text(re.sub(r"(?m)^prerequisites = \[.*\]\n", "", checklist.read_text()))
    return load_content(data)


def test_unlocked_items_come_before_locked_ones(content):
    unlocked = [i.slug for i in content.items if not i.prerequisites]
    assert len(unlocked) >= 2
    assert dashboard.next_up(content, {}, limit=len(unlocked)) == unlocked
    first_locked = next(i for i in content.items if i.prerequisites)
    statuses = {pre: "done" for pre in first_locked.prerequisites}
    assert first_locked.slug in dashboard.next_up(content, statuses, limit=len(content.items))


def test_a_new_learner_starts_at_the_top_of_the_checklist(flat_content):
    content = flat_content
    assert dashboard.next_up(content, {}) == _slugs(content)[:5]
    assert dashboard.next_up(content, {}, limit=2) == _slugs(content)[:2]
    assert dashboard.next_up(content, {}, limit=0) == []


def test_next_up_never_repeats_items_in_progress_and_starts_after_the_last_done(flat_content):
    content = flat_content
    slugs = _slugs(content)
    statuses = {
        slugs[0]: "done",
        slugs[3]: "in_progress",
        slugs[1]: "in_progress",
        slugs[5]: "done",
        slugs[6]: "skipped",
        slugs[8]: "done",
    }
    assert dashboard.next_up(content, statuses) == [
        slugs[9],
        slugs[10],
        slugs[11],
        slugs[12],
        slugs[13],
    ]
    assert not {slugs[1], slugs[3]} & set(dashboard.next_up(content, statuses, limit=len(slugs)))


def test_ready_to_learn_lists_every_unlocked_not_started_item(content):
    locked = next(item for item in content.items if item.prerequisites)
    statuses = {pre: "done" for pre in locked.prerequisites}
    ready = dashboard.ready_to_learn(content, statuses)
    assert locked.slug in ready
    assert not set(locked.prerequisites) & set(ready)
    assert ready == [
        i.slug
        for i in content.items
        if i.slug not in statuses and dashboard.is_unlocked(content, statuses, i.slug)
    ]
    assert len(ready) > 6  # no cut-off: the old list stopped at six
    started = {ready[0]: "in_progress"}
    assert ready[0] not in dashboard.ready_to_learn(content, {**statuses, **started})


def test_next_up_wraps_round_to_earlier_gaps_and_never_shows_done_or_skipped(flat_content):
    content = flat_content
    slugs = _slugs(content)
    statuses = {slug: "done" for slug in slugs}
    for i in (2, 4, len(slugs) - 1):
        statuses[slugs[i]] = "not_started"
    statuses[slugs[len(slugs) - 3]] = "skipped"
    statuses["retired-topic"] = "in_progress"  # not in the content: ignored
    # the last done item is second to last, so the last item comes first, then the wrap
    assert dashboard.next_up(content, statuses) == [slugs[-1], slugs[2], slugs[4]]


def test_next_up_is_empty_when_everything_is_done_or_skipped(flat_content):
    content = flat_content
    statuses = {slug: ("done" if i % 2 else "skipped") for i, slug in enumerate(_slugs(content))}
    assert dashboard.next_up(content, statuses) == []


def test_a_bulk_change_is_one_history_entry(session, content):
    me, _ = learners.create_learner(session)
    progress.set_status(session, content, me.id, "orm", "in_progress", now=T0)
    slugs = [item.slug for item in content.items][:9]
    for slug in slugs:
        progress.set_status(session, content, me.id, slug, "done", now=T0 + timedelta(hours=1))
    progress.reset_all(session, content, me.id, now=T0 + timedelta(hours=2))
    events = history.recent_events(session, me.id, 100)
    groups = dashboard.group_batches(events, limit=30)
    assert len(groups[0]) >= 9  # the reset: one entry holding every item it changed
    assert {e.batch for e in groups[0]} == {groups[0][0].batch}
    assert len(groups) == 1 + 9 + 1
    assert [len(g) for g in groups[1:]] == [1] * 10
    assert dashboard.group_batches(events, limit=2) == groups[:2]
    assert dashboard.group_batches([], limit=5) == []


def test_undo_is_offered_only_while_a_change_is_still_in_effect(session, content):
    from fullstack_guide.services.dashboard_summary import read_summary
    from fullstack_guide.state import read_snapshot

    me, _ = learners.create_learner(session)
    assert read_snapshot(session, me.id).can_undo is False  # a new learner
    progress.set_status(session, content, me.id, "rag", "done")
    assert read_snapshot(session, me.id).can_undo is True
    progress.undo_last(session, content, me.id)
    assert read_snapshot(session, me.id).can_undo is False  # the one change was undone
    assert read_summary(session, me.id, content).timeline  # though the history still lists it
