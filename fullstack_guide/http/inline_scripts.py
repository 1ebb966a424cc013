"""The CSP hashes of a page's inline scripts, so ``script-src`` needs no 'unsafe-inline'.

Each prerendered page carries its own inline scripts (the theme switch, React Router's context
and the import of that page's route module), so the hashes are computed per page from the HTML
actually served, with the stdlib HTML parser.
"""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache
from html.parser import HTMLParser


class _InlineScripts(HTMLParser):
    """Collects the text of every ``<script>`` without a ``src``, exactly as written."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)  # the browser hashes the raw text
        self.scripts: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script" and not dict(attrs).get("src"):
            self._current = []

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._current is not None:
            self.scripts.append("".join(self._current))
            self._current = None


def inline_scripts(html: str) -> list[str]:
    """The source text of each inline script in ``html``, in document order."""
    parser = _InlineScripts()
    parser.feed(html)
    parser.close()
    return parser.scripts


@lru_cache(maxsize=1024)  # one entry per prerendered page (about 400 files)
def inline_script_hashes(html: bytes) -> tuple[str, ...]:
    """CSP source expressions (``'sha256-…'``) for the inline scripts of this UTF-8 page."""
    hashes = []
    for script in inline_scripts(html.decode("utf-8", errors="replace")):
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        if (source := f"'sha256-{digest}'") not in hashes:
            hashes.append(source)
    return tuple(hashes)
