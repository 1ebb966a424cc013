"""Everything ``/dashboard`` shows for one learner, read in one transaction.

Takes ``(session, learner_id, content)`` so a state calls it through
``identity.run_for_learner``; the figures come from :mod:`services.dashboard`,
:mod:`services.history` and :mod:`services.review`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from sqlmodel import Session

from fullstack_guide import routes
from fullstack_guide.content import Content
from fullstack_guide.models import STATUS_LABELS, ProgressEvent, Status, utcnow
from fullstack_guide.services import dashboard, history, progress, review

TIMELINE_LENGTH = 30  # entries; a reset or import is one entry
TIMELINE_EVENTS = 500  # events read to fill them


@dataclasses.dataclass
class HistoryEntry:
    """One history line: a single change, or a batch (reset, import) listing its ``changes``."""

    at: str
    undone: str
    title: str
    href: str
    change: str
    changes: list[dict[str, str]] = dataclasses.field(default_factory=list)


@dataclasses.dataclass(frozen=True)
class DashboardSummary:
    """The dashboard's figures, as the page shows them."""

    chart: list[dict[str, str | int]]
    weeks: list[list[dict[str, str | int]]]
    active_days: int
    current_streak: int
    longest_streak: int
    in_progress: list[dict[str, str]]
    next_up: list[dict[str, str]]
    reviews: list[dict[str, str]]
    timeline: list[HistoryEntry]


def item_link(content: Content, slug: str) -> dict[str, str]:
    """An item's title and page; a slug the content no longer has says so."""
    if slug not in content.item_slugs:
        return {"slug": slug, "title": f"{slug} (removed topic)", "href": routes.CHECKLIST}
    return {"slug": slug, "title": content.item(slug).title, "href": routes.item_url_for(slug)}


def _label(status: str) -> str:
    return STATUS_LABELS.get(status, status)


def _event_row(content: Content, event: ProgressEvent) -> dict[str, str]:
    return {
        **item_link(content, event.item_slug),
        "change": f"{_label(event.from_status)} → {_label(event.to_status)}",
    }


def history_entry(content: Content, events: Sequence[ProgressEvent]) -> HistoryEntry:
    """One timeline entry: a single change, or a whole batch (reset, import) that expands."""
    first = events[0]
    changes = [_event_row(content, e) for e in events]
    if len(events) == 1:
        title, href, change = changes[0]["title"], changes[0]["href"], changes[0]["change"]
    else:
        targets = {e.to_status for e in events}
        title, href = f"{len(events)} items changed together", ""
        change = f"all → {_label(targets.pop())}" if len(targets) == 1 else "mixed changes"
    return HistoryEntry(
        at=first.created_at.isoformat(),
        undone="undone" if first.undone_at else "",
        title=title,
        href=href,
        change=change,
        changes=changes if len(events) > 1 else [],
    )


def heatmap_weeks(days: Sequence[dashboard.DayActivity]) -> list[list[dict[str, str | int]]]:
    """Columns of Monday-to-Sunday cells for the activity grid (blank cells pad the start)."""
    cells: list[dict[str, str | int]] = (
        [{"date": "", "label": "", "level": -1} for _ in range(days[0].date.weekday())]
        if days
        else []
    )
    for day in days:
        plural = "s" if day.count != 1 else ""
        cells.append(
            {
                "date": day.date.isoformat(),
                "label": f"{day.count} change{plural} on {day.date.isoformat()}",
                "level": day.level,
            }
        )
    return [cells[i : i + 7] for i in range(0, len(cells), 7)]


def read_summary(session: Session, learner_id: int, content: Content) -> DashboardSummary:
    """Every query ``/dashboard`` runs for the learner, shaped for the page."""
    today = utcnow().date()
    statuses = progress.get_statuses(session, learner_id)
    events = dashboard.load_events(session, learner_id)
    days = dashboard.activity_by_day(events, today)
    active = {day.date for day in days if day.count}
    current, longest = dashboard.streaks(active, today)
    in_progress = [i.slug for i in content.items if statuses.get(i.slug) == Status.IN_PROGRESS]
    recent = history.recent_events(session, learner_id, TIMELINE_EVENTS)
    return DashboardSummary(
        chart=dashboard.completions_over_time(events),
        weeks=heatmap_weeks(days),
        active_days=len(active),
        current_streak=current,
        longest_streak=longest,
        in_progress=[item_link(content, slug) for slug in in_progress],
        next_up=[item_link(content, slug) for slug in dashboard.next_up(content, statuses)],
        reviews=[item_link(content, slug) for slug in review.due_reviews(session, learner_id)],
        timeline=[
            history_entry(content, group)
            for group in dashboard.group_batches(recent, TIMELINE_LENGTH)
        ],
    )
