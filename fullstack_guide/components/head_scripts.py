"""Scripts every page runs as its head is parsed: the modules' start after the first paint
(``modules_after_paint.js``, see ``first_paint.py``), keyboard shortcuts and the notes' draft
keeper.

The last two only add listeners to ``document`` and ``window`` (``shortcuts.js``, ``note_drafts.js``
beside this file), so they run before the learner can type. They are written into each
prerendered page's head instead of being fetched: as ``<script src defer>`` they were two more
requests while the page loads, and Lighthouse's simulated phone queued them behind the page's
modules, which put its largest paint about 0.15 s after its first paint on most pages (issue
11). The Content-Security-Policy allows them by their hashes, computed from each page as it is
served (``http/inline_scripts.py``); nginx's policy allows inline scripts.
"""

from __future__ import annotations

from pathlib import Path

import reflex as rx

_HERE = Path(__file__).parent
HEAD_SCRIPTS = ("modules_after_paint.js", "shortcuts.js", "note_drafts.js")


def inline_script(name: str) -> rx.Component:
    """A ``<script>`` whose inner HTML is ``name``'s source, unescaped, as the file has it."""
    source = (_HERE / name).read_text(encoding="utf-8")
    if "</script" in source.lower():
        msg = f"{name} would end its own <script> element early"
        raise ValueError(msg)
    return rx.el.script(custom_attrs={"dangerouslySetInnerHTML": {"__html": source}})


def head_scripts() -> list[rx.Component]:
    """The page head's inline scripts, in the order they run."""
    return [inline_script(name) for name in HEAD_SCRIPTS]
