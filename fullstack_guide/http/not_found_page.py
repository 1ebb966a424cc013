"""Serve the app's own 404 page where the static server would answer a bare "Not Found".

Starlette's static files answer paths that cannot be files at all (a NUL byte, a name
longer than the filesystem allows) with plain text before the app's 404.html fallback is
consulted. Browsers asking for a page get the real 404 page instead, still with status 404.
"""

from __future__ import annotations

from functools import cache

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from fullstack_guide.http.build_files import static_dir


@cache
def _not_found_html() -> bytes | None:
    page = static_dir() / "404.html"
    return page.read_bytes() if page.is_file() else None


class NotFoundPageMiddleware:
    """Swap a plain-text 404 for the HTML 404 page on browser GET requests."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") != "GET":
            await self.app(scope, receive, send)
            return
        accept = dict(scope.get("headers", [])).get(b"accept", b"")
        if b"text/html" not in accept:
            await self.app(scope, receive, send)
            return
        replacing = False

        async def send_page(message: Message) -> None:
            nonlocal replacing
            if message["type"] == "http.response.start" and message["status"] == 404:
                types = [v for k, v in message.get("headers", []) if k.lower() == b"content-type"]
                page = _not_found_html()
                if page is not None and all(b"text/plain" in t for t in types):
                    replacing = True
                    await send(
                        {
                            "type": "http.response.start",
                            "status": 404,
                            "headers": [
                                (b"content-type", b"text/html; charset=utf-8"),
                                (b"content-length", str(len(page)).encode()),
                            ],
                        }
                    )
                    await send({"type": "http.response.body", "body": page})
                    return
            if replacing:
                return  # drop the plain-text body
            await send(message)

        await self.app(scope, receive, send_page)
