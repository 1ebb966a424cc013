"""The render-blocking stylesheet holds only the rules the built pages can use (issue 11).

Every page waits for the one global stylesheet: Reflex's reset, Radix Themes (only the colour
scales the app uses, :mod:`fullstack_guide.radix_css`) and ``assets/styles.css``. Radix ships
every component and every utility class: 626 KB, 38 KiB brotli, of which the pages use about a
third. :class:`PurgedStylesheetPlugin` runs PurgeCSS over the production build (a Reflex
``post_build`` hook, before Reflex compresses the files, so ``make run``, the tests and
``make cluster`` serve the same sheet): a rule stays when the prerendered pages or the built
scripts name every class in it.

What the pages' files do not spell out is kept by the safelist (:data:`SAFELIST`):

- classes Radix composes in the browser from a component's props (``rt-r-size-2`` from
  ``size="2"``, ``rt-variant-soft``, ...): a component first drawn after the page loads (a
  menu, a dialog, a checkbox that replaces its skeleton) is in no prerendered page;
- the colour-mode classes the browser sets (``dark``, ``light``...);
- pseudo-class-only parts of a selector (``:where(:focus-visible)``): PurgeCSS drops them
  as unused (FullHuman/purgecss#978, #1197), and Radix writes its hover, focus and open
  states that way;
- every attribute a selector tests (``data-state``, ``data-accent-color``...; in the runner).

The trimmed sheet changes when the pages do, while the whole sheet it is cut from (whose hash
names the file) may not: a browser would keep last build's trimmed sheet under the same name
for a year. :meth:`PurgedStylesheetPlugin.pre_compile` adds a rule carrying a digest of the
build's inputs (:mod:`fullstack_guide.build_inputs`), so the file's name changes with them.

``FSG_RADIX_CSS=full`` builds the whole sheet, untrimmed (for comparisons).
``tests/browser/test_visual_radix_css.py`` draws every page type with the built sheet and with
the whole one: the pixels must match.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import subprocess
from importlib import metadata
from pathlib import Path
from typing import Any

import reflex as rx

from fullstack_guide.build_inputs import add_sources_to_digest
from fullstack_guide.radix_css import whole_sheet_requested

PURGECSS = "purgecss@7.0.2"
RUNNER = Path(__file__).with_name("css_purge.mjs")
GLOBAL_STYLESHEET = "styles/__reflex_global_styles.css"  # in Reflex's build workspace
BUILT_STYLESHEET = "__reflex_global_styles-*.css"  # in the build's assets/
APP_DIR = Path(__file__).resolve().parent.parent
# Class names Radix builds from props (each ``className: "rt-..."`` of its prop definitions).
RADIX_PROP_CLASSES = (
    r"^-?rt-r-",  # size, spacing, layout: rt-r-size-2, rt-r-gap-3, -rt-r-mt-2
    r"^rt-variant-",
    r"^rt-high-contrast$",
    r"^rt-underline-",
    r"^rt-truncate$",
)
# Responsive values compose a breakpoint prefix too (md:rt-r-gtc-2). Only two prefixed families
# are kept whole (grid columns, which rx.breakpoints sets, and display); any other must be in a
# built page.
RESPONSIVE_PROP_CLASSES = (r"^(xs|sm|md|lg|xl):rt-r-(gtc|display)-",)
PSEUDO_CLASS_ONLY = r"^:"
COLOUR_MODE_CLASSES = ("dark", "light", "dark-theme", "light-theme", "radix-themes")
SAFELIST = (*RADIX_PROP_CLASSES, *RESPONSIVE_PROP_CLASSES, PSEUDO_CLASS_ONLY)


class StylesheetPurgeError(RuntimeError):
    """PurgeCSS could not trim the built stylesheet."""


def inputs_digest(app_dir: Path = APP_DIR) -> str:
    """A digest of what the build is made from: the app's files and the Reflex version."""
    digest = hashlib.sha256(f"reflex {metadata.version('reflex')}".encode())
    add_sources_to_digest(digest, app_dir)
    return digest.hexdigest()[:16]


def with_build_stamp(stylesheet: str, digest: str) -> str:
    """The global stylesheet with a rule naming the build's inputs (it keeps no other effect)."""
    return f'{stylesheet.rstrip()}\n:root {{ --fsg-build: "{digest}"; }}\n'


def built_stylesheet(static_dir: Path) -> Path:
    """The one global stylesheet of a build."""
    found = sorted((static_dir / "assets").glob(BUILT_STYLESHEET))
    if len(found) != 1:
        raise StylesheetPurgeError(f"expected one global stylesheet in {static_dir}: {found}")
    return found[0]


def purge_stylesheet(static_dir: Path, web_dir: Path) -> dict[str, int]:
    """Trim the build's global stylesheet in place; its size before and after, in bytes."""
    from reflex.utils import path_ops  # build-time only: not loaded by the server

    static_dir = static_dir.resolve()  # the runner works in web_dir
    stylesheet = built_stylesheet(static_dir)
    runtime = path_ops.get_node_path() or path_ops.get_bun_path()
    if runtime is None:
        raise StylesheetPurgeError("Node.js or Bun is needed to trim the stylesheet")
    config = {
        "stylesheet": str(stylesheet),
        "content": [str(static_dir / "**" / "*.html"), str(static_dir / "**" / "*.js")],
        "safelist": list(SAFELIST),
        "safelistNames": list(COLOUR_MODE_CLASSES),
    }
    result = subprocess.run(
        [str(runtime), str(RUNNER)],
        input=json.dumps(config),
        cwd=web_dir,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise StylesheetPurgeError(f"PurgeCSS failed:\n{result.stderr[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


@dataclasses.dataclass
class PurgedStylesheetPlugin(rx.plugins.Plugin):
    """Runs PurgeCSS on the production build's global stylesheet (see the module's note)."""

    def get_frontend_development_dependencies(self, **context: Any) -> tuple[str, ...]:
        return (PURGECSS,)

    def pre_compile(self, **context: Any) -> None:
        if not whole_sheet_requested():
            digest = inputs_digest()
            context["add_modify_task"](
                GLOBAL_STYLESHEET, lambda sheet: with_build_stamp(sheet, digest)
            )

    def post_build(self, **context: Any) -> None:
        if whole_sheet_requested():
            return
        from reflex.utils import prerequisites

        static_dir = Path(context["static_dir"])
        sizes = purge_stylesheet(static_dir, web_dir=prerequisites.get_web_dir())
        print(f"[css_purge] global stylesheet {sizes['before']:,} -> {sizes['after']:,} bytes")
