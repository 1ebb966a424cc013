"""What the production frontend is built from: the files whose change must change the build.

Shared by ``make run``'s build reuse (``scripts/build_cache.py``) and the stylesheet trimmer's
build stamp (``fullstack_guide/css_purge.py``), so both see the same inputs.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

# Relative to the app's folder. ``fullstack_guide/`` holds the pages and the content files
# (``fullstack_guide/content/data``).
SOURCES_FOR_BUILD = ("fullstack_guide", "assets", "rxconfig.py", "requirements.txt")
# Written by Reflex, not by us: importing the app copies each shared asset
# (``rx.asset(..., shared=True)``, e.g. ``components/state_slice.js``) to ``assets/external/``.
# The originals are fingerprinted under the package; counting the copies as well made the
# second ``make run`` after a fresh clone rebuild, since the first had created them.
GENERATED_SOURCES = ("assets/external",)


def source_files(app_dir: Path, sources: Iterable[str]) -> list[Path]:
    """Every file of ``sources`` under ``app_dir``, in a stable order, caches and the copies
    Reflex makes (:data:`GENERATED_SOURCES`) left out."""
    generated = [app_dir / name for name in GENERATED_SOURCES]
    files: list[Path] = []
    for name in sources:
        base = app_dir / name
        if base.is_dir():
            found = (p for p in base.rglob("*") if p.is_file())
            files.extend(
                sorted(
                    p
                    for p in found
                    if "__pycache__" not in p.parts
                    and not any(p.is_relative_to(g) for g in generated)
                )
            )
        elif base.is_file():
            files.append(base)
    return files


def add_sources_to_digest(
    digest: hashlib._Hash, app_dir: Path, sources: Iterable[str] = SOURCES_FOR_BUILD
) -> None:
    """Feed each source file's path and content hash to ``digest``."""
    for file in source_files(app_dir, sources):
        digest.update(str(file.relative_to(app_dir)).encode() + b"\0")
        digest.update(hashlib.sha256(file.read_bytes()).digest())
