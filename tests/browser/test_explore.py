"""Exploring in a real browser: diagram, journey, builder, search, next steps, paths."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

from testkit.app_server import AppServer
from tests.browser.conftest import wait_until_ready


def tab_to(page: Page, name_prefix: str, limit: int = 250) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        label = page.evaluate("document.activeElement.getAttribute('aria-label') || ''")
        if label.startswith(name_prefix):
            return
    raise AssertionError(f"Tab never reached {name_prefix!r}")


def test_open_a_topic_from_the_diagram_by_keyboard(page: Page):
    page.goto("/stack")
    wait_until_ready(page)
    tab_to(page, "Django:")
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_role("heading", name="Django")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/stack/?\?topic=django$"))
    assert page.evaluate("document.querySelector('[role=dialog]').contains(document.activeElement)")
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"/stack/?$"))

    page.goto("/stack?topic=flask")  # a shared link opens the same panel
    wait_until_ready(page)
    expect(page.get_by_role("dialog").get_by_role("heading", name="Flask")).to_be_visible()


def test_diagram_nodes_show_my_status(page: Page):
    page.goto("/stack?topic=docker")
    wait_until_ready(page)
    dialog = page.get_by_role("dialog")
    boxes = dialog.get_by_role("checkbox")
    for index in range(boxes.count()):
        boxes.nth(index).click()
        expect(boxes.nth(index)).to_be_checked()
    page.keyboard.press("Escape")
    expect(page.get_by_role("button", name="Docker: Done")).to_be_visible()


def test_step_through_the_journey_and_swap_a_technology(page: Page):
    page.goto("/journey")
    wait_until_ready(page)
    expect(page.get_by_text("Step 1 of 13")).to_be_visible()
    page.get_by_role("button", name="Next hop →").click()
    expect(page.get_by_text("Step 2 of 13")).to_be_visible()
    page.get_by_role("button", name=re.compile("^The web framework")).click()
    page.get_by_role("radio", name="FastAPI").click()
    expect(page.get_by_role("radio", name="FastAPI")).to_be_checked()
    clash = re.compile(r"FastAPI \+ Gunicorn|Gunicorn \(Green Unicorn\) \+ FastAPI")
    # Beside the hop it concerns, and again in the full list at the end.
    expect(
        page.get_by_role("group", name="Fit notes for this hop").get_by_text(clash)
    ).to_be_visible()
    expect(page.get_by_text(clash)).to_have_count(2)
    page.get_by_role("switch", name=re.compile("Show optional detours")).click()
    expect(page.get_by_text(re.compile(r"Step \d+ of 8"))).to_be_visible()


def test_build_save_compare_and_share_a_stack(page: Page, browser: Browser, app_server: AppServer):
    page.goto("/builder")
    wait_until_ready(page)
    page.get_by_role("button", name=re.compile(r"^Use this stack: .*Twilio")).click()
    expect(page.get_by_text(re.compile(r"checklist items this stack calls for"))).to_be_visible()
    page.get_by_role("textbox", name="Stack name").fill("Twilio style")
    page.get_by_role("button", name="Save stack").click()
    expect(
        page.get_by_role("list", name="Saved stacks").get_by_text("Twilio style")
    ).to_be_visible()

    stack_b = page.get_by_role("combobox", name="Stack B")
    typical = [
        name
        for name in stack_b.locator("option").all_inner_texts()
        if re.search("Preset: .*typical", name, re.I)
    ]
    assert len(typical) == 1, typical
    stack_b.select_option(label=typical[0])
    expect(page.get_by_role("rowheader", name="Frontend")).to_be_visible()
    expect(page.get_by_text("differs").first).to_be_visible()

    share = page.get_by_role("textbox", name="Link to this stack")
    url = share.input_value()
    assert "backend=django" in url
    visitor_ctx = browser.new_context(base_url=app_server.url)
    visitor = visitor_ctx.new_page()
    visitor.goto(url)
    wait_until_ready(visitor)
    expect(visitor.get_by_role("textbox", name="Link to this stack")).to_have_value(url)
    visitor_ctx.close()


def test_search_with_the_keyboard(page: Page):
    page.goto("/")
    wait_until_ready(page)
    page.keyboard.press("/")
    search = page.get_by_role("combobox", name="Search the guide")
    expect(search).to_be_focused()
    search.type("djngo")
    top = page.get_by_role("listbox", name="Search results").get_by_role("option").first
    expect(top).to_contain_text("Django")
    expect(top).to_have_attribute("aria-selected", "true")  # the top hit is preselected
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/stack/backend/django/?$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Django")
    page.keyboard.press("Control+k")
    expect(page.get_by_role("combobox", name="Search the guide")).to_be_visible()


def test_follow_a_what_to_learn_next_link(page: Page):
    page.goto("/stack/backend/python")
    wait_until_ready(page)
    nxt = page.get_by_role("navigation", name="What to learn next").get_by_role("link").first
    title = nxt.get_by_role("heading").inner_text()
    nxt.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def test_paths_show_my_status(page: Page):
    page.goto("/checklist/scripting")
    wait_until_ready(page)
    box = page.get_by_role("checkbox", name="Python fundamentals", exact=True)
    expect(box).not_to_be_checked()  # every test starts as a new learner
    box.click()
    expect(box).to_be_checked()
    page.goto("/paths")
    wait_until_ready(page)
    expect(page.get_by_role("link", name=re.compile(r"Python fundamentals.*Done"))).to_be_visible()
    expect(page.get_by_role("heading", name="Ready to learn now")).to_be_visible()
