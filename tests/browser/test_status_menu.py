"""A row's status menu mounts when the learner first reaches for it (issue 11).

``/checklist`` hydrated a Radix ``DropdownMenu.Root`` in each of its 30 rows (providers, popper,
portal, presence: a fifth of the page's React components) for menus a learner rarely opens.
Each row now shows a stand-in button (``components/menu_on_first_use.js``) until a press, a key
or a focus mounts the real menu. These tests check that the menus are not there before use and
that every way a person opens one still works as Radix's own trigger does.
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import checkbox, wait_until_ready

# Radix gives a mounted trigger an id (``radix-…``); the stand-in has none.
MOUNTED_TRIGGER = "li.item-row button[aria-haspopup=menu][id]"


def _row(page: Page, title: str):
    return page.locator("li.item-row").filter(has=checkbox(page, title))


def test_no_row_mounts_its_menu_before_it_is_used(page: Page) -> None:
    page.goto("/checklist")
    wait_until_ready(page)
    stand_ins = page.locator("li.item-row button[aria-haspopup=menu]")
    expect(stand_ins).to_have_count(30)
    # A screen reader hears a closed menu button before first use, as after it.
    expect(stand_ins.first).to_have_attribute("aria-expanded", "false")
    expect(page.locator(MOUNTED_TRIGGER)).to_have_count(0)

    page.get_by_role("button", name="Status of Relational databases").click()
    expect(page.get_by_role("menu")).to_be_visible()
    expect(page.locator(MOUNTED_TRIGGER)).to_have_count(1)
    page.keyboard.press("Escape")
    expect(page.get_by_role("menu")).to_have_count(0)
    expect(page.get_by_role("button", name="Status of Relational databases")).to_be_focused()


def test_a_press_opens_the_menu_and_a_choice_sets_the_status(page: Page) -> None:
    page.goto("/checklist/data")
    wait_until_ready(page)
    title = "Data analysis"
    page.get_by_role("button", name=f"Status of {title}").click()
    page.get_by_role("menuitem", name="In progress").click()
    expect(_row(page, title).get_by_text("In progress")).to_be_visible()
    # The second use goes to the mounted menu.
    page.get_by_role("button", name=f"Status of {title}").click()
    page.get_by_role("menuitem", name="Not started").click()
    expect(_row(page, title).get_by_text("Not started")).to_be_visible()


def test_the_menu_opens_from_the_keyboard(page: Page) -> None:
    page.goto("/checklist/data")
    wait_until_ready(page)
    title = "Data visualization"
    _row(page, title).get_by_role("link", name=title, exact=True).focus()
    page.keyboard.press("Tab")
    # Focus moved to the real trigger, so Radix handles the keys from here on.
    button = page.get_by_role("button", name=f"Status of {title}")
    expect(button).to_be_focused()
    expect(button).to_have_attribute("id", re.compile(r"^radix-"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("menuitem", name="Not started")).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("menuitem", name="In progress")).to_be_focused()
    page.keyboard.press("Enter")
    expect(_row(page, title).get_by_text("In progress")).to_be_visible()
    expect(button).to_be_focused()


def test_an_opening_key_on_a_stand_in_opens_the_menu(page: Page) -> None:
    """A learner who tabbed to the button while the page loaded: no focus event reached the
    stand-in, and the first key must still open the menu."""
    page.goto("/checklist/data")
    wait_until_ready(page)
    title = "NoSQL databases"
    stand_in = page.get_by_role("button", name=f"Status of {title}")
    # Focus it without the focus event React listens for, as a Tab before hydration would.
    stand_in.evaluate(
        "b => { b.addEventListener('focusin', e => e.stopPropagation(), {once: true}); b.focus(); }"
    )
    expect(stand_in).to_be_focused()
    assert stand_in.get_attribute("id") is None, "the focus mounted the menu"
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("menu")).to_be_visible()
    expect(page.get_by_role("menuitem").first).to_be_visible()


def test_the_item_page_menu_works_the_same(page: Page) -> None:
    page.goto("/checklist/data/orm")
    wait_until_ready(page)
    page.get_by_role("button", name="Status of Object-relational mappers (ORM)").click()
    page.get_by_role("menuitem", name="Skipped").click()
    expect(page.get_by_text("Skipped").first).to_be_visible()
