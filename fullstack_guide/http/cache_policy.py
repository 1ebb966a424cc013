"""How long browsers may keep what the app serves.

The frontend build names every script, stylesheet and font in ``/assets/`` after a hash of
its content, so such a file never changes: browsers keep it for a year without asking again
(repeat visits then load no script at all). Pages and everything else must be revalidated, so
a new deploy shows at once and never points at assets that are gone.
"""

from __future__ import annotations

import re

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"

# Vite's output names: ``name-<8 URL-safe hash characters>.ext`` (plus .gz/.br variants).
_HASHED_ASSET = re.compile(r"/assets/[^/]+-[A-Za-z0-9_-]{8}\.[A-Za-z0-9]+")


def cache_control(path: str, status: int) -> str:
    """The Cache-Control value for a response to ``path`` with this status."""
    if status == 200 and _HASHED_ASSET.fullmatch(path):
        return IMMUTABLE
    return REVALIDATE
