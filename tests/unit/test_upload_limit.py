"""Upload bodies over the import limit are refused with 413 before the app reads them."""

from __future__ import annotations

import asyncio

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from fullstack_guide.http.upload_limit import UploadSizeLimitMiddleware, upload_body_limit
from fullstack_guide.services import transfer

LIMIT = 1000


def _app(seen: list[int]) -> Starlette:
    async def upload(request: Request):
        body = await request.body()
        seen.append(len(body))
        return PlainTextResponse(f"read {len(body)}")

    return Starlette(routes=[Route("/_upload", upload, methods=["POST"])])


def test_the_limit_is_the_import_limit_plus_framing():
    assert upload_body_limit() == transfer.MAX_IMPORT_BYTES + 64 * 1024


def test_the_limit_follows_the_import_constant(monkeypatch):
    monkeypatch.setattr(transfer, "MAX_IMPORT_BYTES", 5_000_000)
    assert upload_body_limit() == 5_000_000 + 64 * 1024


def test_a_declared_length_over_the_limit_is_refused_unread():
    seen: list[int] = []
    client = TestClient(UploadSizeLimitMiddleware(_app(seen), limit=LIMIT))
    response = client.post("/_upload", content=b"x" * (LIMIT + 1))
    assert response.status_code == 413
    assert "too large" in response.json()["detail"]
    assert seen == []


def test_a_declared_length_within_the_limit_reaches_the_app():
    seen: list[int] = []
    client = TestClient(UploadSizeLimitMiddleware(_app(seen), limit=LIMIT))
    response = client.post("/_upload", content=b"x" * LIMIT)
    assert response.status_code == 200 and response.text == f"read {LIMIT}"


def _chunked(total: int, chunk: int = 100):
    sent = 0
    while sent < total:
        size = min(chunk, total - sent)
        sent += size
        yield b"x" * size


def test_a_body_without_length_is_counted_and_cut_off_at_the_limit():
    seen: list[int] = []
    client = TestClient(UploadSizeLimitMiddleware(_app(seen), limit=LIMIT))
    response = client.post("/_upload", content=_chunked(50 * LIMIT))
    assert response.status_code == 413
    assert seen == []  # the app never got a whole body to work on


def test_a_body_without_length_within_the_limit_reaches_the_app():
    seen: list[int] = []
    client = TestClient(UploadSizeLimitMiddleware(_app(seen), limit=LIMIT))
    response = client.post("/_upload", content=_chunked(LIMIT))
    assert response.status_code == 200 and seen == [LIMIT]


def test_the_stream_stops_being_read_at_the_limit():
    """Driven by hand: no more messages are pulled from the client past the limit."""
    messages = [{"type": "http.request", "body": b"x" * 400, "more_body": True} for _ in range(100)]
    pulled = 0

    async def receive():
        nonlocal pulled
        pulled += 1
        return messages[pulled - 1]

    sent: list[dict] = []

    async def send(message):
        sent.append(message)

    scope = {
        "type": "http",
        "method": "POST",
        "path": "/_upload",
        "headers": [],
        "query_string": b"",
    }
    app = UploadSizeLimitMiddleware(_app([]), limit=LIMIT)
    asyncio.run(app(scope, receive, send))
    assert sent[0]["status"] == 413
    assert pulled == 3  # 1200 bytes > 1000: the rest is never read


def test_other_paths_are_not_limited():
    async def echo(request: Request):
        return PlainTextResponse(str(len(await request.body())))

    app = Starlette(routes=[Route("/other", echo, methods=["POST"])])
    client = TestClient(UploadSizeLimitMiddleware(app, limit=LIMIT))
    assert client.post("/other", content=b"x" * (LIMIT + 1)).status_code == 200


def test_a_multipart_upload_without_length_is_cut_off_while_parsing():
    """Starlette's form parser (what Reflex's upload handler uses) stops at the limit."""

    async def upload(request: Request):
        form = await request.form()
        return PlainTextResponse(f"parsed {len(form)}")

    app = Starlette(routes=[Route("/_upload", upload, methods=["POST"])])
    head = (
        b'--fsg\r\nContent-Disposition: form-data; name="files"; filename="big.json"\r\n'
        b"Content-Type: application/json\r\n\r\n"
    )

    def body():
        yield head
        yield from _chunked(20 * LIMIT)
        yield b"\r\n--fsg--\r\n"

    client = TestClient(UploadSizeLimitMiddleware(app, limit=LIMIT))
    response = client.post(
        "/_upload", content=body(), headers={"content-type": "multipart/form-data; boundary=fsg"}
    )
    assert response.status_code == 413
