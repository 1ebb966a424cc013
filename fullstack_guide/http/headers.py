"""Security and caching headers for every response the app serves (pages, assets, API).

The Content-Security-Policy is as strict as the built frontend allows. Scripts come from this
origin, and the inline scripts of a prerendered page are allowed by their sha256 hashes, which
are computed from that page's HTML as it is served (:mod:`.inline_scripts`), so no other inline
script runs. 'unsafe-eval' stays: Reflex's client evaluates the small scripts our handlers send
(toasts, clipboard, history updates) with ``eval``; those scripts are written in our code, never
built from user input. Inline styles stay allowed: React and Radix Themes set ``style``
attributes. Connections go only to this origin and its ``ws://`` / ``wss://`` form (the event
websocket). Framing is refused everywhere (clickjacking), and no referrer leaks the secret
share-page URLs.
"""

from __future__ import annotations

import gzip
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from fullstack_guide.http.cache_policy import cache_control
from fullstack_guide.http.inline_scripts import inline_script_hashes


def _websocket_form(origin: str) -> str:
    parts = urlsplit(origin)
    scheme = "wss" if parts.scheme == "https" else "ws"
    return f"{scheme}://{parts.netloc}"


def content_security_policy(
    origins: list[str] | None = None, script_hashes: tuple[str, ...] | None = None
) -> str:
    """The policy for a response: ``origins`` may be connected to, ``script_hashes`` may run.

    Without ``script_hashes`` (a server that cannot hash each page, like nginx serving the
    build) inline scripts are allowed by 'unsafe-inline'.
    """
    inline = " ".join(script_hashes) if script_hashes is not None else "'unsafe-inline'"
    connect = " ".join(
        ["'self'", *dict.fromkeys(f"{o} {_websocket_form(o)}" for o in origins or [])]
    )
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' {inline} 'unsafe-eval'".replace("  ", " "),
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            f"connect-src {connect}",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


OTHER_SECURITY_HEADERS: dict[str, str] = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "cross-origin-opener-policy": "same-origin",
}


def security_headers(origins: list[str] | None = None) -> dict[str, str]:
    """Every security header, with the CSP for a server that cannot hash each page's scripts."""
    return {"content-security-policy": content_security_policy(origins), **OTHER_SECURITY_HEADERS}


SECURITY_HEADERS = security_headers()


@cache
def _site_origins() -> list[str]:
    """The origins Reflex accepts for the event websocket and CORS (``rxconfig``)."""
    from reflex.config import get_config

    return [o for o in get_config().cors_allowed_origins if o != "*"]


def _header(message: Message, name: bytes) -> bytes:
    for key, value in message.get("headers", []):
        if key.lower() == name:
            return value
    return b""


_SIDECAR_SUFFIXES = (".gz", ".br", ".zst")  # Reflex's precompressed copies of each file


def _page_text(body: bytes, encoding: bytes) -> bytes | None:
    if not encoding or encoding == b"identity":
        return body
    if encoding == b"gzip":
        return gzip.decompress(body)
    return None  # an encoding we cannot read: fall back to 'unsafe-inline'


def _page_file_text(path: str) -> bytes | None:
    """The uncompressed page behind a file the server sends by path (ASGI ``pathsend``)."""
    for suffix in _SIDECAR_SUFFIXES:
        if path.endswith(suffix):
            path = path.removesuffix(suffix)  # the sidecar's uncompressed original
            break
    try:
        return Path(path).read_bytes()
    except OSError:
        return None


class ResponseHeadersMiddleware:
    """Pure ASGI middleware; it holds back only HTML bodies, to hash their inline scripts.

    Granian sends static files by path (``http.response.pathsend``): the page is then read from
    that path, or from the uncompressed original beside a ``.gz``/``.br`` copy.

    The event endpoint is a websocket and passes untouched. A 304 gets no CSP: the browser
    keeps the policy it stored with the page, which matches the page it reuses.
    """

    def __init__(self, app: ASGIApp, origins: list[str] | None = None) -> None:
        self.app = app
        self.origins = origins

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        origins = self.origins if self.origins is not None else _site_origins()
        start: Message | None = None
        page = bytearray()

        async def send_with_headers(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                if b"text/html" in _header(message, b"content-type") and message["status"] != 304:
                    start = message  # sent with the body, once its scripts are hashed
                    return
                await send(self._with_headers(scope, message, origins, None))
            elif start is not None and message["type"] == "http.response.pathsend":
                text = _page_file_text(message["path"])
                hashes = inline_script_hashes(text) if text is not None else None
                await send(self._with_headers(scope, start, origins, hashes))
                await send(message)
            elif start is not None and message["type"] == "http.response.body":
                page.extend(message.get("body", b""))
                if message.get("more_body", False):
                    return
                text = _page_text(bytes(page), _header(start, b"content-encoding"))
                hashes = inline_script_hashes(text) if text is not None else None
                await send(self._with_headers(scope, start, origins, hashes))
                await send({"type": "http.response.body", "body": bytes(page)})
            else:
                await send(message)

        await self.app(scope, receive, send_with_headers)

    @staticmethod
    def _with_headers(
        scope: Scope, message: Message, origins: list[str], hashes: tuple[str, ...] | None
    ) -> Message:
        present = {name.lower() for name, _ in message.get("headers", [])}
        wanted = {
            "content-security-policy": content_security_policy(origins, hashes),
            **OTHER_SECURITY_HEADERS,
            "cache-control": cache_control(scope["path"], message["status"]),
        }
        if message["status"] == 304:
            del wanted["content-security-policy"]
        extra = [
            (name.encode(), value.encode())
            for name, value in wanted.items()
            if name.encode() not in present
        ]
        return {**message, "headers": [*message.get("headers", []), *extra]}
