"""HTTP security headers for every response the app serves (pages, assets, API).

The Content-Security-Policy is as strict as the built frontend allows: scripts and
connections only from this origin (the event websocket included); inline scripts and
styles are needed by the prerendered React Router pages and Radix Themes, and Reflex's
client evaluates the small scripts our handlers send (toasts, clipboard, history updates),
which needs 'unsafe-eval'. Those scripts are written in our code, never built from user
input. Framing is refused everywhere (clickjacking), and no referrer leaks the secret
share-page URLs. Each response also gets its Cache-Control from :mod:`fullstack_guide.caching`.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from fullstack_guide.caching import cache_control

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self' ws: wss:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

SECURITY_HEADERS: dict[str, str] = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "cross-origin-opener-policy": "same-origin",
}


class SecurityHeadersMiddleware:
    """Pure ASGI middleware (it must not buffer: the event endpoint is a websocket)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                wanted = {
                    **SECURITY_HEADERS,
                    "cache-control": cache_control(scope["path"], message["status"]),
                }
                extra = [
                    (name.encode(), value.encode())
                    for name, value in wanted.items()
                    if name.encode() not in present
                ]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)
