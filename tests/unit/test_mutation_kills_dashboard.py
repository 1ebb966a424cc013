"""What ``/dashboard`` shows: the activity grid's weeks and labels and the history lines,
pinned where `make mutate` found them loose (see README.md, "Mutation testing")."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from fullstack_guide import routes
from fullstack_guide.models import ProgressEvent
from fullstack_guide.services import dashboard, history, learners, progress
from fullstack_guide.services.dashboard import DayActivity
from fullstack_guide.services.dashboard_summary import heatmap_weeks, item_link, read_summary

T0 = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
BLANK = {"date": "", "label": "", "level": -1}


def test_the_activity_grid_is_monday_to_sunday_columns_with_a_label_per_day():
    wednesday = date(2025, 3, 5)
    days = [DayActivity(wednesday + timedelta(days=n), n % 3, n % 3) for n in range(6)]
    weeks = heatmap_weeks(days)
    assert [len(week) for week in weeks] == [7, 1]
    assert weeks[0][:2] == [BLANK, BLANK]  # Monday and Tuesday before the first day
    assert weeks[0][2] == {"date": "2025-03-05", "label": "0 changes on 2025-03-05", "level": 0}
    assert weeks[0][3] == {"date": "2025-03-06", "label": "1 change on 2025-03-06", "level": 1}
    assert weeks[0][4] == {"date": "2025-03-07", "label": "2 changes on 2025-03-07", "level": 2}
    assert weeks[1] == [{"date": "2025-03-10", "label": "2 changes on 2025-03-10", "level": 2}]
    assert heatmap_weeks([]) == []


def test_the_history_names_each_change_and_sums_up_a_batch(session, content):
    me = learners.create_learner(session)[0].id
    progress.set_status(session, content, me, "orm", "done", now=T0)
    progress.set_status(session, content, me, "rag", "skipped", now=T0 + timedelta(hours=1))
    progress.reset_all(session, content, me, now=T0 + timedelta(hours=2))
    batch, skipped, done = read_summary(session, me, content).timeline[:3]
    assert (done.title, done.href, done.change, done.changes, done.undone) == (
        content.item("orm").title,
        routes.item_url_for("orm"),
        "Not started → Done",
        [],
        "",
    )
    assert skipped.change == "Not started → Skipped"
    assert (batch.title, batch.href, batch.change) == (
        "2 items changed together",
        "",
        "all → Not started",
    )
    assert [row["change"] for row in batch.changes] == [
        "Skipped → Not started",  # newest first, as the history reads
        "Done → Not started",
    ]
    progress.undo_last(session, content, me, now=T0 + timedelta(hours=3))
    assert read_summary(session, me, content).timeline[0].undone == "undone"


def test_a_retired_item_and_an_unknown_status_show_as_they_are(session, content):
    me = learners.create_learner(session)[0].id
    session.add(
        ProgressEvent(
            learner_id=me,
            item_slug="retired-topic",
            from_status="paused",
            to_status="done",
            batch=history.new_batch(),
            created_at=T0,
        )
    )
    session.flush()
    line = read_summary(session, me, content).timeline[0]
    assert (line.title, line.href, line.change) == (
        "retired-topic (removed topic)",
        routes.CHECKLIST,
        "paused → Done",
    )
    assert item_link(content, "retired-topic") == {
        "slug": "retired-topic",
        "title": "retired-topic (removed topic)",
        "href": routes.CHECKLIST,
    }


def test_an_import_to_different_statuses_is_one_line_of_mixed_changes(session, content):
    me = learners.create_learner(session)[0].id
    batch = history.new_batch()
    progress.set_status(session, content, me, "orm", "done", batch=batch, now=T0)
    progress.set_status(session, content, me, "rag", "in_progress", batch=batch, now=T0)
    summary = read_summary(session, me, content)
    assert [(e.title, e.change) for e in summary.timeline] == [
        ("2 items changed together", "mixed changes")
    ]
    assert summary.in_progress == [item_link(content, "rag")]


def test_the_dashboard_figures_are_this_learners_activity_up_to_today(session, content):
    me = learners.create_learner(session)[0].id
    other = learners.create_learner(session)[0].id
    today = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    first, second, third = (item.slug for item in content.items[:3])
    # Three days in a row ten days ago, then yesterday and today: streaks of 3 and 2.
    progress.set_status(session, content, me, first, "done", now=today - timedelta(days=10))
    progress.set_status(session, content, me, second, "done", now=today - timedelta(days=9))
    progress.set_status(session, content, me, second, "skipped", now=today - timedelta(days=8))
    progress.set_status(session, content, me, third, "in_progress", now=today - timedelta(days=1))
    progress.set_status(session, content, me, third, "done", now=today)
    progress.set_status(session, content, other, first, "done", now=today)

    summary = read_summary(session, me, content)
    day = [(today - timedelta(days=n)).date().isoformat() for n in range(11)]
    assert summary.chart == [
        {"date": day[10], "done": 1},
        {"date": day[9], "done": 2},
        {"date": day[8], "done": 1},
        {"date": day[1], "done": 1},
        {"date": day[0], "done": 2},
    ]
    cells = [cell for week in summary.weeks for cell in week if cell["date"]]
    assert len(cells) == 365 and cells[-1]["date"] == day[0]
    assert [cell["label"] for cell in cells[-3:]] == [
        f"0 changes on {day[2]}",
        f"1 change on {day[1]}",
        f"1 change on {day[0]}",  # the other learner's change that day is not counted
    ]
    assert (summary.active_days, summary.current_streak, summary.longest_streak) == (5, 2, 3)
    statuses = progress.get_statuses(session, me)
    expected_next = [item.slug for item in content.items if item.slug not in statuses][:1]
    assert [link["slug"] for link in summary.next_up][:1] == expected_next
    assert summary.next_up[0] == item_link(content, expected_next[0])
    # Done ten days ago: the first review is due; the one done today is not yet.
    assert summary.reviews == [item_link(content, first)]
    assert read_summary(session, other, content).reviews == []  # done today: not due yet


def test_the_history_shows_the_last_30_entries_and_a_large_import_whole(session, content):
    me = learners.create_learner(session)[0].id
    slug = content.items[0].slug
    for n in range(31):
        status = "done" if n % 2 == 0 else "in_progress"
        progress.set_status(session, content, me, slug, status, now=T0 + timedelta(minutes=n))
    batch = history.new_batch()
    at = T0 + timedelta(hours=1)
    session.add_all(
        ProgressEvent(
            learner_id=me,
            item_slug=f"retired-topic-{n}",
            from_status="not_started",
            to_status="done",
            batch=batch,
            created_at=at,
        )
        for n in range(60)
    )
    session.flush()
    timeline = read_summary(session, me, content).timeline
    assert len(timeline) == 30
    assert (timeline[0].title, timeline[0].change, len(timeline[0].changes)) == (
        "60 items changed together",
        "all → Done",
        60,
    )
    assert timeline[0].at == at.isoformat()
    assert timeline[1].at == (T0 + timedelta(minutes=30)).isoformat()


def test_an_item_link_names_the_slug_title_and_page(content):
    item = content.items[0]
    assert item_link(content, item.slug) == {
        "slug": item.slug,
        "title": item.title,
        "href": routes.item_url_for(item.slug),
    }


def test_changes_at_the_same_moment_count_in_the_order_they_were_written():
    def event(event_id: int, before: str, after: str) -> ProgressEvent:
        return ProgressEvent(
            id=event_id,
            learner_id=1,
            item_slug="orm",
            from_status=before,
            to_status=after,
            batch="b",
            created_at=T0,
        )

    ticked_then_reset = [event(2, "done", "not_started"), event(1, "not_started", "done")]
    assert dashboard.completions_over_time(ticked_then_reset) == [{"date": "2025-03-01", "done": 0}]


def test_next_up_can_be_asked_for_a_single_item(content):
    assert dashboard.next_up(content, {}, limit=1) == [content.items[0].slug]
    assert dashboard.next_up(content, {}, limit=0) == []


def test_the_history_reads_newest_first_by_when_changes_happened(session, content):
    me = learners.create_learner(session)[0].id
    progress.set_status(session, content, me, "orm", "done", now=T0 + timedelta(hours=2))
    progress.set_status(session, content, me, "rag", "done", now=T0)  # written later, dated earlier
    assert [e.item_slug for e in history.recent_events(session, me)] == ["orm", "rag"]
