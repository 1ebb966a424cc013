"""A checklist row is plain elements around its controls (issue 11).

Each of the checklist's 30 rows drew its layout with seven Radix components (four stacks, a
text, and the label and flex ``rx.checkbox`` wraps its box in); each ran Radix's prop
extraction while the page hydrated and again when the learner's statuses arrived. The rows are
now ``div``s and a ``p`` styled by ``.item-row*`` in ``assets/styles.css``, around the same
Radix checkbox, link, badge and menu. These tests check that a row stays that way and still
reads and works as before: title link, status, summary, compact view.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from fullstack_guide.content import get_content
from tests.browser.conftest import RADIX_LAYOUT, wait_until_ready


@pytest.mark.parametrize("route", ["/checklist", "/checklist/data", "/stack/backend/django"])
def test_rows_lay_out_without_radix_components(page: Page, route: str) -> None:
    page.goto(route)
    wait_until_ready(page)
    rows = page.locator("li.item-row")
    expect(rows.first).to_be_visible()
    assert rows.count() >= 1
    assert rows.locator(RADIX_LAYOUT).count() == 0, "a row draws Radix layout components again"
    first = rows.first
    expect(first.get_by_role("checkbox")).to_be_visible()
    expect(first.get_by_role("button", name="Status of ", exact=False)).to_be_visible()
    expect(first.locator(".item-row-summary")).not_to_be_empty()


def test_the_checklist_lists_every_item_once(page: Page) -> None:
    page.goto("/checklist")
    wait_until_ready(page)
    items = [item for section in get_content().sections for item in section.items]
    expect(page.locator("li.item-row")).to_have_count(len(items))
    for item in items[:3]:
        row = page.locator("li.item-row").filter(has=page.get_by_role("link", name=item.title))
        expect(row.locator(".item-row-summary")).to_have_text(item.summary)


def test_compact_rows_are_tighter(page: Page) -> None:
    page.goto("/checklist/data")
    wait_until_ready(page)
    row = page.locator("li.item-row").first
    full = row.bounding_box()
    page.get_by_role("switch", name="Compact view").click()
    expect(page.locator("ul.item-list").first).to_have_attribute("data-compact", "1")
    expect(row.locator(".item-row-summary")).to_have_count(0)
    compact = row.bounding_box()
    assert full and compact and compact["height"] < full["height"]
    padding = row.evaluate("e => getComputedStyle(e).paddingTop")
    assert padding == "6.4px", padding  # 0.4rem
