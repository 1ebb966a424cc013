"""Browser-test fixtures: the production build on a temporary database, and Debian Chromium."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

from tests.browser.server import AppServer
from tests.migrations import upgrade

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
expect.set_options(timeout=10_000)


@pytest.fixture(scope="session")
def app_server() -> Iterator[AppServer]:
    workdir = Path(tempfile.mkdtemp(prefix="fsg-browser-"))
    db_url = f"sqlite:///{workdir / 'browser.db'}"
    upgrade(db_url)
    server = AppServer(db_url, workdir / "server.log")
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def context(browser: Browser, app_server: AppServer) -> Iterator[BrowserContext]:
    ctx = browser.new_context(base_url=app_server.url, viewport={"width": 1280, "height": 900})
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


def wait_until_ready(page: Page) -> None:
    """Progress is re-read from the database on every load; wait for that to land."""
    expect(page.locator("main[aria-busy=false]")).to_be_attached()
