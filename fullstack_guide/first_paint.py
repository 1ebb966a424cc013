"""Prerendered pages paint before their modules are fetched (issue 11).

React Router writes, in every prerendered page, a ``<link rel="modulepreload">`` for each
module the page hydrates with (React hoists them to the top of the head) and, at the end of the
body, the module script that imports them. The browser fetches all of them while it parses the
page, and on a fast connection runs the hydration before it first paints the page it already
has: Lighthouse's simulated phone then counts every one of them, about 180-210 KiB of
scripts, before the first paint (FCP 2.2-2.7 s, while the page and its stylesheet are 40 KiB).

:class:`ModulesAfterFirstPaintPlugin` (a Reflex ``post_build`` hook, before Reflex compresses
the files) parks them: the module script becomes an inert
``<script type="text/x-after-first-paint">`` carrying the preloads' URLs in its
``data-modulepreloads`` attribute, and the links go. ``components/modules_after_paint.js``,
inlined in every head, restores both in the task after the first paint. Hydration starts one
frame later than before and the page's text, links and layout are on screen before any script
is downloaded. The rewrite reads the HTML with the standard library's parser and refuses a page
whose scripts are not the ones React Router writes, so a new React Router fails the build
instead of serving pages that never hydrate.

``FSG_MODULES_BEFORE_PAINT=1`` builds the pages as React Router writes them (for comparisons).
"""

from __future__ import annotations

import dataclasses
import html
import json
import os
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import reflex as rx

PARKED_TYPE = "text/x-after-first-paint"
PRELOADS_ATTRIBUTE = "data-modulepreloads"


class FirstPaintRewriteError(RuntimeError):
    """A page's scripts are not what React Router writes; it would not hydrate if rewritten."""


@dataclasses.dataclass(frozen=True)
class _Tag:
    start: int  # offsets of the start tag's text in the page
    end: int
    attrs: dict[str, str | None]


class _PageTags(HTMLParser):
    """The page's modulepreload links and inline module scripts, with their offsets."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=False)
        # getpos() counts lines by "\n" alone (as HTMLParser does), columns from each start.
        self._line_starts = [0] + [i + 1 for i, char in enumerate(page) if char == "\n"]
        self.preloads: list[_Tag] = []
        self.module_scripts: list[_Tag] = []
        self.parked_scripts: list[_Tag] = []

    def _tag(self, attrs: list[tuple[str, str | None]]) -> _Tag:
        line, column = self.getpos()
        start = self._line_starts[line - 1] + column
        text = self.get_starttag_text() or ""
        return _Tag(start, start + len(text), dict(attrs))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "link" and found.get("rel") == "modulepreload":
            self.preloads.append(self._tag(attrs))
        elif tag == "script" and found.get("type") == "module" and "src" not in found:
            self.module_scripts.append(self._tag(attrs))
        elif tag == "script" and found.get("type") == PARKED_TYPE:
            self.parked_scripts.append(self._tag(attrs))

    handle_startendtag = handle_starttag


def _page_tags(page: str) -> _PageTags:
    tags = _PageTags(page)
    tags.feed(page)
    tags.close()
    return tags


def parked_preloads(page: str) -> list[str]:
    """The module URLs a rewritten page restores after its first paint, in order."""
    parked = _page_tags(page).parked_scripts
    if len(parked) != 1:
        return []
    return json.loads(parked[0].attrs.get(PRELOADS_ATTRIBUTE) or "[]")


def park_modules(page: str) -> str:
    """``page`` with its modules fetched after its first paint (unchanged if it has none)."""
    tags = _page_tags(page)
    if tags.parked_scripts:
        return page  # already rewritten
    if not tags.module_scripts and not tags.preloads:
        return page
    if len(tags.module_scripts) != 1:
        msg = f"expected React Router's one module script, found {len(tags.module_scripts)}"
        raise FirstPaintRewriteError(msg)
    (script,) = tags.module_scripts
    hrefs = []
    for link in tags.preloads:
        if set(link.attrs) != {"rel", "href"} or not link.attrs["href"]:
            msg = f"a modulepreload link with attributes this rewrite would drop: {link.attrs}"
            raise FirstPaintRewriteError(msg)
        hrefs.append(link.attrs["href"])
    preloads = html.escape(json.dumps(hrefs, separators=(",", ":")), quote=True)
    replacements = [(link.start, link.end, "") for link in tags.preloads]
    parked = f'<script type="{PARKED_TYPE}" {PRELOADS_ATTRIBUTE}="{preloads}">'
    replacements.append((script.start, script.end, parked))
    for start, end, text in sorted(replacements, reverse=True):
        page = page[:start] + text + page[end:]
    return page


def modules_before_paint_requested() -> bool:
    return os.environ.get("FSG_MODULES_BEFORE_PAINT") == "1"


def park_modules_in_build(static_dir: Path) -> int:
    """Rewrites every prerendered page under ``static_dir``; returns how many changed."""
    changed = 0
    for path in sorted(static_dir.rglob("*.html")):
        with path.open(encoding="utf-8", newline="") as file:  # byte for byte, no newline mapping
            page = file.read()
        try:
            rewritten = park_modules(page)
        except FirstPaintRewriteError as error:
            raise FirstPaintRewriteError(f"{path}: {error}") from None
        if rewritten != page:
            with path.open("w", encoding="utf-8", newline="") as file:
                file.write(rewritten)
            changed += 1
    return changed


@dataclasses.dataclass
class ModulesAfterFirstPaintPlugin(rx.plugins.Plugin):
    """Parks each prerendered page's modules until it has painted (see the module's note)."""

    def post_build(self, **context: Any) -> None:
        if modules_before_paint_requested():
            return
        changed = park_modules_in_build(Path(context["static_dir"]))
        print(f"[first_paint] {changed} pages fetch their modules after their first paint")
