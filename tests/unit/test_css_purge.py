"""The trimmed stylesheet's build stamp and plugin wiring (fullstack_guide/css_purge.py).

PurgeCSS itself runs in ``tests/browser/test_css_purge.py``, where the build has installed it.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import rxconfig
from fullstack_guide import css_purge

ROOT = Path(__file__).resolve().parents[2]


def small_app(tmp_path: Path) -> Path:
    """A copy of what the digest reads: the package's pages, assets and rxconfig."""
    app = tmp_path / "app"
    (app / "fullstack_guide" / "pages").mkdir(parents=True)
    (app / "fullstack_guide" / "pages" / "home.py").write_text("TITLE = 'Home'\n")
    (app / "assets").mkdir()
    (app / "assets" / "styles.css").write_text(".note { color: red; }\n")
    shutil.copy(ROOT / "rxconfig.py", app / "rxconfig.py")
    return app


def test_the_stamp_changes_with_any_page_or_asset(tmp_path: Path) -> None:
    app = small_app(tmp_path)
    first = css_purge.inputs_digest(app)
    assert css_purge.inputs_digest(app) == first, "the same inputs give the same stamp"
    (app / "fullstack_guide" / "pages" / "home.py").write_text("TITLE = 'Start'\n")
    second = css_purge.inputs_digest(app)
    assert second != first
    (app / "assets" / "styles.css").write_text(".note { color: blue; }\n")
    assert css_purge.inputs_digest(app) not in (first, second)


def test_the_stamp_is_a_rule_after_the_imports() -> None:
    sheet = "@layer __reflex_base;\n@import url('./styles.css');"
    stamped = css_purge.with_build_stamp(sheet, "0123abcd")
    assert stamped.startswith(sheet)
    assert stamped.rstrip().endswith(':root { --fsg-build: "0123abcd"; }')


def test_the_plugin_stamps_the_global_stylesheet(monkeypatch) -> None:
    monkeypatch.delenv("FSG_RADIX_CSS", raising=False)
    tasks: list[tuple[str, object]] = []
    css_purge.PurgedStylesheetPlugin().pre_compile(
        add_modify_task=lambda path, modify: tasks.append((path, modify))
    )
    assert [path for path, _ in tasks] == ["styles/__reflex_global_styles.css"]
    assert re.search(r'--fsg-build: "[0-9a-f]{16}"', tasks[0][1]("@import url('x.css');"))


def test_the_whole_sheet_is_neither_stamped_nor_trimmed(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FSG_RADIX_CSS", "full")
    plugin = css_purge.PurgedStylesheetPlugin()
    plugin.pre_compile(add_modify_task=lambda *_: pytest.fail("stamped the whole sheet"))
    plugin.post_build(static_dir=tmp_path)  # no stylesheet there: it must not look for one


def test_the_app_trims_its_stylesheet_and_installs_purgecss() -> None:
    plugins = [type(plugin) for plugin in rxconfig.config.plugins]
    assert css_purge.PurgedStylesheetPlugin in plugins
    plugin = next(
        p for p in rxconfig.config.plugins if isinstance(p, css_purge.PurgedStylesheetPlugin)
    )
    assert plugin.get_frontend_development_dependencies() == (css_purge.PURGECSS,)


def test_a_build_without_its_one_stylesheet_stops(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    with pytest.raises(css_purge.StylesheetPurgeError):
        css_purge.built_stylesheet(tmp_path)
    for name in ("__reflex_global_styles-aaaa.css", "__reflex_global_styles-bbbb.css"):
        (tmp_path / "assets" / name).write_text("")
    with pytest.raises(css_purge.StylesheetPurgeError):
        css_purge.built_stylesheet(tmp_path)
