"""Refuse upload bodies larger than the largest legitimate import before they are read.

Reflex's ``/_upload`` handler parses the whole multipart body (spooling big files to disk)
before our handler sees the file, so a 50 MB POST would be read in full. This middleware
answers 413 when the declared Content-Length is over the limit, and when there is none
(chunked), counts the bytes as they stream in and cuts the request off at the limit: the app
is told the client went away and the 413 is sent instead of whatever it answers.
"""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

UPLOAD_PATH = "/_upload"
MULTIPART_FRAMING_BYTES = 64 * 1024  # boundaries, part headers, the form's other fields
TOO_LARGE_BODY = json.dumps(
    {"detail": "The file is too large to import. Choose a JSON export from this guide."}
).encode()


def upload_body_limit() -> int:
    """The most bytes an upload request may carry: the import limit plus multipart framing.

    The single server's middleware and the cluster's nginx (``client_max_body_size``) both
    use this, so the two refuse the same bodies.
    """
    from fullstack_guide.services.transfer import MAX_IMPORT_BYTES

    return MAX_IMPORT_BYTES + MULTIPART_FRAMING_BYTES


def _declared_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name.lower() == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _refuse(send: Send) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(TOO_LARGE_BODY)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": TOO_LARGE_BODY})


class UploadSizeLimitMiddleware:
    """413 for ``/_upload`` bodies over :func:`upload_body_limit`, without reading the rest."""

    def __init__(self, app: ASGIApp, limit: int | None = None) -> None:
        self.app = app
        self.limit = upload_body_limit() if limit is None else limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(UPLOAD_PATH):
            await self.app(scope, receive, send)
            return
        declared = _declared_length(scope)
        if declared is not None:
            if declared > self.limit:
                await _refuse(send)
            else:
                await self.app(scope, receive, send)
            return
        await self._counted(scope, receive, send)

    async def _counted(self, scope: Scope, receive: Receive, send: Send) -> None:
        """No declared length: count streamed bytes and stop at the limit."""
        received = 0
        over = False
        started = False

        async def counting_receive() -> Message:
            nonlocal received, over
            if over:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    over = True
                    return {"type": "http.disconnect"}  # the app stops reading here
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if over:
                return  # the app's own answer to the "disconnect" is replaced by the 413
            started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except Exception:
            if not over:
                raise
        if over and not started:
            await _refuse(send)
