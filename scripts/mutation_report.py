"""Summarise a mutmut run (``make mutate``): the score per module and every surviving mutant.

mutmut keeps each mutant's pytest exit code in ``mutants/<module>.py.meta``; its own
``status_by_exit_code`` names them. A survivor listed in README.md's "Mutation testing"
section (a line starting with the mutant's name in backticks) is equivalent: no test can
tell it from the original. The report fails (exit 1) when the score is under the bar or a
survivor is neither killed nor listed there.

Usage: python -m scripts.mutation_report [--min-score 90] [--markdown] [PATTERN ...]
(PATTERN: fnmatch patterns on mutant names, as given to ``mutmut run``; ``--markdown``
prints the per-module table README.md shows instead).
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import re
import sys
from collections import Counter
from pathlib import Path

from mutmut.stats import status_by_exit_code

ROOT = Path(__file__).resolve().parent.parent
KILLED = {"killed", "timeout", "caught by type check"}
SURVIVED = {"survived", "no tests", "suspicious", "segfault"}
_EQUIVALENT_LINE = re.compile(r"^\s*[-*]\s+`([\w.]+__mutmut_\d+)`")


def equivalent_mutants(readme: Path = ROOT / "README.md") -> set[str]:
    """Mutant names that README.md's "Mutation testing" section lists as equivalent."""
    if not readme.exists():
        return set()
    text = readme.read_text(encoding="utf-8")
    start = text.find("## Mutation testing")
    if start < 0:
        return set()
    end = text.find("\n## ", start + 1)
    section = text[start : end if end > 0 else len(text)]
    return {m.group(1) for line in section.splitlines() if (m := _EQUIVALENT_LINE.match(line))}


def mutant_statuses(mutants_dir: Path) -> dict[str, str]:
    """Every mutant's status by name, from mutmut's ``.meta`` files."""
    statuses: dict[str, str] = {}
    for meta in sorted(mutants_dir.rglob("*.py.meta")):
        exit_codes = json.loads(meta.read_text(encoding="utf-8")).get("exit_code_by_key", {})
        statuses |= {name: status_by_exit_code[code] for name, code in exit_codes.items()}
    return statuses


def module_of(mutant: str) -> str:
    """The module a mutant is in: ``pkg.mod.x_rank__mutmut_3`` -> ``pkg.mod``."""
    return mutant.split("__mutmut_")[0].rsplit(".", 1)[0]


def _checked(statuses: dict[str, str]) -> dict[str, str]:
    """The mutants with a verdict (killed, timed out or survived)."""
    return {n: s for n, s in statuses.items() if s in KILLED | SURVIVED}


def _per_module(checked: dict[str, str]) -> dict[str, Counter[bool]]:
    per_module: dict[str, Counter[bool]] = {}
    for name, status in checked.items():
        per_module.setdefault(module_of(name), Counter())[status in KILLED] += 1
    return dict(sorted(per_module.items()))


def markdown_table(statuses: dict[str, str]) -> str:
    """The checked mutants per module as README.md's Markdown table."""
    checked = _checked(statuses)
    lines = ["| module | killed | checked | score |", "|---|---:|---:|---:|"]
    for module, counts in _per_module(checked).items():
        total = counts[True] + counts[False]
        lines.append(
            f"| `{module}` | {counts[True]} | {total} | {100 * counts[True] / total:.1f} % |"
        )
    return "\n".join(lines)


def report(statuses: dict[str, str], equivalent: set[str], min_score: float) -> int:
    """Print the per-module and total scores and the survivors; 1 when the bar is not met."""
    checked = _checked(statuses)
    unchecked = len(statuses) - len(checked)
    print(f"{'module':48} {'killed':>7} {'total':>6} {'score':>7}")
    for module, counts in _per_module(checked).items():
        total = counts[True] + counts[False]
        print(f"{module:48} {counts[True]:7} {total:6} {100 * counts[True] / total:6.1f}%")
    killed = sum(1 for s in checked.values() if s in KILLED)
    score = 100 * killed / len(checked) if checked else 0.0
    survivors = sorted(n for n, s in checked.items() if s in SURVIVED)
    unexplained = [n for n in survivors if n not in equivalent]
    timeouts = sum(1 for s in checked.values() if s == "timeout")
    print(f"\nmutation score: {killed}/{len(checked)} killed = {score:.1f}% (bar {min_score:g}%)")
    # A timeout counts as killed (the mutant hangs or loops); many of them may instead mean
    # the time limit is too short for a loaded machine, see timeout_multiplier.
    print(f"of which killed by timeout: {timeouts}")
    if unchecked:
        print(f"not checked yet (run `make mutate` to finish): {unchecked}")
    print(f"survivors listed as equivalent in README.md: {len(survivors) - len(unexplained)}")
    print(f"survivors to kill or explain: {len(unexplained)}")
    for name in unexplained:
        print(f"  {name}: {checked[name]}   (see: mutmut show {name})")
    return 0 if checked and score >= min_score and not unexplained and not unchecked else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("patterns", nargs="*", help="only mutants matching these fnmatch patterns")
    parser.add_argument("--min-score", type=float, default=90.0)
    parser.add_argument("--mutants", type=Path, default=ROOT / "mutants")
    parser.add_argument("--markdown", action="store_true", help="print README.md's table")
    args = parser.parse_args(argv)
    statuses = mutant_statuses(args.mutants)
    if args.patterns:
        statuses = {
            n: s for n, s in statuses.items() if any(fnmatch.fnmatch(n, p) for p in args.patterns)
        }
    if not statuses:
        print(f"no mutants found in {args.mutants}: run `make mutate` first", file=sys.stderr)
        return 1
    if args.markdown:
        print(markdown_table(statuses))
        return 0
    return report(statuses, equivalent_mutants(), args.min_score)


if __name__ == "__main__":
    sys.exit(main())
