"""Transferred bytes per page type: a first visit (compressed, empty cache) and a repeat visit.

The repeat visit opens the page again in the same browser: content-hashed scripts, styles and
fonts are served ``immutable`` for a year, so only the page itself and what is not hashed should
cross the network again.

Run: .venv/bin/python -m benchmarks.page_weight   (builds and serves the production app)
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from testkit.app_server import AppServer
from testkit.chromium import CHROMIUM, CHROMIUM_ARGS
from testkit.migrations import upgrade

# sonner's Toaster, mounted once the lazily fetched module has loaded.
TOASTER = "section[aria-label^='Notifications']"

PAGES = [
    "/",
    "/stack",
    "/stack/backend/django",
    "/checklist",
    "/checklist/data/orm",
    "/journey",
    "/builder",
    "/dashboard",
    "/who-uses-python",
]


def measure(base_url: str, path: str, browser) -> tuple[tuple[int, int], tuple[int, int]]:
    """(bytes, requests) over the network for a first and then a repeat visit to ``path``."""
    context = browser.new_context()
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    sizes: dict[str, int] = {}
    cached: set[str] = set()
    cdp.on(
        "Network.loadingFinished",
        lambda e: sizes.__setitem__(e["requestId"], int(e["encodedDataLength"])),
    )
    cdp.on("Network.requestServedFromCache", lambda e: cached.add(e["requestId"]))

    def visit() -> tuple[int, int]:
        sizes.clear()
        cached.clear()
        page.goto(base_url + path, wait_until="networkidle")
        # sonner is fetched when the page is first idle (components/lazy_toaster.js). On a busy
        # machine that can come after "networkidle": the first visit then left before fetching
        # it and the repeat visit counted it (9 KiB). Wait for its Toaster on both visits.
        page.wait_for_selector(TOASTER, state="attached")
        page.wait_for_load_state("networkidle")
        # A cache hit reports no bytes (and memory-cache hits send no "served from cache").
        fetched = {rid: size for rid, size in sizes.items() if rid not in cached and size > 0}
        return sum(fetched.values()), len(fetched)

    first = visit()
    page.goto("about:blank")
    repeat = visit()
    context.close()
    return first, repeat


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="fsg-weight-"))
    url = f"sqlite:///{work / 'weight.db'}"
    upgrade(url)
    server = AppServer(url, work / "server.log")
    server.start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            columns = ("first visit", "requests", "repeat visit", "requests")
            print(f"{'page':28} {columns[0]:>12} {columns[1]:>9} {columns[2]:>13} {columns[3]:>9}")
            for path in PAGES:
                (size, count), (again, again_count) = measure(server.url, path, browser)
                print(
                    f"{path:28} {size / 1024:8.1f} KiB {count:9d} "
                    f"{again / 1024:9.1f} KiB {again_count:9d}"
                )
            browser.close()
    finally:
        server.stop()


if __name__ == "__main__":
    main()
