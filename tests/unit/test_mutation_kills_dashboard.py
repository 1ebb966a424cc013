"""What ``/dashboard`` shows: the activity grid's weeks and labels and the history lines,
pinned where `make mutate` found them loose (see README.md, "Mutation testing")."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from fullstack_guide import routes
from fullstack_guide.models import ProgressEvent
from fullstack_guide.services import history, learners, progress
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
