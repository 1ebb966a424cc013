"""Ticking items in a real browser: saved at once, kept across reloads, tabs and restarts."""

from __future__ import annotations

from playwright.sync_api import Browser, BrowserContext, Page, expect

from testkit.app_server import AppServer
from tests.browser.conftest import checkbox, tick, wait_until_ready


def test_tick_is_saved_and_survives_reload_and_a_new_tab(context: BrowserContext, page: Page):
    page.goto("/checklist")
    wait_until_ready(page)
    orm = checkbox(page, "Object-relational mappers (ORM)")
    expect(orm).not_to_be_checked()
    orm.click()
    expect(orm).to_be_checked()
    expect(page.get_by_text("1 of 30 items done")).to_be_visible()

    page.reload()
    wait_until_ready(page)
    expect(checkbox(page, "Object-relational mappers (ORM)")).to_be_checked()

    other_tab = context.new_page()
    other_tab.goto("/checklist/data/orm")
    wait_until_ready(other_tab)
    expect(checkbox(other_tab, "Object-relational mappers (ORM)")).to_be_checked()
    other_tab.goto("/")
    expect(other_tab.get_by_text("1 of 30 items done")).to_be_visible()


def test_untick_is_saved(page: Page):
    page.goto("/checklist/ai")
    wait_until_ready(page)
    rag = checkbox(page, "Retrieval-augmented generation (RAG)")
    rag.click()
    expect(rag).to_be_checked()
    rag.click()
    expect(rag).not_to_be_checked()
    page.reload()
    wait_until_ready(page)
    expect(checkbox(page, "Retrieval-augmented generation (RAG)")).not_to_be_checked()


def test_another_browser_does_not_see_my_ticks(browser: Browser, app_server: AppServer, page):
    page.goto("/checklist/devops")
    wait_until_ready(page)
    checkbox(page, "Monitoring").click()
    expect(checkbox(page, "Monitoring")).to_be_checked()

    stranger = browser.new_context(base_url=app_server.url)
    other = stranger.new_page()
    other.goto("/checklist/devops")
    wait_until_ready(other)
    expect(checkbox(other, "Monitoring")).not_to_be_checked()
    expect(other.get_by_text("0 of 2 done")).to_be_visible()
    stranger.close()


def test_keyboard_only_ticking(page: Page):
    page.goto("/checklist/web-app-deployment")
    wait_until_ready(page)
    target = "Containers"
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('aria-label')") == target:
            break
    else:
        raise AssertionError(f"could not reach the {target!r} checkbox with Tab")
    page.keyboard.press("Space")
    expect(checkbox(page, target)).to_be_checked()
    page.reload()
    wait_until_ready(page)
    expect(checkbox(page, target)).to_be_checked()


def test_ticking_from_a_technology_page_updates_the_checklist(page: Page):
    tick(page, "/stack/deployment/docker", "Containers")
    page.goto("/checklist/web-app-deployment")
    wait_until_ready(page)
    expect(checkbox(page, "Containers")).to_be_checked()


def test_a_technology_page_shows_the_status_ticked_on_the_checklist(page: Page):
    tick(page, "/checklist/data/nosql", "NoSQL databases")
    page.goto("/stack/database/redis")
    wait_until_ready(page)
    expect(checkbox(page, "NoSQL databases")).to_be_checked()
