"""Log why the event websocket refuses a page's origin; the refusal itself stays Reflex's.

Reflex's Socket.IO server answers a handshake from an origin outside
``cors_allowed_origins`` with an error and logs nothing we can see, so "the page loads but
nothing saves" left no trace on the server. This middleware, in front of the event endpoint,
makes the same comparison Socket.IO makes and logs the refused origin with the accepted list
and the settings that extend it. It never answers a request itself. In ``make cluster`` the
workers run the same app behind nginx (which passes the Origin header on), so a refusal
there is logged in the worker's log.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from functools import cache

from starlette.types import ASGIApp, Receive, Scope, Send

logger = logging.getLogger(__name__)

LOG_INTERVAL_S = 60.0  # one line per origin per minute: a page retrying does not flood the log
REMEMBERED_ORIGINS = 256  # how many origins' last log time is kept


@cache
def event_path() -> str:
    from reflex import constants
    from reflex.config import get_config

    return get_config().prepend_backend_path(str(constants.Endpoint.EVENT))


@cache
def accepted_origins() -> tuple[str, ...]:
    """The origins Reflex's Socket.IO server accepts (``rxconfig.allowed_origins``)."""
    from reflex.config import get_config

    return tuple(get_config().cors_allowed_origins)


def refusal_cause(origin: str, accepted: tuple[str, ...]) -> str | None:
    """Why Socket.IO refuses ``origin`` (None when it accepts it), as a log line says it."""
    if not origin or "*" in accepted or origin in accepted:
        return None
    listed = ", ".join(accepted) or "none"
    return (
        f"it is not one of the accepted origins ({listed}); "
        "set REFLEX_DEPLOY_URL or REFLEX_CORS_ALLOWED_ORIGINS to accept it"
    )


def _origin(scope: Scope) -> str:
    for name, value in scope.get("headers", []):
        if name.lower() == b"origin":
            return value.decode("latin-1")
    return ""


class RefusedOriginLogMiddleware:
    """Pure ASGI: logs a refused Origin on the event endpoint, then passes the request on."""

    def __init__(
        self,
        app: ASGIApp,
        origins: tuple[str, ...] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.app = app
        self.origins = origins
        self.clock = clock
        self._logged_at: dict[str, float] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket") and scope["path"].startswith(event_path()):
            origin = _origin(scope)
            accepted = self.origins if self.origins is not None else accepted_origins()
            cause = refusal_cause(origin, accepted)
            if cause is not None and self._due(origin):
                logger.warning(
                    "Refused the event websocket from origin %s: %s", origin[:200], cause
                )
        await self.app(scope, receive, send)

    def _due(self, origin: str) -> bool:
        now = self.clock()
        last = self._logged_at.get(origin)
        if last is not None and now - last < LOG_INTERVAL_S:
            return False
        if len(self._logged_at) >= REMEMBERED_ORIGINS:
            self._logged_at.clear()
        self._logged_at[origin] = now
        return True
