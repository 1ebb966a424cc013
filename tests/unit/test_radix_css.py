"""The trimmed Radix Themes sheet keeps every colour scale the app draws with (issue 11).

The build imports only the scales of :func:`fullstack_guide.radix_css.scales`; a colour used
anywhere else would silently lose its colours (a ``color_scheme="teal"`` badge drawn without
fill). Every Radix colour name written as a string in the app's Python, and every
``var(--<scale>-N)`` in its stylesheets, must be imported.
"""

from __future__ import annotations

import ast
import re
import typing
from pathlib import Path

import pytest
import reflex as rx
from reflex_components_radix.themes.base import LiteralAccentColor, LiteralGrayColor

import rxconfig
from fullstack_guide import radix_css

ROOT = Path(__file__).resolve().parents[2]
RADIX_COLOURS = (
    set(typing.get_args(LiteralAccentColor)) | set(typing.get_args(LiteralGrayColor))
) - {"auto"}
CSS_SCALE_VAR = re.compile(r"var\(--([a-z]+)-a?\d+\)")


def colours_in_python(source: str) -> set[str]:
    """Radix colour names among the string literals of a module."""
    return {
        node.value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Constant) and node.value in RADIX_COLOURS
    }


def colours_in_css(source: str) -> set[str]:
    return {name for name in CSS_SCALE_VAR.findall(source) if name in RADIX_COLOURS}


def used_colours() -> dict[str, set[str]]:
    """Each colour the app names, with the files naming it."""
    found: dict[str, set[str]] = {}
    sources = [
        (path, colours_in_python)
        for path in (ROOT / "fullstack_guide").rglob("*.py")
        if path.name != "radix_css.py"
    ]
    sources += [(path, colours_in_css) for path in (ROOT / "assets").rglob("*.css")]
    for path, find in sources:
        for name in find(path.read_text()):
            found.setdefault(name, set()).add(str(path.relative_to(ROOT)))
    return found


def test_every_colour_the_app_uses_has_its_scale_imported() -> None:
    imported = set(radix_css.scales())
    missing = {name: files for name, files in used_colours().items() if name not in imported}
    assert not missing, f"add these scales to radix_css.PAGE_SCALES: {missing}"


def test_the_scan_finds_colour_schemes_and_scale_variables() -> None:
    """The scan sees the ways a colour is written (else the test above proves nothing)."""
    assert colours_in_python('rx.badge("x", color_scheme="teal")') == {"teal"}
    assert colours_in_python('LOOK = {"done": ("check", "jade")}') == {"jade"}
    assert colours_in_python('rx.color("plum", 11)') == {"plum"}
    assert colours_in_python('rx.text("A red flag")') == set()
    assert colours_in_css(".x { color: var(--cyan-11); border: var(--ruby-a5) }") == {
        "cyan",
        "ruby",
    }
    assert colours_in_css(".x { color: var(--accent-9) }") == set()
    assert {"grass", "red", "orange"} <= set(used_colours())


def test_the_app_is_built_with_the_trimming_plugin_and_its_accent() -> None:
    """The theme's accent is imported, with the gray Radix pairs it with."""
    plugins = [p for p in rxconfig.config.plugins if isinstance(p, rx.plugins.RadixThemesPlugin)]
    assert [type(p) for p in plugins] == [radix_css.UsedColoursRadixThemesPlugin]
    assert str(plugins[0].theme.accent_color) == f'"{radix_css.ACCENT}"'
    assert {radix_css.ACCENT, radix_css.GRAY, "gray"} <= set(radix_css.scales())


@pytest.mark.parametrize("setting", ["", "trimmed"])
def test_the_plugin_imports_radix_parts_in_styles_css_order(monkeypatch, setting) -> None:
    monkeypatch.setenv("FSG_RADIX_CSS", setting)
    parts = radix_css.UsedColoursRadixThemesPlugin().get_stylesheet_paths()
    assert parts[0] == "@radix-ui/themes/tokens/colors/gray.css"
    assert parts[-3:] == (
        "@radix-ui/themes/tokens/base.css",
        "@radix-ui/themes/components.css",
        "@radix-ui/themes/utilities.css",
    )
    assert "@radix-ui/themes/styles.css" not in parts


def test_full_setting_imports_the_whole_sheet(monkeypatch) -> None:
    monkeypatch.setenv("FSG_RADIX_CSS", "full")
    assert radix_css.UsedColoursRadixThemesPlugin().get_stylesheet_paths() == (
        "@radix-ui/themes/styles.css",
    )


def test_the_plugin_bundles_radix_for_no_dynamic_component() -> None:
    """Bundled for dynamic components (the app has none), the whole package was kept and merged
    into the chunk every page preloads."""
    plugin = next(p for p in rxconfig.config.plugins if isinstance(p, rx.plugins.RadixThemesPlugin))
    assert plugin.get_frontend_dependencies() == ()
    assert rx.plugins.RadixThemesPlugin().get_frontend_dependencies() != ()  # what it replaces
