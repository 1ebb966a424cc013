"""Dashboard (``/dashboard``): progress, completions over time, activity, reviews, history."""

from __future__ import annotations

import logging

import reflex as rx

from fullstack_guide import routes, styles
from fullstack_guide.components.content import page_header
from fullstack_guide.components.progress import overall_progress, section_progress_grid
from fullstack_guide.content import get_content
from fullstack_guide.identity import current_learner_id, holds_learner_data, run_for_learner
from fullstack_guide.models import STATUS_LABELS, Status, utcnow
from fullstack_guide.pages import dashboard_parts as parts
from fullstack_guide.services import dashboard, history, progress, review
from fullstack_guide.state import ProgressState
from fullstack_guide.templates import register_page

logger = logging.getLogger(__name__)
TIMELINE_LENGTH = 30  # entries; a reset or import is one entry
TIMELINE_EVENTS = 500  # events read to fill them


def _item(slug: str) -> dict[str, str]:
    content = get_content()
    if slug not in content.item_slugs:
        return {"slug": slug, "title": f"{slug} (removed topic)", "href": routes.CHECKLIST}
    return {"slug": slug, "title": content.item(slug).title, "href": routes.item_url_for(slug)}


def _label(status: str) -> str:
    return STATUS_LABELS.get(status, status)


def _event_row(event) -> dict[str, str]:
    return {
        **_item(event.item_slug),
        "change": f"{_label(event.from_status)} → {_label(event.to_status)}",
    }


def _history_entry(events: list) -> parts.HistoryEntry:
    """One timeline entry: a single change, or a whole batch (reset, import) that expands."""
    first = events[0]
    changes = [_event_row(e) for e in events]
    if len(events) == 1:
        title, href, change = changes[0]["title"], changes[0]["href"], changes[0]["change"]
    else:
        targets = {e.to_status for e in events}
        title, href = f"{len(events)} items changed together", ""
        change = f"all → {_label(targets.pop())}" if len(targets) == 1 else "mixed changes"
    return parts.HistoryEntry(
        at=first.created_at.isoformat(),
        undone="undone" if first.undone_at else "",
        title=title,
        href=href,
        change=change,
        changes=changes if len(events) > 1 else [],
    )


def _dashboard_data(session, learner_id: int) -> dict:
    content = get_content()
    today = utcnow().date()
    statuses = progress.get_statuses(session, learner_id)
    events = dashboard.load_events(session, learner_id)
    days = dashboard.activity_by_day(events, today)
    active = {day.date for day in days if day.count}
    current, longest = dashboard.streaks(active, today)
    in_progress = [i.slug for i in content.items if statuses.get(i.slug) == Status.IN_PROGRESS]
    return {
        "chart": dashboard.completions_over_time(events),
        "weeks": parts.heatmap_weeks(days),
        "active_days": len(active),
        "current_streak": current,
        "longest_streak": longest,
        "in_progress": [_item(slug) for slug in in_progress],
        "next_up": [_item(slug) for slug in dashboard.next_up(content, statuses)],
        "reviews": [_item(slug) for slug in review.due_reviews(session, learner_id)],
        "timeline": [
            _history_entry(group)
            for group in dashboard.group_batches(
                history.recent_events(session, learner_id, TIMELINE_EVENTS), TIMELINE_LENGTH
            )
        ],
    }


@holds_learner_data
class DashboardState(rx.State):
    """What the dashboard shows, read from the database on every visit."""

    chart: list[dict[str, str | int]] = []
    weeks: list[list[dict[str, str | int]]] = []
    active_days: int = 0
    current_streak: int = 0
    longest_streak: int = 0
    in_progress: list[dict[str, str]] = []
    next_up: list[dict[str, str]] = []
    reviews: list[dict[str, str]] = []
    timeline: list[parts.HistoryEntry] = []
    loaded: bool = False

    @rx.event
    async def load(self):
        """Read the learner's dashboard figures."""
        if await current_learner_id(self) is None:
            return None  # identify runs this again once the learner is known
        outcome = await run_for_learner(self, _dashboard_data)
        if not outcome.ok:
            return outcome.refusal
        for key, value in outcome.value.items():
            setattr(self, key, value)
        self.loaded = True
        return None


def _reload_after(event) -> list:
    return [event, DashboardState.load]


def dashboard_page() -> rx.Component:
    return rx.box(
        page_header(
            "Your dashboard",
            "Where you are, what you have done lately, and what to learn next.",
            eyebrow="Progress",
        ),
        rx.grid(
            rx.box(
                rx.heading("Overall", as_="h2", size="4", margin_bottom="0.5rem"),
                overall_progress(),
                style=styles.card,
            ),
            parts.streak_card(DashboardState),
            columns=rx.breakpoints(initial="1", md="2"),
            spacing="3",
        ),
        parts.block("By section", section_progress_grid()),
        parts.block(
            "Review queue",
            parts.review_queue(DashboardState.reviews, ProgressState.review_item, _reload_after),
        ),
        rx.grid(
            parts.block(
                "In progress",
                parts.item_links(DashboardState.in_progress, "Nothing yet.", DashboardState.loaded),
            ),
            parts.block(
                "Next up",
                parts.item_links(
                    DashboardState.next_up, "You have done everything!", DashboardState.loaded
                ),
            ),
            columns=rx.breakpoints(initial="1", md="2"),
            spacing="4",
        ),
        parts.block("Completions over time", parts.completion_chart(DashboardState.chart)),
        parts.block("Activity in the last 365 days", parts.heatmap(DashboardState)),
        parts.block(
            "History",
            rx.button(
                rx.icon("undo_2", size=16),
                "Undo last change",
                variant="soft",
                on_click=_reload_after(ProgressState.undo),
            ),
            parts.timeline(DashboardState.timeline),
        ),
        rx.text(
            "Export, import, reset or share your progress on ",
            rx.link("Your data", href=routes.YOUR_DATA),
            ".",
            margin_top="2rem",
        ),
    )


register_page(
    routes.DASHBOARD,
    "Your dashboard",
    "Track your progress on the Python checklist without signing up: per-section progress, "
    "a year of activity, streaks, spaced reviews and an undoable history.",
    dashboard_page,
    # Indexable: the page is the same for everyone until the learner's own data loads.
    on_load=(DashboardState.load,),
)
