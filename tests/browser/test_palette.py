"""The search palette behaves like VS Code's and GitHub's: top hit selected, Enter opens it."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import wait_until_ready


def open_palette(page: Page, query: str):
    page.keyboard.press("/")
    search = page.get_by_role("combobox", name="Search the guide")
    expect(search).to_be_focused()
    search.press_sequentially(query)
    return search


def options(page: Page):
    return page.get_by_role("listbox", name="Search results").get_by_role("option")


def test_enter_opens_the_preselected_top_hit(page: Page):
    page.goto("/")
    wait_until_ready(page)
    search = open_palette(page, "djngo")
    top = options(page).first
    expect(top).to_contain_text("Django")
    expect(top).to_have_attribute("aria-selected", "true")
    expect(search).to_have_attribute("aria-activedescendant", top.get_attribute("id"))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/stack/backend/django/?$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Django")


def test_arrows_move_the_selection_while_typing_goes_on(page: Page):
    page.goto("/")
    wait_until_ready(page)
    search = open_palette(page, "python")
    expect(options(page).nth(1)).to_be_attached()
    page.keyboard.press("ArrowDown")
    second = options(page).nth(1)
    expect(second).to_have_attribute("aria-selected", "true")
    expect(options(page).first).to_have_attribute("aria-selected", "false")
    expect(search).to_be_focused()
    expect(search).to_have_attribute("aria-activedescendant", second.get_attribute("id"))
    page.keyboard.press("ArrowUp")
    expect(options(page).first).to_have_attribute("aria-selected", "true")
    page.keyboard.press("ArrowUp")  # wraps round to the last hit
    expect(options(page).last).to_have_attribute("aria-selected", "true")
    search.press_sequentially(" flask")  # typing refines; the new top hit is selected
    expect(search).to_have_value("python flask")
    expect(options(page).first).to_contain_text("Flask")
    expect(options(page).first).to_have_attribute("aria-selected", "true")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/stack/backend/flask/?$"))


def test_escape_closes_and_gives_focus_back(page: Page):
    page.goto("/")
    wait_until_ready(page)
    builder = page.get_by_role("navigation", name="Main").get_by_role("link", name="Builder")
    builder.focus()
    open_palette(page, "dj")
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(builder).to_be_focused()


def test_a_reload_does_not_bring_the_palette_back(page: Page):
    page.goto("/")
    wait_until_ready(page)
    open_palette(page, "django")
    expect(options(page).first).to_contain_text("Django")
    page.reload()
    wait_until_ready(page)
    expect(page.get_by_role("dialog")).to_have_count(0)
    page.get_by_role("button", name="Search").first.click()
    search = page.get_by_role("combobox", name="Search the guide")
    expect(search).to_have_value("")
    expect(options(page)).to_have_count(0)
