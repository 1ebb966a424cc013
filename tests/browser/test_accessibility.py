"""axe-core audit of every page: no serious or critical violations, light and dark."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from fullstack_guide import pages  # noqa: F401  (registers the routes)
from fullstack_guide.templates.template import PAGES
from testkit.app_server import AppServer
from testkit.paths import AXE
from tests.browser.conftest import wait_until_ready

ROUTES = [spec.route for spec in PAGES] + ["/shared/not-a-real-token", "/no-such-page"]


def serious_violations(page: Page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(node["target"][0] for node in v["nodes"][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_accessibility_violations(browser: Browser, app_server: AppServer, scheme):
    # The pages allow only their own inline scripts (CSP hashes); the audit injects axe-core,
    # so this context alone bypasses the policy (tests/browser/test_edge.py checks the policy).
    context = browser.new_context(base_url=app_server.url, color_scheme=scheme, bypass_csp=True)
    page = context.new_page()
    routes = ROUTES if scheme == "light" else ROUTES[:: max(1, len(ROUTES) // 15)]
    problems: dict[str, list[str]] = {}
    for route in routes:
        page.goto(route)
        wait_until_ready(page)
        found = serious_violations(page)
        if found:
            problems[route] = found
    context.close()
    assert problems == {}
