"""The dashboard's chart of items done over time (issue 11 made it load only when drawn).

Recharts now comes in a module the dashboard imports when the chart is first drawn, not with
the page. These tests see it drawn, themed and named, for a learner with two days of activity.
The database is read and written directly (SQLite, or PostgreSQL under ``FSG_TARGET=cluster``)
to move a tick to an earlier day.
"""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy
from playwright.sync_api import Page, expect
from sqlmodel import Session, col, select

from fullstack_guide.models import ProgressEvent
from tests.browser.conftest import tick, wait_until_ready

CHART = "Chart of items done over time"


def move_the_first_of_the_last_two_ticks_back(db: sqlalchemy.Engine, days: int) -> None:
    with Session(db) as session:
        latest = session.exec(
            select(ProgressEvent).order_by(col(ProgressEvent.id).desc()).limit(2)
        ).all()
        earlier = latest[-1]
        earlier.created_at = earlier.created_at - timedelta(days=days)
        session.add(earlier)
        session.commit()


def test_a_learner_with_two_days_of_ticks_sees_the_chart_drawn(page: Page, db):
    tick(page, "/checklist/data", "Object-relational mappers (ORM)")
    tick(page, "/checklist/data", "Data visualization")
    move_the_first_of_the_last_two_ticks_back(db, days=3)
    page.goto("/dashboard")
    wait_until_ready(page)
    chart = page.get_by_role("img", name=CHART)
    expect(chart.locator("svg.recharts-surface")).to_be_visible()
    expect(chart.locator(".recharts-area-area")).to_have_count(1)
    expect(chart.locator(".recharts-xAxis .recharts-cartesian-axis-tick")).to_have_count(2)
    stroke = chart.locator(".recharts-area-curve").get_attribute("stroke")
    assert stroke == "var(--accent-9)"  # the theme's colours, not recharts' defaults
    box = chart.bounding_box()
    assert box is not None and box["height"] >= 240


def test_a_learner_with_one_day_of_ticks_is_told_how_to_get_a_chart(page: Page):
    tick(page, "/checklist/data", "Object-relational mappers (ORM)")
    page.goto("/dashboard")
    wait_until_ready(page)
    expect(page.get_by_text("Tick items off on two or more days")).to_be_visible()
    expect(page.get_by_role("img", name=CHART)).to_have_count(0)
