"""A refused event-websocket origin is logged with its cause; the request goes on untouched."""

from __future__ import annotations

import asyncio
import logging

from fullstack_guide.http import EDGE_MIDDLEWARES
from fullstack_guide.http.refused_origins import (
    LOG_INTERVAL_S,
    RefusedOriginLogMiddleware,
    refusal_cause,
)

SITE = ("http://localhost:3400", "http://127.0.0.1:3400")
LOGGER = "fullstack_guide.http.refused_origins"


def _call(middleware, origin: str | None, path: str = "/_event/", kind: str = "websocket"):
    headers = [(b"origin", origin.encode())] if origin is not None else []
    scope = {"type": kind, "path": path, "headers": headers}
    asyncio.run(middleware(scope, None, None))


def _passed_on():
    calls = []

    async def app(scope, receive, send):
        calls.append(scope["path"])

    return app, calls


def test_a_foreign_origin_is_logged_with_the_accepted_list_and_passed_on(caplog):
    app, calls = _passed_on()
    middleware = RefusedOriginLogMiddleware(app, origins=SITE)
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        _call(middleware, "http://[::1]:3400")
    assert calls == ["/_event/"]  # Reflex still answers (and refuses) it
    (line,) = [r.getMessage() for r in caplog.records if r.name == LOGGER]
    assert "Refused the event websocket from origin http://[::1]:3400" in line
    assert "not one of the accepted origins (http://localhost:3400, http://127.0.0.1:3400)" in line
    assert "REFLEX_CORS_ALLOWED_ORIGINS" in line


def test_accepted_missing_and_other_paths_log_nothing(caplog):
    app, calls = _passed_on()
    middleware = RefusedOriginLogMiddleware(app, origins=SITE)
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        _call(middleware, "http://127.0.0.1:3400")
        _call(middleware, None)
        _call(middleware, "https://evil.example", path="/ping", kind="http")
    assert len(calls) == 3
    assert not [r for r in caplog.records if r.name == LOGGER]


def test_a_retrying_page_is_logged_once_a_minute(caplog):
    now = [0.0]
    app, _ = _passed_on()
    middleware = RefusedOriginLogMiddleware(app, origins=SITE, clock=lambda: now[0])
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        for _ in range(5):
            _call(middleware, "https://evil.example")
        now[0] += LOG_INTERVAL_S
        _call(middleware, "https://evil.example")
    assert len([r for r in caplog.records if r.name == LOGGER]) == 2


def test_the_cause_matches_socketio_rules():
    assert refusal_cause("", SITE) is None  # no Origin header: Socket.IO accepts it too
    assert refusal_cause("https://evil.example", ("*",)) is None
    assert "(none)" in refusal_cause("https://evil.example", ())


def test_the_app_wraps_every_request_in_it():
    assert RefusedOriginLogMiddleware in EDGE_MIDDLEWARES
