"""Defects the full pass (phone, keyboard, screen reader; light and dark) found, one test each."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import tick, wait_until_ready


def test_journey_buttons_that_cannot_move_are_disabled(page: Page):
    page.goto("/journey")
    wait_until_ready(page)
    expect(page.get_by_role("button", name="← Previous hop")).to_be_disabled()
    expect(page.get_by_role("button", name="Next hop →")).to_be_enabled()
    page.goto("/journey?step=response")  # the last hop
    wait_until_ready(page)
    expect(page.get_by_role("button", name="Next hop →")).to_be_disabled()
    expect(page.get_by_role("button", name="← Previous hop")).to_be_enabled()


def test_a_journey_clash_shows_beside_the_hop_it_concerns(page: Page):
    page.goto("/journey?step=orm&framework=flask")  # Flask with the default Django ORM
    wait_until_ready(page)
    here = page.get_by_role("group", name="Fit notes for this hop")
    expect(here).to_contain_text("clash")
    expect(here).to_contain_text("Django ORM + Flask")  # the hop's own choice first
    page.goto("/journey?step=browser&framework=flask")  # the clash is not the browser's
    wait_until_ready(page)
    expect(page.get_by_role("heading", name="Do your choices fit together?")).to_be_visible()
    expect(page.get_by_role("group", name="Fit notes for this hop")).to_have_count(0)


def test_the_builder_cannot_save_an_empty_stack_and_says_why(page: Page):
    page.goto("/builder")
    wait_until_ready(page)
    expect(page.get_by_role("button", name="Save stack")).to_be_disabled()
    expect(page.get_by_text("Pick a technology above to save this stack.")).to_be_visible()
    page.goto("/builder?backend=django")
    wait_until_ready(page)
    expect(page.get_by_role("button", name="Save stack")).to_be_enabled()
    expect(page.get_by_text("Pick a technology above to save this stack.")).to_have_count(0)


def test_the_diagram_panel_opens_the_topic_with_one_link_not_a_button_in_a_link(page: Page):
    page.goto("/stack?topic=flask")
    wait_until_ready(page)
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_role("link", name="Open the full topic")).to_be_visible()
    expect(dialog.get_by_role("button", name="Open the full topic")).to_have_count(0)
    dialog.get_by_role("link", name="Open the full topic").click()
    expect(page).to_have_url(re.compile(r"/stack/[a-z-]+/flask$"))


@pytest.mark.parametrize("route", ["/dashboard", "/your-data"])
def test_undo_is_disabled_until_there_is_a_change_to_undo(page: Page, route: str):
    page.goto(route)
    wait_until_ready(page)
    undo = page.get_by_role("button", name="Undo last change")
    expect(undo).to_be_disabled()  # a new learner has no history
    tick(page, "/checklist/scripting", "Python fundamentals")
    page.goto(route)
    wait_until_ready(page)
    expect(undo).to_be_enabled()
    undo.click()
    expect(undo).to_be_disabled()  # the one change was undone: nothing left


def test_the_desktop_header_keeps_every_link_on_one_line(page: Page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/builder")
    wait_until_ready(page)
    links = page.get_by_role("navigation", name="Main").get_by_role("link")
    boxes = [links.nth(i).bounding_box() for i in range(links.count())]
    sign_in = page.get_by_role("banner").get_by_role("link", name="Sign in").bounding_box()
    assert all(box is not None for box in boxes) and sign_in is not None
    heights = {round(box["height"]) for box in boxes if box}
    assert len(heights) == 1, f"a header link wraps onto two lines: heights {heights}"
    assert round(sign_in["height"]) <= max(heights) + 4  # "Sign in" on one line too


def test_reset_is_disabled_until_there_is_progress_to_reset(page: Page):
    page.goto("/your-data")
    wait_until_ready(page)
    reset = page.get_by_role("button", name="Reset all progress")
    expect(reset).to_be_disabled()  # a new learner has nothing to reset
    tick(page, "/checklist/scripting", "Python fundamentals")
    page.goto("/your-data")
    wait_until_ready(page)
    expect(reset).to_be_enabled()


def test_the_builder_preset_buttons_line_up(page: Page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/builder")
    wait_until_ready(page)
    buttons = page.get_by_role("button", name=re.compile(r"^Use this stack: "))
    expect(buttons).to_have_count(3)
    tops = {round(box["y"]) for i in range(3) if (box := buttons.nth(i).bounding_box())}
    assert len(tops) == 1, f"the preset cards' buttons sit at different heights: {tops}"


def test_the_dashboard_item_lists_line_up_with_their_headings(page: Page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/dashboard")
    wait_until_ready(page)
    heading = page.get_by_role("heading", name="Next up").bounding_box()
    first = page.get_by_role("link", name="Python fundamentals").bounding_box()
    assert heading is not None and first is not None
    assert abs(first["x"] - heading["x"]) <= 2, (heading, first)
