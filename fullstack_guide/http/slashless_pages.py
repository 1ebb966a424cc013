"""Serve ``/builder`` itself, not a 307 to ``/builder/``.

The build writes each page as ``<route>/index.html``, and Starlette's static files (Reflex's
frontend mount, ``html=True``) answer a directory URL without its trailing slash with a
redirect. Every link, share and sitemap entry uses the slash-less form, so each first visit
paid a round trip. Requests for such a page are handed to the static files as the directory
form, which they serve directly; the browser's URL stays as it was.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from starlette.types import ASGIApp, Receive, Scope, Send

from fullstack_guide.http.build_files import static_dir


def page_directories(root: Path) -> frozenset[str]:
    """URL paths (no trailing slash) of the build's directories holding an ``index.html``."""
    found = set()
    for directory, _, files in os.walk(root):
        relative = Path(directory).relative_to(root).as_posix()
        if "index.html" in files and relative != ".":
            found.add("/" + relative)
    return frozenset(found)


@cache
def _built_pages() -> frozenset[str]:
    return page_directories(static_dir())


class SlashlessPagesMiddleware:
    """Rewrite ``GET /a/b`` to ``/a/b/`` when ``a/b/index.html`` was built."""

    def __init__(self, app: ASGIApp, pages: frozenset[str] | None = None) -> None:
        self.app = app
        self.pages = pages

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("method") in ("GET", "HEAD"):
            pages = self.pages if self.pages is not None else _built_pages()
            if scope["path"] in pages:
                path = scope["path"] + "/"
                scope = {**scope, "path": path, "raw_path": path.encode()}
        await self.app(scope, receive, send)
