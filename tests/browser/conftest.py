"""Browser-test fixtures: the production build on a temporary database, and Debian Chromium.

``FSG_TARGET=cluster`` runs the same tests against ``scripts/cluster/`` instead: nginx in
front of two Reflex workers sharing Redis and a fresh PostgreSQL (``make browser-cluster``).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect, sync_playwright

from testkit.app_server import AppServer, ClusterServer
from testkit.chromium import CHROMIUM, CHROMIUM_ARGS
from testkit.migrations import upgrade

TARGET = os.environ.get("FSG_TARGET", "app")
# The Radix layout components a plain-element block (a checklist row, a link card) must not
# hold again: stacks, boxes, grids, headings and texts. Its Radix link (``span.rt-Text.rt-Link``
# inside a row) is a control, not layout.
RADIX_LAYOUT = (
    ".rt-Flex, .rt-Box, .rt-Grid, .rt-Heading, p.rt-Text, label.rt-Text, span.rt-Text:not(.rt-Link)"
)
expect.set_options(timeout=10_000)


@pytest.fixture(scope="session")
def app_server() -> Iterator[AppServer | ClusterServer]:
    workdir = Path(tempfile.mkdtemp(prefix="fsg-browser-"))
    if TARGET == "cluster":
        workdir.chmod(0o755)  # PostgreSQL and nginx run as their own accounts
        cluster = ClusterServer(workdir)
        cluster.start()
        yield cluster
        cluster.stop()
        for bulky in ("pg", "site"):  # keep the logs, drop the database and the build copy
            shutil.rmtree(cluster.cluster.state_dir / bulky, ignore_errors=True)
        return
    db_url = f"sqlite:///{workdir / 'browser.db'}"
    upgrade(db_url)
    server = AppServer(db_url, workdir / "server.log")
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def db(app_server: AppServer | ClusterServer) -> Iterator[sqlalchemy.Engine]:
    """The server's database, read and written directly (SQLite, or the cluster's PostgreSQL)."""
    engine = sqlalchemy.create_engine(app_server.db_url)
    yield engine
    engine.dispose()


def hold_the_socket_back(page: Page) -> None:
    """Accept the app's websocket but never answer: no state (progress, a note) ever arrives."""
    page.route_web_socket(re.compile(r"/_event"), lambda ws: None)


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


def checkbox(page: Page, title: str) -> Locator:
    """A checklist item's checkbox, found as a person using a screen reader would: by its title."""
    return page.get_by_role("checkbox", name=title, exact=True)


def tick(page: Page, url: str, title: str) -> None:
    """Open ``url``, tick the item ``title`` and see it saved (the box shows saved values only)."""
    page.goto(url)
    wait_until_ready(page)
    checkbox(page, title).click()
    expect(checkbox(page, title)).to_be_checked()


def download_export(page: Page, target: Path) -> Path:
    """Download the learner's JSON export from /your-data to ``target``."""
    page.goto("/your-data")
    wait_until_ready(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download JSON").click()
    download.value.save_as(target)
    return target
