"""PurgeCSS trims the stylesheet to what the built pages can use (fullstack_guide/css_purge.py).

Runs the real PurgeCSS, as the build installed it, on a small build: classes named in a page
or a script stay, the rest go, and what Radix composes in the browser or writes as
pseudo-classes is kept. Then the sheet the app serves: trimmed, and stamped with its inputs.
"""

from __future__ import annotations

import re
import urllib.request
from pathlib import Path

import pytest

from fullstack_guide import css_purge
from tests.browser.conftest import TARGET

pytestmark = pytest.mark.skipif(
    TARGET == "cluster", reason="the cluster's export runs the same plugin; checked once here"
)

SHEET = """
.rt-Used { color: red; }
.rt-Unused { color: blue; }
.rt-Used:where(.rt-variant-soft):where(:focus-visible) { outline: 1px solid; }
.rt-Used:where(.rt-r-size-3) { height: 3px; }
.rt-Used:where([data-state=open]) { color: green; }
.rt-Late:where(.rt-r-size-2) { height: 2px; }
:is(.dark, .dark-theme) .rt-Used { color: white; }
.md\\:rt-r-gtc-2 { grid-template-columns: 1fr 1fr; }
.lg\\:rt-r-p-3 { padding: 3px; }
.xl\\:rt-r-pt-9 { padding-top: 9px; }
.page-own { margin: 0; }
"""
PAGE = '<div class="rt-Used lg:rt-r-p-3 page-own">x</div>'
SCRIPT = 'const c = ["rt-Late", "rt-variant-soft"].join(" ");'


@pytest.fixture
def small_build(tmp_path: Path) -> Path:
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "__reflex_global_styles-abcd1234.css").write_text(SHEET)
    (tmp_path / "index.html").write_text(PAGE)
    (tmp_path / "assets" / "page-1234abcd.js").write_text(SCRIPT)
    return tmp_path


def test_purgecss_keeps_what_the_pages_can_draw(app_server, small_build: Path) -> None:
    sizes = css_purge.purge_stylesheet(small_build, web_dir=app_server.web_dir)
    trimmed = css_purge.built_stylesheet(small_build).read_text()
    assert sizes["after"] == len(trimmed) < sizes["before"]
    kept = {
        ".rt-Used {": "named in a page",
        ":where(:focus-visible)": "a pseudo-class-only part (purgecss#978)",
        ".rt-Used:where(.rt-r-size-3)": "a size class Radix composes in the browser",
        "[data-state=open]": "an attribute Radix sets in the browser",
        ".rt-Late:where(.rt-r-size-2)": "a component named only in a script",
        ".dark": "the dark colour mode",
        "md\\:rt-r-gtc-2": "responsive grid columns (rx.breakpoints)",
        "lg\\:rt-r-p-3": "a responsive class a page names",
        ".page-own": "the app's own class, named in a page",
    }
    compact = re.sub(r"\s+", " ", trimmed)
    for text, why in kept.items():
        assert text in compact, f"dropped {text} ({why}):\n{trimmed}"
    for text in (".rt-Unused", "xl\\:rt-r-pt-9"):
        assert text not in compact, f"kept {text}, which no page or script names"


def test_the_served_stylesheet_is_trimmed_and_stamped(app_server) -> None:
    sheet_path = css_purge.built_stylesheet(app_server.web_dir / "build" / "client")
    with urllib.request.urlopen(f"{app_server.url}/assets/{sheet_path.name}") as response:
        served = response.read().decode()
    whole = (app_server.web_dir / "node_modules/@radix-ui/themes/styles.css").stat().st_size
    assert len(served) < whole / 2, f"{len(served):,} bytes: not trimmed"
    assert re.search(r'--fsg-build:\s*"[0-9a-f]{16}"', served), "no build stamp"
    assert ".rt-CheckboxRoot" in served  # the checklist's checkboxes
    assert ".rt-AvatarRoot" not in served  # no page draws an avatar
