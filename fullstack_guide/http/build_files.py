"""Where the production build's pages are: the folder Reflex's frontend mount serves."""

from __future__ import annotations

from pathlib import Path


def static_dir() -> Path:
    """``.web/build/client`` (or ``REFLEX_WEB_WORKDIR``'s), under the configured frontend path."""
    from reflex.config import get_config
    from reflex.utils import prerequisites
    from reflex_base import constants

    static = prerequisites.get_web_dir() / constants.Dirs.STATIC
    return static / get_config().frontend_path.strip("/")
