"""The app's HTTP edge on the single server: one place for what wraps every request.

- :mod:`.headers`: security headers (CSP with per-page script hashes) and Cache-Control.
- :mod:`.cache_policy`: how long browsers keep each response.
- :mod:`.upload_limit`: 413 for upload bodies over the import limit, before they are read.
- :mod:`.slashless_pages`: ``/builder`` answers 200 itself instead of redirecting to ``/builder/``.
- :mod:`.not_found_page`: the HTML 404 page where the static files would answer plain text.
- :mod:`.refused_origins`: a log line saying why the event websocket refused a page's origin.

``make cluster``'s nginx serves the build itself and imports the constants it shares from here.
"""

from __future__ import annotations

from fullstack_guide.http.headers import ResponseHeadersMiddleware
from fullstack_guide.http.not_found_page import NotFoundPageMiddleware
from fullstack_guide.http.refused_origins import RefusedOriginLogMiddleware
from fullstack_guide.http.slashless_pages import SlashlessPagesMiddleware
from fullstack_guide.http.upload_limit import UploadSizeLimitMiddleware

# For ``rx.App(api_transformer=...)``, innermost first: the 404 page and the slash-less page
# URLs next to the static files, the upload limit before anything reads a body, the refused
# origins' log, and the headers outermost so that every response (413s and 404s included)
# carries them.
EDGE_MIDDLEWARES = (
    NotFoundPageMiddleware,
    SlashlessPagesMiddleware,
    UploadSizeLimitMiddleware,
    RefusedOriginLogMiddleware,
    ResponseHeadersMiddleware,
)
