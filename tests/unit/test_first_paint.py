"""Prerendered pages park their modules until they have painted (issue 11, first_paint.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from fullstack_guide import first_paint
from fullstack_guide.first_paint import (
    FirstPaintRewriteError,
    park_modules,
    park_modules_in_build,
    parked_preloads,
)

MODULE_SCRIPT = (
    'import "/assets/manifest-9aab6171.js";\n'
    'import * as route0 from "/assets/root-BAn9aBy6.js";\n'
    '  window.__reactRouterRouteModules = {"root":route0};\n\n'
    'import("/assets/entry.client-ztWJY0Jw.js");'
)
# The shape React Router 7 and React 19 write: the preloads hoisted to the head, the context
# script and the module script at the end of the body.
PAGE = (
    '<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/>'
    '<link rel="modulepreload" href="/assets/manifest-9aab6171.js"/>'
    '<link rel="modulepreload" href="/assets/entry.client-ztWJY0Jw.js"/>\n'
    '<link rel="modulepreload" href="/assets/root-BAn9aBy6.js"/>'
    "<script>document.documentElement.classList.add('light')</script>"
    '<link href="/assets/styles-KmhcXg0i.css" rel="stylesheet" type="text/css"/></head>'
    "<body><main><p>Tick &amp; note</p></main>\n"
    '<script>window.__reactRouterContext = {"a":"&lt;b&gt;"};</script>'
    f'<script type="module" async="">{MODULE_SCRIPT}</script></body></html>'
)
PRELOADS = [
    "/assets/manifest-9aab6171.js",
    "/assets/entry.client-ztWJY0Jw.js",
    "/assets/root-BAn9aBy6.js",
]


def test_the_preloads_leave_the_page_and_the_module_script_is_parked_with_them() -> None:
    parked = park_modules(PAGE)
    assert "modulepreload" not in parked.replace(first_paint.PRELOADS_ATTRIBUTE, "")
    assert '<script type="module"' not in parked
    assert parked_preloads(parked) == PRELOADS
    # The parked script keeps its source byte for byte: its CSP hash still allows it.
    assert f'">{MODULE_SCRIPT}</script></body></html>' in parked
    assert f'<script type="{first_paint.PARKED_TYPE}" ' in parked


def test_everything_else_in_the_page_is_left_as_it_was() -> None:
    parked = park_modules(PAGE)
    without_preloads = re.sub(r'<link rel="modulepreload" href="[^"]+"/>', "", PAGE)
    start = parked.index(f'<script type="{first_paint.PARKED_TYPE}"')
    assert parked[:start] == without_preloads[:start]
    assert parked.endswith(without_preloads[without_preloads.index(MODULE_SCRIPT) - 1 :])


def test_a_page_is_parked_once() -> None:
    parked = park_modules(PAGE)
    assert park_modules(parked) == parked


def test_a_page_without_modules_is_left_alone() -> None:
    page = "<!DOCTYPE html><html><head></head><body><p>static</p></body></html>"
    assert park_modules(page) == page
    assert parked_preloads(page) == []


def test_urls_that_need_escaping_survive_the_attribute() -> None:
    odd = '/assets/a&b"c-1234abcd.js'
    page = PAGE.replace('/assets/root-BAn9aBy6.js"/>', '/assets/a&amp;b&quot;c-1234abcd.js"/>')
    assert parked_preloads(park_modules(page))[2] == odd


@pytest.mark.parametrize(
    ("page", "reason"),
    [
        (PAGE.replace("</body>", '<script type="module">import "/x.js";</script></body>'), "one"),
        (PAGE.replace("</head>", '<script type="module">import "/x.js";</script></head>'), "one"),
        (PAGE.replace('<script type="module" async="">', "<script>"), "one"),
        (PAGE.replace('preload" href', 'preload" integrity="x" href'), "drop"),
    ],
)
def test_a_page_react_router_did_not_write_fails_the_build(page: str, reason: str) -> None:
    with pytest.raises(FirstPaintRewriteError, match=reason):
        park_modules(page)


def test_the_build_step_rewrites_every_page_byte_for_byte_elsewhere(tmp_path: Path) -> None:
    (tmp_path / "checklist").mkdir()
    crlf = PAGE.replace("<main>", "<main>\r\n")
    (tmp_path / "checklist" / "index.html").write_bytes(crlf.encode())
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "robots.txt").write_text("User-agent: *\n")
    assert park_modules_in_build(tmp_path) == 2
    rewritten = (tmp_path / "checklist" / "index.html").read_bytes().decode()
    assert "<main>\r\n" in rewritten
    assert rewritten == park_modules(crlf)
    assert park_modules_in_build(tmp_path) == 0


def test_a_failing_page_is_named(tmp_path: Path) -> None:
    (tmp_path / "broken.html").write_text(PAGE.replace('type="module" async=""', ""))
    with pytest.raises(FirstPaintRewriteError, match=r"broken\.html"):
        park_modules_in_build(tmp_path)


def test_the_plugin_can_be_turned_off_for_comparisons(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    monkeypatch.setenv("FSG_MODULES_BEFORE_PAINT", "1")
    first_paint.ModulesAfterFirstPaintPlugin().post_build(static_dir=str(tmp_path))
    assert (tmp_path / "index.html").read_text(encoding="utf-8") == PAGE
    monkeypatch.delenv("FSG_MODULES_BEFORE_PAINT")
    first_paint.ModulesAfterFirstPaintPlugin().post_build(static_dir=str(tmp_path))
    assert parked_preloads((tmp_path / "index.html").read_text(encoding="utf-8")) == PRELOADS


def test_the_restoring_script_reads_the_attribute_the_build_writes() -> None:
    components = Path(first_paint.__file__).parent / "components"
    source = (components / "modules_after_paint.js").read_text()
    assert f'script[type="{first_paint.PARKED_TYPE}"]' in source
    # data-modulepreloads is read as dataset.modulepreloads
    name = re.sub(r"-(\w)", lambda m: m.group(1).upper(), first_paint.PRELOADS_ATTRIBUTE[5:])
    assert f"dataset.{name}" in source
