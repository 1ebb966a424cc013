"""A learner's note shown as Markdown, with its code loaded only when a note is shown.

``rx.markdown`` imports react-markdown, its plugins and the code highlighter with the page, so
every item page preloaded them (about 52 KiB brotli) for a preview that starts hidden behind its
tab. ``note_markdown.js`` renders the same thing (rx.markdown's base component map: Radix
typography, lists, highlighted code; no raw HTML, math or KaTeX), and this component imports it
lazily: the browser fetches it when the preview first shows.
"""

from __future__ import annotations

import reflex as rx

_SOURCE = rx.asset("note_markdown.js", shared=True)


class NoteMarkdown(rx.NoSSRComponent):
    """``note_markdown.js``'s default export, imported when first rendered."""

    library = _SOURCE.importable_path
    tag = "NoteMarkdown"
    is_default = True
    # What the module imports (rx.markdown would install them; nothing else here does).
    lib_dependencies: list[str] = [
        "react-markdown@10.1.0",
        "remark-gfm@4.0.1",
        "rehype-unwrap-images@1.0.0",
        "react-syntax-highlighter@16.1.2",
    ]

    source: rx.Var[str]


def note_markdown(source: rx.Var[str] | str) -> rx.Component:
    """``source`` rendered as Markdown (an empty string renders nothing)."""
    return NoteMarkdown.create(source=source)
