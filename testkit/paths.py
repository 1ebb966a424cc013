"""Where the checkout, its tools and the shared source documents are."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
BUN_BIN = ROOT / ".tools" / "node_modules" / ".bin"
AXE = ROOT / ".tools" / "node_modules" / "axe-core" / "axe.min.js"
SEEDS = ROOT.parent / "shared" / "seeds"
REFERENCE = ROOT.parent / "shared" / "reference"
BARE_APP = ROOT / "benchmarks" / "bare_app"
