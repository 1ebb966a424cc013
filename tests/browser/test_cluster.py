"""Scale-out, in a real browser: one learner's tabs on different workers, and a worker dying.

How a tab is put on a given worker, and how we know where it landed: the page comes from nginx
as usual, and the tab sends ``X-FSG-Worker: <n>`` with every request (Playwright's per-page
extra headers, which Chromium also adds to the websocket handshake). nginx prefers worker n for
that tab, keeping the others as backups, and answers every proxied request - the ``101
Switching Protocols`` of the websocket included - with ``X-FSG-Upstream: <worker address>``.
The tests read that header from Chromium's own record of each websocket handshake (DevTools
``Network.webSocketHandshakeResponseReceived``), so "tab A talks to worker 0, tab B to
worker 1" is observed, not assumed.
"""

from __future__ import annotations

import http.client
import re
import time
import urllib.request
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from scripts.cluster import PIN_HEADER, UPSTREAM_HEADER
from testkit.app_server import ClusterServer
from testkit.processes import port_released
from tests.browser.conftest import TARGET, checkbox, download_export, tick, wait_until_ready

pytestmark = pytest.mark.skipif(
    TARGET != "cluster", reason="needs the cluster: FSG_TARGET=cluster (make browser-cluster)"
)


def answered_by(upstream_header: str) -> str:
    """nginx lists every worker it tried ("dead:port, live:port"); the last one answered."""
    return upstream_header.split(",")[-1].strip()


class PinnedTab:
    """A tab whose requests prefer one worker, recording where each websocket landed."""

    def __init__(self, context: BrowserContext, worker: int) -> None:
        self.page: Page = context.new_page()
        self.page.set_extra_http_headers({PIN_HEADER: str(worker)})
        self.upstreams: list[str] = []
        self.closed = 0  # websockets closed, for a failure message that says what happened
        cdp = context.new_cdp_session(self.page)
        cdp.on("Network.webSocketHandshakeResponseReceived", self._handshake)
        cdp.on("Network.webSocketClosed", self._closed)
        cdp.send("Network.enable")

    def _handshake(self, event: dict) -> None:
        headers = {k.lower(): v for k, v in event["response"]["headers"].items()}
        self.upstreams.append(answered_by(headers.get(UPSTREAM_HEADER.lower(), "?")))

    def _closed(self, _event: dict) -> None:
        self.closed += 1

    def wait_for_websocket_on(self, address: str, timeout_s: float = 30) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.upstreams and self.upstreams[-1] == address:
                return
            self.page.wait_for_timeout(200)
        raise AssertionError(
            f"websocket not on {address}; handshakes went to {self.upstreams}, "
            f"{self.closed} websocket(s) closed"
        )


def tick_then_reload(ticker: Page, title: str, viewer: Page, summary: str) -> None:
    """Tick ``title`` in ``ticker``; reloaded, ``viewer`` shows it ticked and ``summary``."""
    checkbox(ticker, title).click()
    expect(checkbox(ticker, title)).to_be_checked()
    viewer.reload()
    wait_until_ready(viewer)
    expect(checkbox(viewer, title)).to_be_checked()
    expect(viewer.get_by_text(summary)).to_be_visible()


def test_one_learner_two_tabs_on_two_workers_see_the_same_progress(
    context: BrowserContext, app_server: ClusterServer
):
    first, second = PinnedTab(context, 0), PinnedTab(context, 1)
    for tab in (first, second):
        tab.page.goto("/checklist/web-development")
        wait_until_ready(tab.page)
    first.wait_for_websocket_on(app_server.worker_address(0))
    second.wait_for_websocket_on(app_server.worker_address(1))

    tick_then_reload(first.page, "Template engines", second.page, "1 of 9 done")
    tick_then_reload(second.page, "Task queues", first.page, "2 of 9 done")

    # The reloads opened new websockets, still on their own workers.
    first.wait_for_websocket_on(app_server.worker_address(0))
    second.wait_for_websocket_on(app_server.worker_address(1))


def test_an_upload_on_one_worker_is_confirmed_over_the_websocket_on_the_other(
    browser: Browser, context: BrowserContext, app_server: ClusterServer, tmp_path
):
    """The import preview is kept in the tab's Reflex state by the worker that took the upload;
    the confirm click arrives over the websocket at the other worker, which reads it from Redis."""
    source = browser.new_context(base_url=app_server.url)
    page = source.new_page()
    tick(page, "/checklist/web-app-deployment", "Web servers")
    exported = download_export(page, tmp_path / "export.json")
    source.close()

    tab = PinnedTab(context, 0)
    tab.page.route(
        "**/_upload**",
        lambda route: route.continue_(headers={**route.request.headers, PIN_HEADER.lower(): "1"}),
    )
    tab.page.goto("/your-data")
    wait_until_ready(tab.page)
    tab.wait_for_websocket_on(app_server.worker_address(0))
    with tab.page.expect_response(lambda response: "/_upload" in response.url) as upload:
        tab.page.locator("input[type=file]").set_input_files(str(exported))
    upstream = upload.value.headers[UPSTREAM_HEADER.lower()]
    assert answered_by(upstream) == app_server.worker_address(1)
    expect(tab.page.get_by_role("rowheader", name="Web servers")).to_be_visible()

    tab.page.get_by_role("button", name="Import these changes").click()
    expect(tab.page.get_by_text(re.compile(r"^Imported \d+ change"))).to_be_visible()
    assert tab.upstreams[-1] == app_server.worker_address(0)  # no reconnect in between
    tab.page.goto("/checklist/web-app-deployment")
    wait_until_ready(tab.page)
    expect(checkbox(tab.page, "Web servers")).to_be_checked()


def test_killing_a_worker_leaves_the_app_serving_through_the_other(
    browser: Browser, context: BrowserContext, app_server: ClusterServer
):
    tab = PinnedTab(context, 0)
    tab.page.goto("/checklist/devops")
    wait_until_ready(tab.page)
    tab.wait_for_websocket_on(app_server.worker_address(0))

    app_server.kill_worker(0)
    try:
        # The kill took: nothing listens on the worker's port within moments (kill_worker waits
        # for its whole process group), so a tab that stays put below is not a worker that lived.
        port = app_server.cluster.worker_ports[0]
        assert port_released(port, 5), f"worker 0 still listens on {port} after its kill"
        # The open tab reconnects by itself; nginx fails over to the surviving worker, which
        # finds the tab's Reflex state in Redis, so it carries on without a reload.
        tab.wait_for_websocket_on(app_server.worker_address(1))
        tick_then_reload(tab.page, "Monitoring", tab.page, "1 of 2 done")

        # A new visitor, not pinned to anything, is served as usual.
        stranger = browser.new_context(base_url=app_server.url)
        page = stranger.new_page()
        page.goto("/checklist/devops")
        wait_until_ready(page)
        expect(checkbox(page, "Monitoring")).not_to_be_checked()
        checkbox(page, "Web app performance").click()
        expect(checkbox(page, "Web app performance")).to_be_checked()
        stranger.close()

        for _ in range(10):  # every backend request still answers through nginx
            with urllib.request.urlopen(f"{app_server.url}/ping", timeout=5) as ping:
                assert ping.status == 200
                assert answered_by(ping.headers[UPSTREAM_HEADER]) == app_server.worker_address(1)
    finally:
        app_server.start_worker(0)


def test_a_learner_who_opens_127_0_0_1_gets_a_working_app(browser: Browser, app_server):
    """``make cluster`` prints localhost; 127.0.0.1 must work too (the websocket included)."""
    address = app_server.url.replace("localhost", "127.0.0.1")
    context = browser.new_context(base_url=address)
    page = context.new_page()
    try:
        tick(page, "/checklist/devops", "Monitoring")
    finally:
        context.close()


def _fetch(url: str, path: str, **headers: str) -> http.client.HTTPResponse:
    """One request, redirects not followed: a 307 must show as a 307."""
    address = urlsplit(url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def test_every_sitemap_url_answers_200_without_a_redirect(app_server):
    sitemap = _fetch(app_server.url, "/sitemap.xml")
    assert sitemap.status == 200
    with urllib.request.urlopen(f"{app_server.url}/sitemap.xml", timeout=10) as response:
        paths = [
            urlsplit(loc).path
            for loc in re.findall(r"<loc>([^<]+)</loc>", response.read().decode())
        ]
    assert len(paths) > 100
    for path in [*paths, *(p + "/" for p in paths if p != "/")]:
        response = _fetch(app_server.url, path)
        assert response.status == 200, (path, response.status, response.getheader("Location"))


def test_scripts_come_brotli_compressed_to_browsers_that_accept_it(app_server):
    with urllib.request.urlopen(f"{app_server.url}/", timeout=10) as response:
        scripts = re.findall(r"/assets/[\w.-]+\.js", response.read().decode())
    assert scripts
    compressed = _fetch(app_server.url, scripts[0], **{"Accept-Encoding": "gzip, deflate, br"})
    assert compressed.status == 200
    assert compressed.getheader("Content-Encoding") == "br"


def test_nginx_logs_the_websocket_path_without_its_query_string(app_server):
    log = (app_server.cluster.logs / "nginx-access.log").read_text()
    assert '"GET /_event/ HTTP/1.1" 101' in log
    assert "EIO=" not in log and "?" not in log
