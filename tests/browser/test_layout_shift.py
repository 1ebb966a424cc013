"""Nothing moves when the learner's progress arrives (issue 11: cumulative layout shift).

Pages are prerendered without the learner's statuses; the statuses land after the app has
loaded. On a phone an item's status badge appearing then wrapped its status row onto a second
line and pushed the whole page down (Lighthouse: CLS 0.122 on every checklist item page). The
layout shifts Chromium records from the first paint until the progress has loaded must add up
to nothing, at Lighthouse's phone width and on a desktop.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import hold_the_socket_back, wait_until_ready

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


def main_height(browser: Browser, app_server, path: str, width: int, *, loaded: bool) -> float:
    """The height of ``path``'s main content, with the learner's progress loaded or held back."""
    context = browser.new_context(base_url=app_server.url, viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        if not loaded:
            hold_the_socket_back(page)
        page.goto(path)
        if loaded:
            wait_until_ready(page)
        else:
            page.wait_for_load_state("networkidle")
            expect(page.get_by_text("Loading your progress…").first).to_be_visible()
        page.evaluate("document.fonts.ready")
        box = page.locator("main").bounding_box()
        assert box is not None
        return box["height"]
    finally:
        context.close()


@pytest.mark.parametrize("width_name", list(WIDTHS))
@pytest.mark.parametrize("path", ["/", "/checklist"])
def test_the_progress_placeholders_are_as_tall_as_the_figures(
    browser: Browser, app_server, path: str, width_name: str
) -> None:
    """Whatever is below the overall figures and the section bars stays put when they land,
    however late (on a slow phone the page paints long before the progress arrives)."""
    width = WIDTHS[width_name]
    waiting = main_height(browser, app_server, path, width, loaded=False)
    assert main_height(browser, app_server, path, width, loaded=True) == pytest.approx(
        waiting, abs=0.5
    )
