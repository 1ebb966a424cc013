"""Build the production frontend only when what it is built from has changed.

``make run`` (:mod:`scripts.serve`) and ``make cluster`` (:mod:`scripts.cluster.workers`) both
export the frontend with ``reflex export`` and keep a fingerprint of its inputs next to the
result: the app's sources and content, assets, ``rxconfig.py``, the pins, the Reflex and bun
versions and the origin the frontend is built to connect to. An unchanged fingerprint reuses
the build; any change rebuilds it, so a stale build is never served.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path

from fullstack_guide.build_inputs import (  # noqa: F401 (the build's inputs, shared)
    GENERATED_SOURCES,
    SOURCES_FOR_BUILD,
    add_sources_to_digest,
    source_files,
)

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
BUN_BIN = ROOT / ".tools" / "node_modules" / ".bin"

# Environment settings that change the exported files.
BUILD_ENV = (
    "REFLEX_API_URL",
    "REFLEX_DEPLOY_URL",
    "REFLEX_FRONTEND_PATH",
    "REFLEX_FRONTEND_COMPRESSION_FORMATS",
    "REFLEX_SSR",
    "REFLEX_FRONTEND_LAZY_BUNDLED_LIBRARIES",
    "FSG_RADIX_CSS",  # the whole Radix Themes sheet or only the used colours (radix_css.py)
    "FSG_MODULES_BEFORE_PAINT",  # pages as React Router writes them (first_paint.py)
)
EXPORT_ATTEMPTS = 5
PRERENDER_TIMEOUT = "Prerender: Request failed"
EXPORT_COMMAND = [str(BIN / "reflex"), "export", "--frontend-only", "--no-zip", "--env", "prod"]
# The second half of EXPORT_COMMAND alone (Reflex's own ``build.build``): the pages compiled by
# a failed export stay in the build workspace, so a retry need not compile them again.
FRONTEND_BUILD_COMMAND = [
    str(BIN / "python"),
    "-c",
    "from reflex_base import constants; from reflex_base.environment import environment; "
    "environment.REFLEX_ENV_MODE.set(constants.Env.PROD); "
    "from reflex.utils import build; build.setup_frontend_prod(None)",
]
STAMP_NAME = "fsg-build.fingerprint"
REUSED_MESSAGE = "build unchanged: reusing it"


class BuildError(RuntimeError):
    """The frontend export failed (not a prerender timeout worth another attempt)."""


def _tool_versions() -> str:
    versions = [f"reflex {metadata.version('reflex')}"]
    bun = BUN_BIN / "bun"
    if bun.exists():
        result = subprocess.run([str(bun), "--version"], capture_output=True, text=True)
        versions.append(f"bun {result.stdout.strip()}")
    return " ".join(versions)


def build_fingerprint(
    origin: str,
    *,
    app_dir: Path = ROOT,
    sources: Iterable[str] = SOURCES_FOR_BUILD,
    env: dict[str, str] | None = None,
) -> str:
    """A digest of everything the exported frontend for ``origin`` is built from."""
    env = os.environ if env is None else env
    settings = " ".join(f"{name}={env.get(name, '')}" for name in BUILD_ENV)
    digest = hashlib.sha256(f"{origin} {settings} {_tool_versions()}".encode())
    add_sources_to_digest(digest, app_dir, sources)
    return digest.hexdigest()


def is_current(stamp: Path, fingerprint: str, built: Path) -> bool:
    """Whether ``built`` exists and was made from inputs with this ``fingerprint``."""
    return built.is_dir() and stamp.is_file() and stamp.read_text().strip() == fingerprint


def export_with_retries(
    run: Callable[[list[str]], object], log: Callable[[str], None] = print
) -> None:
    """``run(EXPORT_COMMAND)`` (it raises on failure), then its build step again on a timeout.

    React Router's prerender gives each page 10 s, once: a loaded machine can miss that on
    the first page. Only that failure is tried again (``run(FRONTEND_BUILD_COMMAND)``, up to
    :data:`EXPORT_ATTEMPTS` attempts in all); any other is raised at once.
    """
    for attempt in range(1, EXPORT_ATTEMPTS + 1):
        try:
            run(EXPORT_COMMAND if attempt == 1 else FRONTEND_BUILD_COMMAND)
            return
        except Exception as failed:
            if attempt == EXPORT_ATTEMPTS or PRERENDER_TIMEOUT not in str(failed):
                raise
            log(f"the prerender timed out (attempt {attempt}); building the frontend again")
