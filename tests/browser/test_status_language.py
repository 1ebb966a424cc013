"""Issue 14: no false zero while progress loads, and one status language on every page."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

from fullstack_guide.content import get_content
from testkit.app_server import AppServer
from tests.browser.conftest import hold_the_socket_back, tick, wait_until_ready


def set_status(page: Page, url: str, title: str, label: str) -> None:
    """Set an item's status from its checklist menu and see it saved."""
    page.goto(url)
    wait_until_ready(page)
    page.get_by_role("button", name=f"Status of {title}").click()
    page.get_by_role("menuitem", name=label).click()
    row = page.get_by_role("listitem").filter(has=page.get_by_role("link", name=title, exact=True))
    expect(row.get_by_text(label, exact=True)).to_be_visible()


def section_named(page: Page, heading: str):
    return page.locator("section").filter(has=page.get_by_role("heading", name=heading, exact=True))


def test_checklist_shows_a_placeholder_not_zero_until_progress_arrives(page: Page):
    hold_the_socket_back(page)  # the learner's progress never arrives
    page.goto("/checklist")
    page.wait_for_load_state("networkidle")
    expect(page.locator("main[aria-busy=true]")).to_be_attached()
    expect(page.get_by_role("status").filter(has_text="Loading your progress")).to_be_visible()
    expect(page.get_by_text("0%", exact=True)).to_have_count(0)
    expect(page.get_by_text(re.compile(r"\b0 of \d+"))).to_have_count(0)
    expect(page.get_by_role("checkbox")).to_have_count(0)


def test_dashboard_shows_a_placeholder_not_zero_until_progress_arrives(page: Page):
    hold_the_socket_back(page)  # the learner's progress never arrives
    page.goto("/dashboard")
    page.wait_for_load_state("networkidle")
    expect(page.get_by_role("status").filter(has_text="Loading your progress")).to_be_visible()
    expect(page.get_by_text("0%", exact=True)).to_have_count(0)
    expect(page.get_by_text(re.compile(r"\b0 of \d+"))).to_have_count(0)
    expect(page.locator("main").get_by_text("0", exact=True)).to_have_count(0)
    expect(page.get_by_text("Nothing yet.")).to_have_count(0)


def test_figures_appear_once_progress_has_loaded(page: Page):
    tick(page, "/checklist/scripting", "Python fundamentals")
    page.goto("/checklist")
    wait_until_ready(page)
    expect(page.get_by_text("1 of 30 items done")).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="Loading your progress")).to_have_count(0)


def test_paths_show_skipped_as_skipped(page: Page):
    set_status(page, "/checklist/data", "Data analysis", "Skipped")
    page.goto("/paths")
    wait_until_ready(page)
    node = page.get_by_role("link", name=re.compile(r"^Data analysis"))
    expect(node).to_contain_text("Skipped")
    expect(node).not_to_contain_text("Not started")


def test_ready_to_learn_lists_every_unlocked_not_started_item(page: Page):
    tick(page, "/checklist/scripting", "Python fundamentals")
    set_status(page, "/checklist/data", "NoSQL databases", "In progress")
    page.goto("/paths")
    wait_until_ready(page)
    ready = [
        "Relational databases",
        "Data analysis",
        "Web frameworks",
        "Web design",
        "Testing",
        "Networking",
        "Operating systems",
    ]
    for title in ready:
        expect(page.get_by_role("link", name=title, exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="NoSQL databases", exact=True)).to_have_count(0)
    expect(page.get_by_role("link", name="Python fundamentals", exact=True)).to_have_count(0)


def test_builder_shows_in_progress_as_in_progress(page: Page):
    set_status(page, "/checklist/web-development", "Web frameworks", "In progress")
    page.goto("/builder?backend=django")
    wait_until_ready(page)
    row = page.get_by_role("listitem").filter(
        has=page.get_by_role("link", name="Web frameworks", exact=True)
    )
    expect(row.get_by_text("In progress", exact=True)).to_be_visible()
    orm = page.get_by_role("listitem").filter(
        has=page.get_by_role("link", name="Object-relational mappers (ORM)", exact=True)
    )
    expect(orm.get_by_text("Not started", exact=True)).to_be_visible()


def test_next_up_never_repeats_an_item_in_progress(page: Page):
    set_status(page, "/checklist/scripting", "Python fundamentals", "In progress")
    page.goto("/dashboard")
    wait_until_ready(page)
    in_progress = section_named(page, "In progress")
    expect(in_progress.get_by_role("link", name="Python fundamentals")).to_be_visible()
    next_up = section_named(page, "Next up")
    expect(next_up.get_by_role("link").first).to_be_visible()
    expect(next_up.get_by_role("link", name="Python fundamentals")).to_have_count(0)


def test_shared_view_shows_each_status_with_its_own_icon(
    page: Page, browser: Browser, app_server: AppServer
):
    tick(page, "/checklist/data", "Data analysis")
    set_status(page, "/checklist/data", "NoSQL databases", "In progress")
    set_status(page, "/checklist/data", "Data visualization", "Skipped")
    page.goto("/your-data")
    wait_until_ready(page)
    page.get_by_role("button", name="Create a share link").click()
    link = page.get_by_role("textbox", name="Share link")
    expect(link).not_to_have_value("")
    visitor_ctx = browser.new_context(base_url=app_server.url)
    visitor = visitor_ctx.new_page()
    visitor.goto(link.input_value())
    expected = {
        "Data analysis": ("Done", "circle-check"),
        "NoSQL databases": ("In progress", "circle-dot"),
        "Data visualization": ("Skipped", "circle-slash"),
        "Relational databases": ("Not started", "circle"),
    }
    for title, (label, icon) in expected.items():
        row = visitor.locator("li").filter(has_text=title)
        expect(row.get_by_text(label, exact=True)).to_be_visible()
        expect(row.locator(f"svg.lucide-{icon}")).to_have_count(1)
    visitor_ctx.close()


def test_a_shortcut_status_change_is_announced(page: Page):
    page.goto("/checklist/data")
    wait_until_ready(page)
    announcer = page.get_by_role("status").filter(has_text="Data analysis")
    page.get_by_role("checkbox", name="Data analysis", exact=True).focus()
    page.keyboard.press("l")
    expect(announcer).to_have_text("Data analysis: In progress")
    page.keyboard.press("s")
    expect(announcer).to_have_text("Data analysis: Skipped")
    expect(announcer).to_have_attribute("aria-live", "polite")


def test_a_reset_is_one_history_entry_that_expands(page: Page):
    for title in ("Data analysis", "NoSQL databases", "Relational databases"):
        tick(page, "/checklist/data", title)
    page.goto("/your-data")
    wait_until_ready(page)
    page.get_by_role("button", name="Reset all progress").click()
    page.get_by_role("alertdialog").get_by_role("button", name="Reset").click()
    expect(page.get_by_text("All progress reset")).to_be_visible()
    page.goto("/dashboard")
    wait_until_ready(page)
    history = section_named(page, "History")
    entries = history.locator("ol > li")
    expect(entries).to_have_count(4)  # the reset, then the three ticks
    batch = entries.first
    expect(batch).to_contain_text("3 items changed together")
    expect(batch).to_contain_text("all → Not started")
    expect(batch.get_by_role("link", name="NoSQL databases")).not_to_be_visible()
    batch.get_by_text("3 items changed together").click()
    expect(batch.get_by_role("link", name="NoSQL databases")).to_be_visible()


def test_compact_view_collapses_descriptions_and_is_remembered(context, page: Page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/checklist")
    wait_until_ready(page)
    summary = get_content().item("orm").summary
    expect(page.get_by_text(summary, exact=True)).to_be_visible()
    full_height = page.evaluate("document.documentElement.scrollHeight")
    page.get_by_role("switch", name="Compact view").click()
    expect(page.get_by_text(summary, exact=True)).to_have_count(0)
    compact_height = page.evaluate("document.documentElement.scrollHeight")
    assert compact_height < full_height
    print(f"checklist at 390 px: {full_height} px full, {compact_height} px compact")

    other = context.new_page()
    other.set_viewport_size({"width": 390, "height": 844})
    other.goto("/checklist/data")
    wait_until_ready(other)
    expect(other.get_by_role("switch", name="Compact view")).to_be_checked()
    expect(other.get_by_text(summary, exact=True)).to_have_count(0)
