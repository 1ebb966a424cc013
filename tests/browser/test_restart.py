"""Progress lives in the database: a full server restart loses nothing."""

from __future__ import annotations

from playwright.sync_api import BrowserContext, expect

from testkit.app_server import AppServer
from tests.browser.conftest import wait_until_ready


def test_tick_survives_a_server_restart(context: BrowserContext, app_server: AppServer):
    page = context.new_page()
    page.goto("/checklist/web-development")
    wait_until_ready(page)
    item = page.get_by_role("checkbox", name="Template engines", exact=True)
    item.click()
    expect(item).to_be_checked()

    app_server.restart()

    page.goto("/checklist/web-development")
    wait_until_ready(page)
    expect(page.get_by_role("checkbox", name="Template engines", exact=True)).to_be_checked()
    expect(page.get_by_text("1 of 9 done")).to_be_visible()
