"""A learner's note rendered from Markdown, with code blocks as plain ``<pre><code>``.

``rx.markdown`` draws fenced code with react-syntax-highlighter and its Prism themes, a 51 KiB
(brotli) chunk that every checklist item page preloaded before its first paint for a preview
tab that is closed on load (issue 11). A note's code is short; monospace without colours
reads as well. Raw HTML, maths and KaTeX stay off: a note is untrusted text.
"""

from __future__ import annotations

import reflex as rx


def _code_block(code: rx.Var, **_language) -> rx.Component:
    return rx.el.pre(rx.el.code(code))


def note_markdown(text: rx.Var[str]) -> rx.Component:
    return rx.markdown(
        text,
        use_raw=False,
        use_math=False,
        use_katex=False,
        component_map={"pre": _code_block},
    )
