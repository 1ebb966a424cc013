"""A tick in Chromium, click to rendered, against a bare Reflex checkbox (issue 11).

Run: make bench (or .venv/bin/python -m benchmarks.tick_browser [--pairs 40])

Starts both production builds as ``make run`` serves them (``bench_servers.ours_and_bare``),
or uses servers already up (``--running OURS_URL BARE_URL``). One Chromium opens ours at
``/checklist`` and ``benchmarks/bare_app`` (one checkbox on a boolean, no database), each page
loaded and hydrated. Each click is timed in the page: from the click, dispatched by the page's
own script, to the first animation frame after the checkbox's ``aria-checked`` changed. Both
boxes show the server's value only (ours the saved status), so this is the whole round trip:
the event over the websocket, the handler, the delta, React's render.

A pair is one click on each app, the order alternating from pair to pair so that drift on a
shared machine falls on both; the figure is the median of the pairs' ratios (ours / bare).
Target: <= 1.2x. A benchmark, never a timed test.
"""

from __future__ import annotations

import argparse
import os
import statistics
from dataclasses import dataclass, field

from playwright.sync_api import Page, sync_playwright

from testkit.bench_servers import ours_and_bare
from testkit.bench_table import record
from testkit.chromium import CHROMIUM, CHROMIUM_ARGS

TARGET_RATIO = 1.2
PAIRS = 40
WARMUP_CLICKS = 5
CHECKBOX = "main button[role=checkbox], body button[role=checkbox]"
READY_TIMEOUT_MS = 60_000

# Click the first checkbox and resolve with the milliseconds until the frame after its
# aria-checked changed (the element is looked up again: React may replace it).
CLICK_TO_RENDERED = """
(selector) => new Promise((resolve, reject) => {
  const box = () => document.querySelector(selector);
  const before = box().getAttribute("aria-checked");
  const timer = setTimeout(() => reject(new Error("the checkbox did not change")), 10000);
  const observer = new MutationObserver(() => {
    if (box().getAttribute("aria-checked") === before) return;
    observer.disconnect();
    requestAnimationFrame(() => {
      clearTimeout(timer);
      resolve(performance.now() - started);
    });
  });
  observer.observe(document.body, {attributes: true, subtree: true, childList: true,
                                   attributeFilter: ["aria-checked"]});
  const started = performance.now();
  box().click();
})
"""


@dataclass
class App:
    name: str
    page: Page
    clicks_ms: list[float] = field(default_factory=list)

    def click(self) -> float:
        return self.page.evaluate(CLICK_TO_RENDERED, CHECKBOX)


def open_app(page: Page, url: str, ready: str | None) -> None:
    page.goto(url)
    if ready:
        page.locator(ready).wait_for(state="attached", timeout=READY_TIMEOUT_MS)
    page.locator(CHECKBOX).first.wait_for(timeout=READY_TIMEOUT_MS)


def measure(ours_url: str, bare_url: str, pairs: int) -> tuple[App, App, list[float]]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            ours = App("ours", browser.new_context().new_page())
            bare = App("bare", browser.new_context().new_page())
            # Ours re-reads the learner's progress on load; main[aria-busy=false] says it landed.
            open_app(ours.page, f"{ours_url}/checklist", "main[aria-busy=false]")
            open_app(bare.page, f"{bare_url}/", None)
            for app in (ours, bare):
                for _ in range(WARMUP_CLICKS):
                    app.click()
            ratios = []
            for index in range(pairs):
                order = (ours, bare) if index % 2 == 0 else (bare, ours)
                timed = {app.name: app.click() for app in order}
                ours.clicks_ms.append(timed["ours"])
                bare.clicks_ms.append(timed["bare"])
                ratios.append(timed["ours"] / timed["bare"])
        finally:
            browser.close()
    return ours, bare, ratios


def report(ours: App, bare: App, ratios: list[float]) -> None:
    ratio = statistics.median(ratios)
    ours_ms, bare_ms = statistics.median(ours.clicks_ms), statistics.median(bare.clicks_ms)
    one, five, _ = os.getloadavg()
    print()
    print(f"Click -> rendered in Chromium, {len(ratios)} pairs (order alternating)")
    for app, median in ((ours, ours_ms), (bare, bare_ms)):
        low, high = min(app.clicks_ms), max(app.clicks_ms)
        print(f"  {app.name}: median {median:.1f} ms (min {low:.1f}, max {high:.1f})")
    print(f"  median of pair ratios ours / bare: {ratio:.2f}x (target <= {TARGET_RATIO}x)")
    print(f"  load average {one:.1f} (5 min {five:.1f}) on {os.cpu_count()} cores")
    record(
        "tick in Chromium, click to rendered (median of pair ratios)",
        ours_ms,
        unit="ms",
        target=f"≤ {TARGET_RATIO}× bare",
        met=ratio <= TARGET_RATIO,
        baseline=bare_ms,
        baseline_name="bare checkbox",
        ratio=ratio,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=PAIRS)
    parser.add_argument("--running", nargs=2, metavar=("OURS_URL", "BARE_URL"))
    args = parser.parse_args()
    if args.running:
        report(*measure(*args.running, args.pairs))
        return
    with ours_and_bare("fsg-bench-browser-") as (ours, bare, _db_path):
        report(*measure(ours.url, bare.url, args.pairs))


if __name__ == "__main__":
    main()
