"""Only the site's own pages may open the event websocket or call the backend (CORS)."""

from __future__ import annotations

import asyncio

import aiohttp
import pytest

FOREIGN_ORIGIN = "https://evil.example"


async def _websocket_handshake(url: str, origin: str) -> int:
    """Open Reflex's event websocket as a page from ``origin`` would; the HTTP status."""
    ws_url = url.replace("http://", "ws://") + "/_event/?EIO=4&transport=websocket"
    async with aiohttp.ClientSession() as session:
        try:
            async with session.ws_connect(
                ws_url, origin=origin, timeout=aiohttp.ClientWSTimeout(ws_close=10)
            ):
                return 101
        except aiohttp.WSServerHandshakeError as refused:
            return refused.status


@pytest.mark.parametrize(("origin", "accepted"), [("site", True), (FOREIGN_ORIGIN, False)])
def test_event_websocket_accepts_only_the_sites_origin(app_server, origin, accepted):
    status = asyncio.run(
        _websocket_handshake(app_server.url, app_server.url if origin == "site" else origin)
    )
    assert status == (101 if accepted else 400), f"handshake from {origin} answered {status}"


def test_backend_routes_do_not_grant_foreign_origins(app_server):
    async def preflight(origin: str) -> dict[str, str]:
        async with (
            aiohttp.ClientSession() as session,
            session.options(
                f"{app_server.url}/_upload",
                headers={"Origin": origin, "Access-Control-Request-Method": "POST"},
            ) as response,
        ):
            return dict(response.headers)

    foreign = asyncio.run(preflight(FOREIGN_ORIGIN))
    assert foreign.get("Access-Control-Allow-Origin") not in ("*", FOREIGN_ORIGIN)
    own = asyncio.run(preflight(app_server.url))
    assert own.get("Access-Control-Allow-Origin") == app_server.url
