"""`make mutate`'s summary: the score, the survivors, and the README's equivalent-mutant list."""

from __future__ import annotations

import json
import sys

from scripts import mutation_report

SEARCH = "fullstack_guide.services.search"
README = """# App

## Mutation testing

Equivalent mutants:

- `fullstack_guide.services.search.x_rank__mutmut_2`: a log message.

## Sources

- `fullstack_guide.services.search.x_rank__mutmut_3`: not in the section, so not listed.
"""


def _mutants(tmp_path, exit_codes: dict[str, int | None]):
    meta = tmp_path / "mutants" / "fullstack_guide" / "services" / "search.py.meta"
    meta.parent.mkdir(parents=True)
    meta.write_text(json.dumps({"exit_code_by_key": exit_codes}))
    return tmp_path / "mutants"


def test_only_the_mutation_testing_section_lists_equivalent_mutants(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(README)
    assert mutation_report.equivalent_mutants(readme) == {f"{SEARCH}.x_rank__mutmut_2"}
    assert mutation_report.equivalent_mutants(tmp_path / "absent.md") == set()


def test_the_report_passes_when_every_survivor_is_listed(tmp_path, capsys):
    codes = {f"{SEARCH}.x_rank__mutmut_{n}": 1 for n in range(1, 11)}
    codes[f"{SEARCH}.x_rank__mutmut_2"] = 0
    statuses = mutation_report.mutant_statuses(_mutants(tmp_path, codes))
    assert mutation_report.report(statuses, {f"{SEARCH}.x_rank__mutmut_2"}, 90) == 0
    out = capsys.readouterr().out
    assert "9/10 killed = 90.0%" in out
    assert "survivors to kill or explain: 0" in out


def test_an_unexplained_survivor_or_a_low_score_fails_and_is_named(tmp_path, capsys):
    codes = {f"{SEARCH}.x_rank__mutmut_{n}": 1 for n in range(1, 11)}
    codes[f"{SEARCH}.x_rank__mutmut_3"] = 0
    statuses = mutation_report.mutant_statuses(_mutants(tmp_path, codes))
    assert mutation_report.report(statuses, set(), 90) == 1
    assert f"{SEARCH}.x_rank__mutmut_3: survived" in capsys.readouterr().out
    assert mutation_report.report(statuses, {f"{SEARCH}.x_rank__mutmut_3"}, 95) == 1


def test_the_report_says_how_many_kills_were_timeouts(tmp_path, capsys):
    codes = {f"{SEARCH}.x_rank__mutmut_{n}": 1 for n in range(1, 5)}
    codes[f"{SEARCH}.x_rank__mutmut_4"] = -24  # SIGXCPU: mutmut's time limit
    statuses = mutation_report.mutant_statuses(_mutants(tmp_path, codes))
    assert mutation_report.report(statuses, set(), 90) == 0
    assert "of which killed by timeout: 1" in capsys.readouterr().out


def test_an_unfinished_run_does_not_pass(tmp_path, capsys):
    codes = {f"{SEARCH}.x_rank__mutmut_1": 1, f"{SEARCH}.x_rank__mutmut_2": None}
    statuses = mutation_report.mutant_statuses(_mutants(tmp_path, codes))
    assert mutation_report.report(statuses, set(), 90) == 1
    assert "not checked yet" in capsys.readouterr().out


def test_the_per_module_line_names_the_module(tmp_path, capsys):
    codes = {f"{SEARCH}.xǁIndexǁrank__mutmut_1": 1, f"{SEARCH}.x_rank__mutmut_1": 36}
    statuses = mutation_report.mutant_statuses(_mutants(tmp_path, codes))
    assert mutation_report.report(statuses, set(), 90) == 0
    assert any(
        line.split()[:3] == [SEARCH, "2", "2"] for line in capsys.readouterr().out.splitlines()
    )


def test_the_readme_table_has_a_row_per_module_of_checked_mutants(tmp_path, capsys):
    codes = {f"{SEARCH}.x_rank__mutmut_{n}": 1 for n in range(1, 4)}
    codes[f"{SEARCH}.x_rank__mutmut_3"] = 0  # survived
    codes[f"{SEARCH}.x_rank__mutmut_4"] = None  # not checked yet
    mutants = _mutants(tmp_path, codes)
    assert mutation_report.main(["--markdown", "--mutants", str(mutants)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "| module | killed | checked | score |",
        "|---|---:|---:|---:|",
        f"| `{SEARCH}` | 2 | 3 | 66.7 % |",
    ]


def test_the_mutation_plugin_clears_the_caches_of_the_mutated_packages_only(monkeypatch):
    import functools
    import types

    from tests.unit.mutation_plugin import clear_app_caches

    calls = []

    def load() -> int:
        calls.append(1)
        return len(calls)

    mutated, other = types.ModuleType("mutated_pkg.loader"), types.ModuleType("other_pkg")
    mutated.load, other.load = functools.cache(load), functools.cache(load)
    monkeypatch.setitem(sys.modules, "mutated_pkg.loader", mutated)
    monkeypatch.setitem(sys.modules, "other_pkg", other)
    assert (mutated.load(), other.load()) == (1, 2)
    assert clear_app_caches(("mutated_pkg",)) == 1
    assert (mutated.load(), other.load()) == (3, 2)  # recomputed / still cached


def test_the_mutation_plugin_rebuilds_the_shared_contents_indexes(content):
    from tests.unit.mutation_plugin import forget_cached_properties

    related = content.related_to(content.technologies[0].slug)
    assert forget_cached_properties(content) >= 1
    assert "_related" not in vars(content)
    assert content.related_to(content.technologies[0].slug) == related
