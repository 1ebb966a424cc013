"""The progress dashboard's numbers, worked out from the history of status changes.

Apart from :func:`load_events` these are pure functions over events, dates and statuses,
so the page can compute them on a worker thread and tests need no database. Days are UTC
calendar days, the same clock every stored time uses.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session, col, select

from fullstack_guide.content import Content
from fullstack_guide.models import ProgressEvent, Status
from fullstack_guide.services.clock import as_utc

# A day with at least LEVEL_THRESHOLDS[i] changes gets heatmap level i + 1. Fixed steps
# (not relative to the busiest day) keep a day's colour stable as the year fills up.
LEVEL_THRESHOLDS = (1, 2, 4, 7)


@dataclass(frozen=True)
class DayActivity:
    """One heatmap cell: a day, how many status changes it saw, and its shade (0-4)."""

    date: date
    count: int
    level: int


def load_events(session: Session, learner_id: int) -> list[ProgressEvent]:
    """The learner's changes still in effect (undone ones left out), oldest first."""
    return list(
        session.exec(
            select(ProgressEvent)
            .where(ProgressEvent.learner_id == learner_id, col(ProgressEvent.undone_at).is_(None))
            .order_by(col(ProgressEvent.created_at), col(ProgressEvent.id))
        ).all()
    )


def event_day(event: ProgressEvent) -> date:
    """The UTC calendar day a change happened on."""
    return as_utc(event.created_at).date()


def days_with_activity(events: Iterable[ProgressEvent]) -> set[date]:
    """The days with at least one change, for :func:`streaks`."""
    return {event_day(event) for event in events}


def completions_over_time(events: Iterable[ProgressEvent]) -> list[dict]:
    """How many items were done at the end of each day that saw a change, oldest first.

    Replays the changes in time order; an item un-done later stops counting from then.
    Points look like ``{"date": "2026-03-01", "done": 4}``, ready for a line chart.
    """
    done: set[str] = set()
    points: dict[date, int] = {}
    for event in sorted(events, key=lambda e: (as_utc(e.created_at), e.id or 0)):
        if event.to_status == Status.DONE:
            done.add(event.item_slug)
        elif event.from_status == Status.DONE:
            done.discard(event.item_slug)
        points[event_day(event)] = len(done)
    return [{"date": day.isoformat(), "done": count} for day, count in sorted(points.items())]


def activity_level(count: int) -> int:
    """The heatmap shade (0-4) for a day with ``count`` changes."""
    return sum(1 for threshold in LEVEL_THRESHOLDS if count >= threshold)


def activity_by_day(
    events: Iterable[ProgressEvent], today: date, days: int = 365
) -> list[DayActivity]:
    """One cell per day for the ``days`` days ending ``today``, oldest first.

    Raises:
        ValueError: ``days`` is less than 1.
    """
    if days < 1:
        raise ValueError("The activity chart needs at least one day.")
    counts = Counter(event_day(event) for event in events)
    first = today - timedelta(days=days - 1)
    cells = []
    for offset in range(days):
        day = first + timedelta(days=offset)
        count = counts.get(day, 0)
        cells.append(DayActivity(date=day, count=count, level=activity_level(count)))
    return cells


def streaks(active_days: set[date], today: date) -> tuple[int, int]:
    """The current and the longest run of consecutive active days.

    The current streak includes today when today is active; otherwise it is the run that
    ended yesterday, so a streak is not shown as broken before the day is over.
    """
    end = today if today in active_days else today - timedelta(days=1)
    current = 0
    while end - timedelta(days=current) in active_days:
        current += 1
    longest = 0
    for day in active_days:
        if day - timedelta(days=1) in active_days:
            continue  # not the first day of a run
        length = 1
        while day + timedelta(days=length) in active_days:
            length += 1
        longest = max(longest, length)
    return current, longest


def next_up(content: Content, statuses: dict[str, str], limit: int = 5) -> list[str]:
    """What to start next: not-started items from where the learner is.

    Not-started items in checklist order from just after the last done item, wrapping round
    to earlier gaps; items whose prerequisites are all done (or skipped) come before those
    still locked. In-progress items are listed on their own, so they never repeat here;
    done and skipped items never appear.
    """
    if limit < 1:
        return []
    slugs = [item.slug for item in content.items]
    state = {slug: statuses.get(slug, Status.NOT_STARTED) for slug in slugs}
    done_at = [i for i, slug in enumerate(slugs) if state[slug] == Status.DONE]
    start = done_at[-1] + 1 if done_at else 0
    rotated = slugs[start:] + slugs[:start]
    not_started = [slug for slug in rotated if state[slug] == Status.NOT_STARTED]
    ready = [slug for slug in not_started if is_unlocked(content, statuses, slug)]
    locked = [slug for slug in not_started if slug not in ready]
    return (ready + locked)[:limit]


def ready_to_learn(content: Content, statuses: dict[str, str]) -> list[str]:
    """Every not-started item whose prerequisites are all met, in checklist order."""
    return [
        item.slug
        for item in content.items
        if statuses.get(item.slug, Status.NOT_STARTED) == Status.NOT_STARTED
        and is_unlocked(content, statuses, item.slug)
    ]


def is_unlocked(content: Content, statuses: dict[str, str], item_slug: str) -> bool:
    """Whether every prerequisite of an item is done or skipped."""
    return all(
        statuses.get(pre) in (Status.DONE, Status.SKIPPED)
        for pre in content.item(item_slug).prerequisites
    )


def path_levels(content: Content, section_slug: str) -> list[list[str]]:
    """A section's items arranged by prerequisite depth (level 0 needs nothing first).

    Depth counts prerequisites anywhere in the checklist, so an item that builds on another
    section's item sits further along its own section's path.
    """
    depth: dict[str, int] = {}

    def measure(slug: str) -> int:
        if slug not in depth:
            pres = content.item(slug).prerequisites
            depth[slug] = 1 + max((measure(p) for p in pres), default=-1)
        return depth[slug]

    section = next(s for s in content.sections if s.slug == section_slug)
    levels: dict[int, list[str]] = {}
    for item in section.items:
        levels.setdefault(measure(item.slug), []).append(item.slug)
    return [levels[level] for level in sorted(levels)]


def group_batches(events: list, limit: int) -> list[list]:
    """Newest-first events gathered into one group per ``batch`` (a reset or import is one).

    Events of a batch sit next to each other in time, so consecutive events sharing a batch
    form a group; at most ``limit`` groups are returned.
    """
    groups: list[list] = []
    for event in events:
        if groups and groups[-1][0].batch == event.batch:
            groups[-1].append(event)
        elif len(groups) == limit:
            break
        else:
            groups.append([event])
    return groups
