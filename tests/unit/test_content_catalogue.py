"""Issue 12's catalogue and audit fixes: the new topics are complete and reachable, and the
corrections stay corrected."""

from __future__ import annotations

import re

import pytest

from fullstack_guide.services import search

NEW_TOPICS = [
    "uv",
    "ruff",
    "type-checking",
    "python-versions",
    "pytest",
    "asyncio",
    "asgi",
    "pydantic",
    "starlette",
    "litestar",
    "django-ninja",
    "htmx",
    "typescript",
    "tailwind-css",
    "vite",
    "render",
    "fly-io",
    "github-actions",
    "terraform",
    "opentelemetry",
    "granian",
    "alembic",
    "sqlmodel",
    "pre-commit",
]
HANDS_ON = {"tutorial", "course"}


@pytest.mark.parametrize("slug", NEW_TOPICS)
def test_new_topic_is_complete_and_reachable(content, slug):
    tech = content.technology(slug)
    assert tech.maturity == "complete"
    assert tech.when and tech.related
    assert len(tech.resources) >= 3
    assert tech.resources[0].kind == "official-docs"
    assert any(r.kind in HANDS_ON for r in tech.resources), "no hands-on resource"
    assert tech.checklist, "linked from no checklist item"
    for item_slug in tech.checklist:
        assert tech in content.technologies_for_item(item_slug)
    titles = [hit.title for hit in search.search(tech.name)[:3]]
    assert tech.name in titles


@pytest.mark.parametrize(
    ("slot", "options"),
    [
        ("hosting", {"render", "fly-io"}),
        ("ci", {"github-actions"}),
        ("monitoring", {"opentelemetry"}),
        ("frontend", {"htmx"}),
        ("backend", {"litestar"}),
        ("app-server", {"granian"}),
        ("orm", {"sqlmodel"}),
    ],
)
def test_new_topics_are_builder_options(content, slot, options):
    assert options <= set(content.slots_by_slug[slot].options)


def test_gunicorn_asgi_story_agrees_everywhere(content):
    rule = content.fit("fastapi", "gunicorn")
    assert rule is not None and rule.verdict == "fits"
    assert "only WSGI" not in rule.why and "Gunicorn 24" in rule.why
    gunicorn_option = next(
        o for o in content.hops_by_slug["app-server"].options if o.topic == "gunicorn"
    )
    assert "ASGI worker" in gunicorn_option.does
    assert "Gunicorn 24" in content.technology("uvicorn").when
    assert "Gunicorn 24" in content.technology("gunicorn").what


def test_redis_licence_names_the_agpl_option_beside_valkey(content):
    when = content.technology("redis").when
    assert "Valkey" in when and "AGPLv3" in when and "Redis 8" in when


def test_web_servers_item_puts_wsgi_between_app_server_and_framework(content):
    summary = content.item("web-servers").summary
    assert "Gunicorn or Uvicorn through WSGI or ASGI" not in summary
    assert "over plain HTTP" in summary
    assert re.search(r"WSGI and ASGI .* application server calls your framework", summary)


def test_mkdocs_caveat_in_topic_and_static_site_item(content):
    topic = content.technology("mkdocs").when
    assert "drops the plugin and theme systems" not in topic
    assert "drops plugins" in topic and "themes" in topic
    item = content.item("static-site-generators").summary
    assert "MkDocs 2.0" in item and "plugins" in item and "themes" in item


def test_odoo_cites_the_python_org_page_that_says_it(content):
    odoo = next(ex for ex in content.examples if ex.slug == "odoo")
    urls = {str(content.source(s).url) for s in odoo.sources}
    assert "https://www.python.org/about/apps/" in urls


def test_no_link_to_a_redirecting_full_stack_python_page(content):
    redirecting = re.compile(r"fullstackpython\.com/(github|gitlab|bitbucket|numpy)\.html")
    resources = [r for t in content.technologies for r in t.resources]
    resources += [r for i in content.items for r in i.resources]
    assert [str(r.url) for r in resources if redirecting.search(str(r.url))] == []


@pytest.mark.parametrize(
    "item_slug",
    [
        "nosql",
        "hosting",
        "vps",
        "operating-systems",
        "web-servers",
        "performance",
        "static-site-generators",
        "paas",
    ],
)
def test_thin_checklist_items_have_three_resources_with_a_hands_on_one(content, item_slug):
    resources = content.item(item_slug).resources
    assert len(resources) >= 3
    assert any(r.kind in HANDS_ON for r in resources)


def test_paas_item_has_a_vendor_neutral_resource(content):
    urls = [str(r.url) for r in content.item("paas").resources]
    assert "https://12factor.net/" in urls


@pytest.mark.parametrize(
    ("topic", "not_alternatives"),
    [
        ("jenkins", {"github", "gitlab", "bitbucket"}),
        ("localhost-tunnels", {"heroku", "pythonanywhere"}),
        ("wagtail", {"pelican", "lektor"}),
        ("microservices", {"aws-lambda"}),
    ],
)
def test_odd_alternatives_are_gone(content, topic, not_alternatives):
    alternatives = {t.slug for t in content.alternatives_to(topic)}
    assert not alternatives & not_alternatives


def test_ibm_websphere_shops_are_businesses_not_big_tech(content):
    websphere = next(ex for ex in content.examples if ex.slug == "ibm-websphere")
    assert websphere.kind == "business"


FILLER = re.compile(
    r"frontend, backend and database|every layer, from|every layer of a project"
    r"|control panel for every layer|pieces of every layer|code for every other layer"
    r"|backend Python code and database migrations alike|drive tools across the layers",
    re.IGNORECASE,
)


def test_connects_texts_say_something_specific(content):
    filler = [t.slug for t in content.technologies if FILLER.search(t.connects)]
    assert filler == []
