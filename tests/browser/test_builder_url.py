"""The builder keeps its choices in the URL and never loses what the learner typed."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from fullstack_guide.content import get_content
from tests.browser.conftest import wait_until_ready

SLOTS = [(slot.slug, slot.label, slot.options[-1]) for slot in get_content().slots]


def slot_picker(page: Page, label: str):
    return page.get_by_role("combobox", name=re.compile(rf"^{re.escape(label)}( \(optional\))?$"))


def chosen(page: Page, label: str):
    """The option the learner sees in a slot's picker."""
    return slot_picker(page, label).locator("option:checked")


@pytest.mark.parametrize(("slot", "label", "tech"), SLOTS, ids=[s[0] for s in SLOTS])
def test_every_slot_round_trips_through_the_share_link(page: Page, slot, label, tech):
    page.goto(f"/builder?{slot}={tech}")
    wait_until_ready(page)
    expect(chosen(page, label)).to_have_text(get_content().technology(tech).name)
    share = page.get_by_role("textbox", name="Link to this stack")
    expect(share).to_have_value(re.compile(rf"/builder\?{re.escape(slot)}={re.escape(tech)}$"))


def choose(page: Page, label: str, option: str) -> None:
    slot_picker(page, label).select_option(label=option)
    expect(chosen(page, label)).to_have_text(option)


def test_every_picker_is_the_platforms_own_select(page: Page):
    """Radix's Select rendered every option of every closed picker while the page hydrated
    (one 725 ms task at 4x CPU throttling); a native select opens the phone's own picker."""
    page.goto("/builder")
    wait_until_ready(page)
    pickers = page.get_by_role("main").get_by_role("combobox")
    expect(pickers).to_have_count(len(SLOTS) + 2)  # the slots, then "Stack A" and "Stack B"
    assert set(pickers.evaluate_all("pickers => pickers.map(p => p.tagName)")) == {"SELECT"}


def test_choices_survive_reload_and_back_forward(page: Page):
    page.goto("/builder")
    wait_until_ready(page)
    choose(page, "Backend framework", "Flask")
    expect(page).to_have_url(re.compile(r"/builder/?\?backend=flask$"))
    choose(page, "Database", "SQLite")
    expect(page).to_have_url(re.compile(r"backend=flask&database=sqlite$"))
    page.reload()
    wait_until_ready(page)
    expect(chosen(page, "Backend framework")).to_have_text("Flask")
    expect(chosen(page, "Database")).to_have_text("SQLite")
    page.go_back()
    expect(page).to_have_url(re.compile(r"/builder/?\?backend=flask$"))
    expect(chosen(page, "Database")).to_have_text("Not chosen")
    expect(chosen(page, "Backend framework")).to_have_text("Flask")
    page.go_forward()
    expect(chosen(page, "Database")).to_have_text("SQLite")


def test_journey_step_and_choices_survive_reload(page: Page):
    page.goto("/journey")
    wait_until_ready(page)
    page.get_by_role("button", name="Next hop →").click()
    expect(page.get_by_text(f"Step 2 of {len(get_content().hops)}")).to_be_visible()
    page.get_by_role("button", name=re.compile("^The web framework")).click()
    page.get_by_role("radio", name="FastAPI").click()
    expect(page.get_by_role("radio", name="FastAPI")).to_be_checked()
    expect(page).to_have_url(re.compile(r"fastapi"))
    page.reload()
    wait_until_ready(page)
    expect(page.get_by_role("radio", name="FastAPI")).to_be_checked()
    page.go_back()
    expect(page.get_by_role("radio", name="FastAPI")).not_to_be_checked()


def name_field(page: Page):
    return page.get_by_role("textbox", name="Stack name")


def save_button(page: Page):
    return page.get_by_role("button", name="Save stack")


def test_an_empty_name_says_so_and_the_message_clears_on_typing(page: Page):
    page.goto("/builder?backend=django")
    wait_until_ready(page)
    save_button(page).click()
    expect(page.get_by_role("alert")).to_contain_text("Give the stack a name")
    expect(name_field(page)).to_have_attribute("aria-invalid", "true")
    name_field(page).press_sequentially("Mine")
    expect(page.get_by_role("alert")).to_have_count(0)


def test_a_duplicate_name_offers_to_replace_and_keeps_the_name(page: Page):
    page.goto("/builder?backend=django")
    wait_until_ready(page)
    name_field(page).fill("Same name")
    save_button(page).click()
    saved = page.get_by_role("list", name="Saved stacks")
    expect(saved.get_by_text("Same name", exact=True)).to_be_visible()
    choose(page, "Backend framework", "Flask")
    name_field(page).fill("Same name")
    save_button(page).click()
    expect(page.get_by_role("alert")).to_contain_text('You already have a stack called "Same name"')
    expect(name_field(page)).to_have_value("Same name")
    page.get_by_role("button", name="Replace it").click()
    expect(page.get_by_role("alert")).to_have_count(0)
    expect(saved.get_by_text("Same name", exact=True)).to_have_count(1)
    saved.get_by_role("button", name="Open Same name").click()
    expect(chosen(page, "Backend framework")).to_have_text("Flask")
