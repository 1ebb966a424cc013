"""Issue 12 (content-a) in a real browser: the new AI topics are reachable and render."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import wait_until_ready


def test_an_ai_topic_is_reachable_from_the_stack_search_and_its_checklist_item(page: Page):
    page.goto("/stack")
    wait_until_ready(page)
    ai_band = page.get_by_role("group", name="AI features layer")
    expect(ai_band.get_by_role("button", name=re.compile(r"^MCP Python SDK: "))).to_be_visible()
    page.get_by_role("link", name=re.compile(r"^MCP Python SDK")).first.click()
    expect(page).to_have_url(re.compile(r"/stack/ai/mcp-python-sdk/?$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("MCP Python SDK")
    expect(page.get_by_text("Content: Complete")).to_be_visible()

    page.keyboard.press("/")
    search = page.get_by_role("combobox", name="Search the guide")
    expect(search).to_be_focused()
    search.type("pgvector")
    first = page.get_by_role("listbox", name="Search results").get_by_role("option").first
    expect(first).to_contain_text("pgvector")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("pgvector")

    page.goto("/checklist/ai/agents")
    wait_until_ready(page)
    page.get_by_role("link", name="PydanticAI", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("PydanticAI")


def test_the_journey_offers_the_ai_detours(page: Page):
    page.goto("/journey")
    wait_until_ready(page)
    page.get_by_role("button", name=re.compile(r"^Retrieving passages")).click()
    expect(page.get_by_role("radio", name="pgvector")).to_be_checked()
    page.get_by_role("radio", name="Qdrant").click()
    expect(page.get_by_role("radio", name="Qdrant")).to_be_checked()
    page.get_by_role("button", name=re.compile(r"^Calling a language model")).click()
    expect(page.get_by_role("radio", name="Ollama")).to_be_visible()
