"""Nothing moves when the learner's progress arrives (issue 11: cumulative layout shift).

Pages are prerendered without the learner's statuses; the statuses land after the app has
loaded. On a phone an item's status badge appearing then wrapped its status row onto a second
line and pushed the whole page down (Lighthouse: CLS 0.122 on every checklist item page). The
layout shifts Chromium records from the first paint until the progress has loaded must add up
to nothing, at Lighthouse's phone width and on a desktop.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import wait_until_ready

PAGES = {
    "checklist-item": "/checklist/data/orm",
    "checklist-section": "/checklist/data",
    "home": "/",
    "topic": "/stack/backend/django",
}
WIDTHS = {"phone": 412, "desktop": 1280}  # 412 px: Lighthouse's emulated phone
# Layout shifts not caused by the learner's input, as the CLS metric counts them.
RECORD_SHIFTS = """() => {
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (!entry.hadRecentInput) window.__shifts.push({
        value: entry.value,
        nodes: entry.sources.map((s) => s.node ? s.node.outerHTML.slice(0, 120) : ''),
      });
    }
  }).observe({type: 'layout-shift', buffered: true});
}"""


@pytest.mark.parametrize("width_name", list(WIDTHS))
@pytest.mark.parametrize("page_name", list(PAGES))
def test_loading_the_progress_shifts_nothing(
    browser: Browser, app_server, page_name: str, width_name: str
) -> None:
    context = browser.new_context(
        base_url=app_server.url, viewport={"width": WIDTHS[width_name], "height": 900}
    )
    try:
        page = context.new_page()
        page.goto(PAGES[page_name])
        page.evaluate(RECORD_SHIFTS)  # buffered: also the shifts before this call
        wait_until_ready(page)
        page.evaluate("document.fonts.ready")
        page.wait_for_timeout(500)  # let the last render after the progress land be recorded
        shifts = page.evaluate("window.__shifts")
    finally:
        context.close()
    assert sum(shift["value"] for shift in shifts) < 0.01, shifts
