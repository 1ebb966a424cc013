"""Toasts load after the page, and none is lost before they have (issue 11).

Reflex mounts sonner's Toaster in every page's root, so every page preloaded sonner before its
first paint. ``components/lazy_toaster.js`` fetches it once the page is idle and holds any toast
asked for before that, showing it as soon as sonner is there.
"""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import Page, Route, expect

from tests.browser.conftest import wait_until_ready

SONNER = b"data-sonner-toaster"  # in sonner's own code, in no other module


def test_a_toast_asked_for_before_sonner_has_loaded_is_shown_once_it_has(page: Page) -> None:
    held: list[tuple[Route, object]] = []

    def hold_sonner(route: Route) -> None:
        response = route.fetch()
        if SONNER in response.body():
            held.append((route, response))
        else:
            route.fulfill(response=response)

    page.route("**/assets/*.js", hold_sonner)
    page.goto("/builder?backend=django")
    wait_until_ready(page)
    page.get_by_role("textbox", name="Stack name").fill("Held toast")
    page.get_by_role("button", name="Save stack").click()
    expect(page.get_by_role("list", name="Saved stacks").get_by_text("Held toast")).to_be_visible()
    deadline = time.monotonic() + 15
    while not held and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    assert held, "the page never asked for sonner"
    expect(page.get_by_text("Stack saved.")).to_have_count(0)

    route, response = held.pop()
    route.fulfill(response=response)
    expect(page.get_by_text("Stack saved.")).to_be_visible()


@pytest.mark.parametrize("colour", ["light", "dark"])
def test_toasts_follow_the_colour_mode(page: Page, colour: str) -> None:
    page.emulate_media(color_scheme=colour)
    page.goto("/builder?backend=django")
    wait_until_ready(page)
    page.get_by_role("textbox", name="Stack name").fill(f"{colour} stack")
    page.get_by_role("button", name="Save stack").click()
    expect(page.get_by_text("Stack saved.")).to_be_visible()
    expect(page.locator("[data-sonner-toaster]")).to_have_attribute("data-sonner-theme", colour)
