"""Issue 12 (content-a): the AI stack, data tools and security topics meet the catalogue's bar.

The checklist's AI section must lead somewhere real: every item links at least three
technologies, and every topic added for the issue is complete, dated and checked against
official documentation first.
"""

from __future__ import annotations

import pytest

from fullstack_guide.services import search

AI_ITEMS = ("llms", "rag", "mcp", "agents")
HANDS_ON = {"tutorial", "course"}
NEW_TOPICS = (
    # AI layer
    "openai-sdk",
    "anthropic-sdk",
    "litellm",
    "ollama",
    "hugging-face-transformers",
    "embeddings",
    "pgvector",
    "chroma",
    "qdrant",
    "llamaindex",
    "langchain",
    "mcp-python-sdk",
    "pydantic-ai",
    "langgraph",
    "openai-agents-sdk",
    "gradio",
    "llm-evaluation",
    "prompt-injection",
    # data tools
    "kafka",
    "polars",
    "duckdb",
    # security
    "authentication",
    "xss",
    "secrets-management",
    "dependency-auditing",
)


@pytest.mark.parametrize("item", AI_ITEMS)
def test_every_ai_item_links_at_least_three_technologies(content, item):
    linked = content.technologies_for_item(item)
    assert len(linked) >= 3, f"{item} links only {[t.slug for t in linked]}"


@pytest.mark.parametrize("item", ["llms", "rag"])
def test_llms_and_rag_have_three_resources_and_a_hands_on_one(content, item):
    resources = content.item(item).resources
    assert len(resources) >= 3
    assert {r.kind for r in resources} & HANDS_ON


@pytest.mark.parametrize("slug", NEW_TOPICS)
def test_every_new_topic_is_complete_dated_and_checked(content, slug):
    tech = content.technology(slug)
    assert tech.maturity == "complete"
    assert len(tech.resources) >= 3
    assert tech.resources[0].kind == "official-docs", "official documentation comes first"
    assert {r.kind for r in tech.resources} & HANDS_ON, "no hands-on resource"
    assert tech.reviewed is not None
    assert tech.checked_against, "no pages the facts were checked against"
    assert str(tech.checked_against[0]) == str(tech.resources[0].url)
    assert tech.when and tech.checklist
    assert "the frontend, backend and database" not in tech.connects


def test_ai_topics_have_their_own_layer_outside_the_stack(content):
    layer = content.layer("ai")
    assert layer.in_stack is False
    assert len(content.technologies_in("ai")) >= 15


def test_ai_detours_only_name_ai_topics(content):
    detours = [hop for hop in content.hops if hop.slug.startswith("ai-")]
    assert detours and all(hop.detour for hop in detours)
    for hop in detours:
        named = [*hop.topics, *(option.topic for option in hop.options)]
        assert len(hop.options) >= 3
        assert {content.technology(slug).layer for slug in named} == {"ai"}, hop.slug


def test_ai_builder_slots_are_optional_and_only_offer_ai_topics(content):
    slots = [slot for slot in content.slots if slot.layer == "ai"]
    assert {slot.slug for slot in slots} >= {"ai-model", "ai-retrieval", "vector-store"}
    for slot in slots:
        assert slot.optional
        assert {content.technology(o).layer for o in slot.options} == {"ai"}, slot.slug


@pytest.mark.parametrize(
    ("pair", "verdict"),
    [
        (("pgvector", "postgresql"), "fits"),
        (("pgvector", "mysql"), "caution"),
        (("langgraph", "langchain"), "fits"),
        (("gradio", "fastapi"), "fits"),
    ],
)
def test_fit_rules_cover_the_ai_pairs(content, pair, verdict):
    rule = content.fit(*pair)
    assert rule is not None and rule.verdict == verdict


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("pgvector", "pgvector"),
        ("mcp", "MCP Python SDK"),
        ("prompt injection", "Prompt injection and LLM security"),
        ("kafka", "Apache Kafka and event streams"),
        ("xss", "Cross-site scripting (XSS)"),
        ("oauth", "Authentication: sessions, OAuth 2, OpenID Connect and JWT"),
    ],
)
def test_search_finds_the_new_topics_first(query, title):
    assert search.search(query)[0].title == title
