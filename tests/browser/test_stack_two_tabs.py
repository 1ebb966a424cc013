"""Two tabs saving a stack under the same new name: the second asks before replacing."""

from __future__ import annotations

import re

from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.conftest import wait_until_ready


def _save(page: Page, name: str) -> None:
    page.get_by_role("textbox", name="Stack name").fill(name)
    page.get_by_role("button", name="Save stack").click()


def _backend(page: Page):
    """The option shown in the backend slot's picker."""
    return page.get_by_role("combobox", name=re.compile(r"^Backend framework")).locator(
        "option:checked"
    )


def test_the_second_tab_asks_before_replacing_a_name_the_first_just_saved(
    context: BrowserContext,
):
    first, second = context.new_page(), context.new_page()
    first.goto("/builder?backend=django")
    second.goto("/builder?backend=flask")
    wait_until_ready(first)
    wait_until_ready(second)

    _save(first, "Shared name")
    first_saved = first.get_by_role("list", name="Saved stacks")
    expect(first_saved.get_by_text("Shared name")).to_be_visible()

    _save(second, "Shared name")  # this tab's list was read before the first tab saved
    alert = second.get_by_role("alert")
    expect(alert).to_contain_text(re.compile(r"already (exists|have a stack)"))
    expect(alert).to_contain_text("Shared name")
    first.reload()
    wait_until_ready(first)
    saved = first.get_by_role("list", name="Saved stacks")
    saved.get_by_role("button", name="Open Shared name").click()
    expect(_backend(first)).to_have_text("Django")  # not overwritten without asking

    second.get_by_role("button", name="Replace it").click()
    expect(second.get_by_role("alert")).to_have_count(0)
    second_saved = second.get_by_role("list", name="Saved stacks")
    expect(second_saved.get_by_text("Shared name", exact=True)).to_have_count(1)
    second_saved.get_by_role("button", name="Open Shared name").click()
    expect(_backend(second)).to_have_text("Flask")
