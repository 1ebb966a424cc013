"""Transferred bytes per page type: what a first visit downloads (compressed, no cache).

Run: .venv/bin/python -m benchmarks.page_weight   (builds and serves the production app)
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.browser.server import AppServer
from tests.migrations import upgrade

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


def measure(base_url: str, path: str, browser) -> tuple[int, int]:
    context = browser.new_context()
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    sizes: dict[str, int] = {}
    cdp.on(
        "Network.loadingFinished",
        lambda e: sizes.__setitem__(e["requestId"], int(e["encodedDataLength"])),
    )
    page.goto(base_url + path, wait_until="networkidle")
    context.close()
    return sum(sizes.values()), len(sizes)


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="fsg-weight-"))
    url = f"sqlite:///{work / 'weight.db'}"
    upgrade(url)
    server = AppServer(url, work / "server.log")
    server.start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            print(f"{'page':28} {'transferred':>12} {'requests':>9}")
            for path in PAGES:
                size, count = measure(server.url, path, browser)
                print(f"{path:28} {size / 1024:9.1f} KiB {count:9d}")
            browser.close()
    finally:
        server.stop()


if __name__ == "__main__":
    main()
