"""The build fingerprint ``make run`` and ``make cluster`` reuse an export by (issue 11)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scripts import build_cache
from scripts.build_cache import (
    EXPORT_ATTEMPTS,
    EXPORT_COMMAND,
    FRONTEND_BUILD_COMMAND,
    build_fingerprint,
    export_with_retries,
    is_current,
)
from scripts.serve import app_sources

ORIGIN = "http://localhost:3000"


@pytest.fixture
def app(tmp_path: Path) -> Path:
    """A tiny app laid out like ours: package with content and pages, assets, config, pins."""
    (tmp_path / "demo" / "content" / "data").mkdir(parents=True)
    (tmp_path / "demo" / "pages").mkdir()
    (tmp_path / "demo" / "__init__.py").write_text("")
    (tmp_path / "demo" / "content" / "data" / "layers.toml").write_text('name = "Frontend"\n')
    (tmp_path / "demo" / "pages" / "home.py").write_text('TITLE = "Home"\n')
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "styles.css").write_text("body {}\n")
    (tmp_path / "rxconfig.py").write_text('config = rx.Config(app_name="demo")\n')
    (tmp_path / "requirements.txt").write_text("reflex==0.10.1\n")
    (tmp_path / "notes.md").write_text("not a build input\n")
    return tmp_path


def fingerprint(app: Path, origin: str = ORIGIN, env: dict[str, str] | None = None) -> str:
    return build_fingerprint(origin, app_dir=app, sources=app_sources(app), env=env or {})


def test_the_sources_come_from_the_apps_config(app: Path):
    assert app_sources(app) == ("demo", "assets", "rxconfig.py", "requirements.txt")


def test_unchanged_inputs_give_the_same_fingerprint(app: Path):
    first = fingerprint(app)
    (app / "notes.md").write_text("edited\n")
    (app / "demo" / "__pycache__").mkdir()
    (app / "demo" / "__pycache__" / "home.cpython-311.pyc").write_bytes(b"\0")
    assert fingerprint(app) == first


def test_the_copies_reflex_makes_of_shared_assets_leave_it_unchanged(app: Path):
    """Importing the app copies ``rx.asset(shared=True)`` files to ``assets/external``; the
    first ``make run`` of a fresh clone makes them, and the second must still reuse its build."""
    first = fingerprint(app)
    copied = app / "assets" / "external" / "demo" / "components" / "slice.js"
    copied.parent.mkdir(parents=True)
    copied.write_text("export const slice = 1;\n")
    assert fingerprint(app) == first


@pytest.mark.parametrize(
    "relative",
    [
        "demo/content/data/layers.toml",
        "demo/pages/home.py",
        "assets/styles.css",
        "rxconfig.py",
        "requirements.txt",
    ],
)
def test_any_changed_input_changes_the_fingerprint(app: Path, relative: str):
    first = fingerprint(app)
    path = app / relative
    path.write_text(path.read_text() + "# changed\n")
    assert fingerprint(app) != first


def test_an_added_removed_or_renamed_file_changes_the_fingerprint(app: Path):
    first = fingerprint(app)
    (app / "demo" / "pages" / "new.py").write_text("")
    added = fingerprint(app)
    shutil.move(app / "demo" / "pages" / "new.py", app / "demo" / "pages" / "renamed.py")
    renamed = fingerprint(app)
    (app / "demo" / "pages" / "renamed.py").unlink()
    assert len({first, added, renamed}) == 3
    assert fingerprint(app) == first


def test_the_origin_the_frontend_connects_to_changes_the_fingerprint(app: Path):
    assert fingerprint(app) != fingerprint(app, origin="http://localhost:3001")
    assert fingerprint(app) != fingerprint(app, env={"REFLEX_API_URL": "http://example.org"})
    assert fingerprint(app) == fingerprint(app, env={"REFLEX_DB_URL": "sqlite:///other.db"})


@pytest.mark.parametrize(
    "setting",
    [
        ("FSG_RADIX_CSS", "full"),  # the whole Radix sheet (radix_css.py)
        ("REFLEX_FRONTEND_LAZY_BUNDLED_LIBRARIES", "false"),  # eager module preloads
        ("FSG_MODULES_BEFORE_PAINT", "1"),  # pages as React Router writes them (first_paint.py)
    ],
)
def test_a_setting_that_changes_the_first_paint_changes_the_fingerprint(app: Path, setting):
    """A build made with another setting is not reused for this one."""
    name, value = setting
    assert fingerprint(app) != fingerprint(app, env={name: value})


def test_the_reflex_version_changes_the_fingerprint(app: Path, monkeypatch):
    first = fingerprint(app)
    monkeypatch.setattr(build_cache, "_tool_versions", lambda: "reflex 99.0")
    assert fingerprint(app) != first


def test_a_build_is_current_only_with_its_folder_and_the_same_stamp(tmp_path: Path):
    built, stamp = tmp_path / "client", tmp_path / "stamp"
    assert not is_current(stamp, "abc", built)
    built.mkdir()
    assert not is_current(stamp, "abc", built)
    stamp.write_text("abc")
    assert is_current(stamp, "abc", built)
    assert not is_current(stamp, "abd", built)


def test_only_a_prerender_timeout_is_built_again_without_compiling_again():
    calls: list[list[str]] = []

    def timing_out_twice(command: list[str]) -> None:
        calls.append(command)
        if len(calls) < 3:
            raise RuntimeError("Prerender: Request failed for /")

    export_with_retries(timing_out_twice, log=lambda _: None)
    assert calls == [EXPORT_COMMAND, FRONTEND_BUILD_COMMAND, FRONTEND_BUILD_COMMAND]

    def broken(command: list[str]) -> None:
        calls.append(command)
        raise RuntimeError("syntax error")

    calls.clear()
    with pytest.raises(RuntimeError, match="syntax error"):
        export_with_retries(broken, log=lambda _: None)
    assert calls == [EXPORT_COMMAND]


def test_the_prerender_is_tried_at_most_export_attempts_times():
    calls: list[list[str]] = []

    def always_timing_out(command: list[str]) -> None:
        calls.append(command)
        raise RuntimeError("Prerender: Request failed for /")

    with pytest.raises(RuntimeError):
        export_with_retries(always_timing_out, log=lambda _: None)
    assert len(calls) == EXPORT_ATTEMPTS
