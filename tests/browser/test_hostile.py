"""Hostile input in a real browser: headers, odd URLs, and an XSS corpus in free-text fields."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from fullstack_guide.http.cache_policy import IMMUTABLE, REVALIDATE
from fullstack_guide.http.headers import SECURITY_HEADERS
from tests.browser.conftest import wait_until_ready

XSS_CORPUS = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=2">',
    '"><svg onload="window.__pwned=3">',
    "javascript:window.__pwned=4",
    "[click](javascript:window.__pwned=5)",
    "'; DROP TABLE note; --",
    "{{7*7}} ${7*7} <%= 7*7 %>",
    "\u202eevil\u200b <b>bold?</b>",
]


@pytest.mark.parametrize("path", ["/", "/checklist/data/orm", "/stack/backend/django"])
def test_pages_are_served_with_security_headers(page: Page, path: str):
    response = page.goto(path)
    assert response is not None and response.status == 200
    headers = response.headers
    for name in SECURITY_HEADERS:
        assert name in headers, name
    wait_until_ready(page)  # the app works under its own Content-Security-Policy


def test_repeat_visits_reuse_scripts_and_pages_are_always_fresh(page: Page):
    scripts = []
    page.on(
        "response",
        lambda r: scripts.append(r) if "/assets/" in r.url and r.url.endswith(".js") else None,
    )
    response = page.goto("/checklist")
    wait_until_ready(page)
    assert response is not None and response.headers["cache-control"] == REVALIDATE
    assert len(scripts) >= 3
    for script in scripts:
        assert script.headers["cache-control"] == IMMUTABLE, script.url


@pytest.mark.parametrize(
    "path",
    [
        "/stack/%2e%2e/%2e%2e/etc/passwd",
        "/checklist/..%2F..%2Fetc%2Fpasswd",
        "/checklist/" + "a" * 3000,
        "/who-uses-python/%00",
        "/stack/frontend/react/extra/segments",
    ],
)
def test_odd_urls_get_the_not_found_page(page: Page, path: str):
    response = page.goto(path)
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()


def test_note_corpus_is_stored_verbatim_and_never_runs(page: Page):
    page.goto("/checklist/web-development/web-security")
    wait_until_ready(page)
    body = "\n\n".join(XSS_CORPUS)
    note = page.get_by_role("textbox", name="Your note on Web application security")
    note.fill(body)
    expect(page.get_by_role("status").filter(has_text="Saved")).to_be_visible()
    page.reload()
    wait_until_ready(page)
    expect(page.get_by_role("textbox", name="Your note on Web application security")).to_have_value(
        body
    )
    page.get_by_role("tab", name="Preview").click()
    preview = page.locator(".note-preview")
    expect(preview).to_contain_text("DROP TABLE note")
    expect(preview.locator("script, img, svg, iframe")).to_have_count(0)
    for link in preview.locator("a").all():
        assert not (link.get_attribute("href") or "").lower().startswith("javascript")
    assert page.evaluate("window.__pwned") is None


def test_stack_names_are_shown_as_text(page: Page):
    page.goto("/builder")
    wait_until_ready(page)
    page.get_by_role("button", name=re.compile(r"^Use this stack: ")).first.click()
    saved = page.get_by_role("list", name="Saved stacks")
    for payload in XSS_CORPUS[:3]:
        page.get_by_role("textbox", name="Stack name").fill(payload)
        page.get_by_role("button", name="Save stack").click()
        expect(saved.get_by_text(payload, exact=True)).to_be_visible()
    assert page.evaluate("window.__pwned") is None


def test_hostile_usernames_get_a_clear_message(page: Page):
    page.goto("/account")
    wait_until_ready(page)
    form = page.locator("form").filter(has_text="Create an account")
    form.get_by_label("Username").fill(XSS_CORPUS[0])
    form.get_by_label("Password").fill("long enough password")
    form.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("alert")).to_contain_text("Choose a username")
    assert page.evaluate("window.__pwned") is None
