"""`make content` (``python -m fullstack_guide.content``) says what it loaded, pinned where
`make mutate` found it loose (see README.md, "Mutation testing")."""

from __future__ import annotations

import shutil
import time
from datetime import UTC, date, datetime

import pytest

from fullstack_guide.content import ContentError, load_content
from fullstack_guide.content import __main__ as content_cli
from fullstack_guide.content.loader import DATA_DIR
from fullstack_guide.content.report import GroupSummary, render


def test_make_content_prints_what_it_loaded(content, capsys):
    assert content_cli.main() == 0
    first_line = capsys.readouterr().out.splitlines()[0]
    assert first_line == (
        f"content ok: {len(content.layers)} layers, {len(content.technologies)} technologies, "
        f"{len(content.sections)} checklist sections, {len(content.items)} items, "
        f"{len(content.examples)} examples, {len(content.perks)} perks, "
        f"{len(content.sources)} sources"
    )


@pytest.mark.parametrize("zone", ["Etc/GMT-14", "Etc/GMT+12"])  # one is a day off UTC now
def test_make_content_dates_its_review_in_utc_whatever_the_local_zone(monkeypatch, capsys, zone):
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        assert content_cli.main() == 0
    finally:
        monkeypatch.undo()
        time.tzset()
    today = datetime.now(UTC).date().isoformat()
    assert f"Content review as of {today} " in capsys.readouterr().out


# --- the report `make content` prints, and where a broken reference is named ---------------


def test_the_content_report_reads_as_an_aligned_table_then_the_slugs_behind_it():
    """The whole text, so a moved column, a lost total or a renamed header shows."""
    rows = (
        GroupSummary("frontend", 12, 40, ("pyscript", "brython"), ()),
        GroupSummary("backend", 3, 9, (), ("flask", "django")),
    )
    assert render(rows, date(2026, 11, 28)).splitlines() == [
        "Content review as of 2026-11-28 (stale = reviewed before 2025-11-28)",
        "group     topics  resources  thin  stale",
        "--------  ------  ---------  ----  -----",
        "frontend      12         40     2      0",
        "backend        3          9     0      2",
        "total         15         49     2      2",
        "thin in frontend: pyscript, brython",
        "stale in backend: flask, django",
    ]


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (
            "journey.toml",
            'topics = ["html", "css", "javascript"]',
            'topics = ["html", "cobol"]',
            "journey hop browser refers to unknown technologies: cobol",
        ),
        (
            "journey.toml",
            'topic = "react"',
            'topic = "cobol"',
            "journey hop browser refers to unknown technologies: cobol",
        ),
        (
            "fit.toml",
            'pair = ["django", "django-orm"]',
            'pair = ["django", "cobol"]',
            "fit rule ['django', 'cobol'] refers to unknown technologies: cobol",
        ),
        (
            "builder.toml",
            'options = ["django", "flask",',
            'options = ["cobol", "flask",',
            "builder slot backend refers to unknown technologies: cobol",
        ),
        (
            "builder.toml",
            'label = "Frontend"\nlayer = "frontend"',
            'label = "Frontend"\nlayer = "kitchen"',
            "builder slot frontend refers to unknown layer: kitchen",
        ),
        (
            "builder.toml",
            'choices = { backend = "django", frontend = "vue" }',
            'choices = { backend = "django", kitchen = "vue" }',
            "preset twilio-docs refers to unknown builder slots: kitchen",
        ),
        (
            "builder.toml",
            'sources = ["makai-companies", "checklist-notes"]',
            'sources = ["makai-companies", "rumour"]',
            "preset twilio-docs refers to unknown sources: rumour",
        ),
        (
            "builder.toml",
            'choices = { backend = "django", frontend = "vue" }',
            'choices = { backend = "django", frontend = "sqlite" }',
            "preset twilio-docs: 'sqlite' is not an option of slot frontend",
        ),
        (
            "technologies/backend.toml",
            'related = ["django", "flask", "fastapi", "numpy", "virtualenvs"]',
            'related = ["fortran", "cobol", "flask", "fastapi", "numpy", "virtualenvs"]',
            "technology python refers to unknown technologies: cobol, fortran",
        ),
        (
            "technologies/backend.toml",
            'related = ["django", "flask", "fastapi", "numpy", "virtualenvs"]',
            'related = ["python", "flask", "fastapi", "numpy", "virtualenvs"]',
            "technology python lists itself in related",
        ),
        (
            "technologies/backend.toml",
            'checklist = ["python-fundamentals"]',
            'checklist = ["python-fundamentals", "knitting"]',
            "technology python refers to unknown checklist items: knitting",
        ),
        (
            "technologies/backend.toml",
            'sources = ["whole-picture", "checklist-notes", "fullstackpython"]',
            'sources = ["whole-picture", "rumour", "fullstackpython"]',
            "technology python refers to unknown sources: rumour",
        ),
        (
            "technologies/backend.toml",
            "prerequisites = []",
            'prerequisites = ["django"]',
            "technology prerequisites form a cycle: python -> django -> python",
        ),
        (
            "journey.toml",
            'slug = "dns"',
            'slug = "browser"',
            "duplicate journey hop slug 'browser'",
        ),
        ("examples.toml", 'slug = "cfpb-collab"', 'slug = "odoo"', "duplicate example slug 'odoo'"),
        (
            "layers.toml",
            'sources = ["whole-picture", "aws-full-stack"]',
            'sources = ["whole-picture", "rumour"]',
            "layer frontend refers to unknown sources: rumour",
        ),
        (
            "checklist.toml",
            'sources = ["checklist-notes", "fullstackpython"]',
            'sources = ["checklist-notes", "rumour"]',
            "section scripting refers to unknown sources: rumour",
        ),
        (
            "checklist.toml",
            'technologies = ["python"]',
            'technologies = ["python", "cobol"]',
            "item python-fundamentals refers to unknown technologies: cobol",
        ),
        (
            "checklist.toml",
            'prerequisites = ["python-fundamentals"]',
            'prerequisites = ["knitting"]',
            "item relational-databases refers to unknown checklist items: knitting",
        ),
        (
            "checklist.toml",
            'prerequisites = ["python-fundamentals"]',
            'prerequisites = ["orm"]',
            "checklist item prerequisites form a cycle: "
            "relational-databases -> orm -> relational-databases",
        ),
        (
            "perks.toml",
            'slug = "rapid-development"',
            'slug = "simplicity-readability"',
            "duplicate perk slug 'simplicity-readability'",
        ),
        (
            "technologies/backend.toml",
            'layer = "backend"',
            'layer = "kitchen"',
            "technology python refers to unknown layer: kitchen",
        ),
        (
            "technologies/backend.toml",
            'alternatives = ["javascript"]',
            'alternatives = ["python"]',
            "technology python lists itself in alternatives",
        ),
        (
            "technologies/backend.toml",
            "prerequisites = []",
            'prerequisites = ["python"]',
            "technology python lists itself in prerequisites",
        ),
        (
            "examples.toml",
            'technologies = ["python"]',
            'technologies = ["cobol"]',
            "example odoo refers to unknown technologies: cobol",
        ),
        (
            "examples.toml",
            'sources = ["checklist-notes", "python-org-apps"]',
            'sources = ["rumour"]',
            "example odoo refers to unknown sources: rumour",
        ),
        (
            "overview.toml",
            'sources = ["aws-full-stack", "whole-picture", "checklist-notes"]',
            'sources = ["rumour"]',
            "overview refers to unknown sources: rumour",
        ),
        (
            "checklist.toml",
            "number = 2",
            "number = 1",
            "checklist section numbers must be unique and ascending",
        ),
    ],
    ids=[
        "hop-topic",
        "hop-option",
        "fit-rule",
        "slot-option",
        "slot-layer",
        "preset-slot",
        "preset-source",
        "preset-choice",
        "tech-related",
        "tech-itself",
        "tech-item",
        "tech-source",
        "tech-cycle",
        "duplicate-hop",
        "duplicate-example",
        "layer-source",
        "section-source",
        "item-technology",
        "item-prerequisite",
        "item-cycle",
        "duplicate-perk",
        "tech-layer",
        "tech-itself-alternative",
        "tech-itself-prerequisite",
        "example-technology",
        "example-source",
        "overview-source",
        "section-numbers",
    ],
)
def test_a_broken_reference_names_its_owner_and_what_it_should_be(
    tmp_path, file, old, new, message
):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    path = data / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ContentError) as refused:
        load_content(data)
    assert str(refused.value) == message


def _load_with(tmp_path, file: str, text: str):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    (data / file).write_text(text, encoding="utf-8")
    return load_content(data)


def test_an_entry_that_is_not_a_table_is_refused_with_the_file_named(tmp_path):
    with pytest.raises(ContentError) as refused:
        _load_with(tmp_path / "a", "examples.toml", "examples = 3\n")
    assert str(refused.value) == "examples.toml: expected a list of Example tables"
    with pytest.raises(ContentError) as refused:
        _load_with(tmp_path, "examples.toml", 'examples = ["odoo"]\n')
    assert str(refused.value).startswith("examples.toml: 1 validation error for Example")


def test_an_invalid_entry_is_named_by_its_file_and_slug(tmp_path):
    perks = (DATA_DIR / "perks.toml").read_text(encoding="utf-8")
    with pytest.raises(ContentError) as refused:
        _load_with(tmp_path, "perks.toml", perks.replace("[[perks]]", "[[perks]]\ncolour = 1", 1))
    assert str(refused.value).startswith("perks.toml: simplicity-readability: 1 validation error")


def test_layers_no_topic_is_in_are_refused(tmp_path):
    layers = (DATA_DIR / "layers.toml").read_text(encoding="utf-8")
    start = layers.index("[[layers]]")
    first = layers[start : layers.index("[[layers]]", start + 1)]
    empty = [first.replace('slug = "frontend"', f'slug = "{name}"', 1) for name in ("a", "b")]
    with pytest.raises(ContentError) as refused:
        _load_with(tmp_path, "layers.toml", "\n".join([layers, *empty]))
    assert str(refused.value) == "layers without technologies: a, b"


def test_a_content_file_with_no_entries_yet_loads_as_none(tmp_path, content):
    loaded = _load_with(tmp_path, "technologies/zz-drafts.toml", "# nothing here yet\n")
    assert len(loaded.technologies) == len(content.technologies)
    assert _load_with(tmp_path / "again", "fit.toml", "# no rules yet\n").fit_rules == ()


def test_the_builder_file_may_be_empty_and_a_bad_one_is_named(tmp_path):
    loaded = _load_with(tmp_path / "empty", "builder.toml", "# no builder yet\n")
    assert (loaded.slots, loaded.presets) == ((), ())
    for key, model in (("slots", "BuilderSlot"), ("presets", "Preset")):
        with pytest.raises(ContentError) as refused:
            _load_with(tmp_path / key, "builder.toml", f"{key} = 3\n")
        assert str(refused.value) == f"builder.toml: expected a list of {model} tables"


def test_an_overview_that_is_not_a_table_is_refused_with_its_file_named(tmp_path):
    with pytest.raises(ContentError) as refused:
        _load_with(tmp_path, "overview.toml", "overview = 3\n")
    assert str(refused.value).startswith("overview.toml: 1 validation error for Overview")
