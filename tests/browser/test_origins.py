"""Only the site's own pages may open the event websocket or call the backend (CORS)."""

from __future__ import annotations

import base64
import http.client
import secrets
from urllib.parse import urlsplit

import pytest

FOREIGN_ORIGIN = "https://evil.example"


def _request(url: str, method: str, path: str, headers: dict[str, str]) -> http.client.HTTPResponse:
    address = urlsplit(url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
    connection.request(method, path, headers=headers)
    return connection.getresponse()


def _websocket_handshake(url: str, origin: str) -> int:
    """Open Reflex's event websocket as a page from ``origin`` would; the HTTP status."""
    response = _request(
        url,
        "GET",
        "/_event/?EIO=4&transport=websocket",
        {
            "Origin": origin,
            "Upgrade": "websocket",
            "Connection": "Upgrade",
            "Sec-WebSocket-Key": base64.b64encode(secrets.token_bytes(16)).decode(),
            "Sec-WebSocket-Version": "13",
        },
    )
    return response.status


@pytest.mark.parametrize(("origin", "accepted"), [("site", True), (FOREIGN_ORIGIN, False)])
def test_event_websocket_accepts_only_the_sites_origin(app_server, origin, accepted):
    status = _websocket_handshake(app_server.url, app_server.url if origin == "site" else origin)
    assert status == (101 if accepted else 403), f"handshake from {origin} answered {status}"


def test_backend_routes_do_not_grant_foreign_origins(app_server):
    def preflight(origin: str) -> str | None:
        response = _request(
            app_server.url,
            "OPTIONS",
            "/_upload",
            {"Origin": origin, "Access-Control-Request-Method": "POST"},
        )
        return response.getheader("Access-Control-Allow-Origin")

    assert preflight(FOREIGN_ORIGIN) not in ("*", FOREIGN_ORIGIN)
    assert preflight(app_server.url) == app_server.url
