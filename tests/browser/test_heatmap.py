"""The dashboard's activity grid: a year of days, each shaded by how much changed that day.

Its 371 cells are plain elements styled by ``.heat-*`` in ``assets/styles.css`` (issue 11: as
Radix boxes each ran Radix's prop extraction and got an Emotion style of its own when the
dashboard's data arrived). These tests see the grid as a learner does and check each shade
against the Radix colour it stands for, in light and dark.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy
from playwright.sync_api import Page, expect
from sqlmodel import Session, col, select

from fullstack_guide.models import ProgressEvent, utcnow
from tests.browser.conftest import tick, wait_until_ready

ITEMS = ("Relational databases", "Object-relational mappers (ORM)", "NoSQL databases")
SHADES = {"-1": "transparent", "0": "var(--gray-4)", "1": "var(--grass-6)", "2": "var(--grass-8)"}


def move_the_latest_tick_back(db: sqlalchemy.Engine, days: int) -> None:
    with Session(db) as session:
        latest = session.exec(select(ProgressEvent).order_by(col(ProgressEvent.id).desc())).first()
        assert latest is not None
        latest.created_at = latest.created_at - timedelta(days=days)
        session.add(latest)
        session.commit()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_each_day_is_a_square_shaded_by_how_much_changed(page: Page, db, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    for title in ITEMS:
        tick(page, "/checklist/data", title)
    move_the_latest_tick_back(db, days=5)  # today: 2 changes (level 2); 5 days ago: 1 (level 1)
    today = utcnow().date()

    page.goto("/dashboard")
    wait_until_ready(page)
    grid = page.get_by_role("img", name="Activity grid: 2 active days in the last year")
    expect(grid).to_be_visible()
    weeks = grid.locator(".heat-week")
    expect(weeks.first).to_be_attached()
    columns = [weeks.nth(i).locator(".heat-cell").count() for i in range(weeks.count())]
    assert 53 <= len(columns) <= 54 and set(columns[:-1]) == {7}

    today_cell = grid.get_by_title(f"2 changes on {today.isoformat()}", exact=True)
    earlier = grid.get_by_title(f"1 change on {(today - timedelta(days=5)).isoformat()}")
    expect(today_cell).to_have_attribute("data-level", "2")
    expect(earlier).to_have_attribute("data-level", "1")
    assert grid.locator(".rt-Box, .rt-Flex").count() == 0  # no Radix component per cell

    shades = grid.evaluate(
        """(grid, shades) => {
            const colour = (background) => {
                const probe = document.createElement("div");
                probe.style.background = background;
                grid.append(probe);
                const value = getComputedStyle(probe).backgroundColor;
                probe.remove();
                return value;
            };
            const seen = {};
            for (const level of Object.keys(shades)) {
                const cell = grid.querySelector(`.heat-cell[data-level="${level}"]`);
                const drawn = cell && getComputedStyle(cell).backgroundColor;
                seen[level] = cell && [drawn, colour(shades[level])];
            }
            return seen;
        }""",
        SHADES,
    )
    for level in ("0", "1", "2"):
        drawn, expected = shades[level]
        assert drawn == expected, f"level {level}"
    if shades["-1"] is not None:  # the first week starts on a Monday only some years
        assert shades["-1"][0] == "rgba(0, 0, 0, 0)"
    assert len({shades[level][0] for level in ("0", "1", "2")}) == 3  # three distinct shades
