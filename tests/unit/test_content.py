"""The content files: complete against the seed documents, consistent, and loud when broken."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from fullstack_guide.content import ContentError, load_content
from fullstack_guide.content.loader import DATA_DIR
from testkit.paths import SEEDS

# Every technology the seed documents name, by the slug the guide files it under.
SEED_TECHNOLOGIES = {
    "HTML": "html",
    "CSS": "css",
    "JavaScript": "javascript",
    "React": "react",
    "Angular": "angular",
    "Vue": "vue",
    "PyScript": "pyscript",
    "Reflex": "reflex",
    "Streamlit": "streamlit",
    "Python": "python",
    "Django": "django",
    "Flask": "flask",
    "FastAPI": "fastapi",
    "REST": "rest-apis",
    "GraphQL": "graphql",
    "PostgreSQL": "postgresql",
    "MySQL": "mysql",
    "SQLite": "sqlite",
    "Django ORM": "django-orm",
    "SQLAlchemy": "sqlalchemy",
    "MongoDB": "mongodb",
    "Cassandra": "cassandra",
    "Redis": "redis",
    "Git": "git",
    "GitHub": "github",
    "GitLab": "gitlab",
    "Bitbucket": "bitbucket",
    "AWS": "aws",
    "Azure": "azure",
    "Google Cloud": "google-cloud",
    "Heroku": "heroku",
    "Docker": "docker",
    "CI/CD": "ci-cd",
    "NumPy": "numpy",
    "Pandas": "pandas",
    "TensorFlow": "tensorflow",
    "PyTorch": "pytorch",
    "Beautiful Soup": "beautiful-soup",
    "Scrapy": "scrapy",
    "Wagtail": "wagtail",
    "Flask-RESTful": "flask-restful",
}
SEED_LAYERS = ["frontend", "backend", "database", "version-control", "deployment"]
SEED_EXAMPLES = {
    "Odoo": "odoo",
    "Collab": "cfpb-collab",
    "SEC": "government-agencies",
    "NASA": "nasa",
    "USAJobs": "usajobs",
    "Uber": "uber",
    "Twilio": "twilio",
    "Netflix": "netflix",
    "Mozilla": "mozilla",
    "Google": "google",
    "Dropbox": "dropbox",
    "Instagram": "meta-instagram",
    "Reddit": "reddit",
    "Spotify": "spotify",
    "WebSphere": "ibm-websphere",
    "YouTube": "youtube",
}
SEED_PERKS = 8


def seed_text(seeds: Path = SEEDS) -> str:
    """The seed documents' text; fails (never skips) when they are missing, so the
    seed-derived checks cannot pass silently on a checkout without them."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]
    if not texts:
        pytest.fail(
            f"seed documents not found in {seeds}: the content checks compare against them; "
            "put the shared seeds beside the repository (../shared/seeds/*.txt)"
        )
    return "\n".join(texts)


def test_missing_seeds_fail_with_a_clear_message(tmp_path):
    with pytest.raises(pytest.fail.Exception, match="seed documents not found"):
        seed_text(tmp_path / "absent")


def test_content_loads_with_every_kind_of_entity(content):
    assert [layer.slug for layer in content.stack_layers] == SEED_LAYERS
    assert len(content.perks) == SEED_PERKS
    assert len(content.sections) == 6
    assert all(layer.in_stack is False for layer in content.layers if layer.slug not in SEED_LAYERS)


@pytest.mark.parametrize(("name", "slug"), sorted(SEED_TECHNOLOGIES.items()))
def test_every_seed_technology_has_a_page(content, name, slug):
    assert content.technology(slug)
    assert name.lower() in seed_text().lower(), f"{name} is not in the seeds any more"


@pytest.mark.parametrize(("name", "slug"), sorted(SEED_EXAMPLES.items()))
def test_every_seed_example_is_covered(content, name, slug):
    assert slug in {ex.slug for ex in content.examples}
    assert name in seed_text()


def test_checklist_matches_the_seed_sections_and_subtopics(content):
    lines = re.findall(r"<p>\((\d)\) ([A-Za-z ]+?) \(([^)]*)\)</p>", seed_text())
    assert len(lines) == 6
    for (_, title, subtopics), section in zip(lines, content.sections, strict=True):
        assert section.title.lower() == title.strip().lower()
        expected = 1 if title.strip() == "Scripting" else len(subtopics.split(","))
        assert len(section.items) == expected, section.slug


def test_every_example_and_perk_cites_a_source_with_a_link(content):
    for entity in (*content.examples, *content.perks, *content.technologies):
        assert any(content.source(s).url for s in entity.sources), entity.slug


def _shingles(text: str, size: int) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def _all_text(content) -> list[str]:
    texts = [content.overview.lead, *content.overview.paragraphs]
    for entity in (*content.layers, *content.technologies, *content.examples, *content.perks):
        texts += [str(v) for v in entity.model_dump().values() if isinstance(v, str)]
    for section in content.sections:
        texts.append(section.summary)
        for item in section.items:
            texts += [item.summary, *item.learn]
    return texts


def test_no_sentence_is_copied_from_the_seeds(content):
    seed_shingles = _shingles(seed_text(), 9)
    copied = [t for t in _all_text(content) if _shingles(t, 9) & seed_shingles]
    assert copied == []


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def _rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("technologies/backend.toml", 'slug = "flask"', 'slug = "django"', "duplicate"),
        ("technologies/backend.toml", 'layer = "backend"', 'layer = "kitchen"', "unknown layer"),
        ("checklist.toml", 'slug = "orm"', 'slug = "Not A Slug"', "slug"),
        ("examples.toml", 'kind = "business"', 'kind = "fashion"', "kind"),
        ("perks.toml", "[[perks]]", "[[perks]]\ncolour = 'red'", "Extra inputs"),
        ("layers.toml", "[[layers]]", "[[layers]", "cannot read"),
    ],
)
def test_broken_content_fails_loudly(data_copy, file, old, new, message):
    _rewrite(data_copy / file, old, new)
    with pytest.raises(ContentError, match=message):
        load_content(data_copy)


def test_dangling_related_reference_is_rejected(data_copy):
    _rewrite(data_copy / "technologies/frontend.toml", "related = [", 'related = ["cobol", ')
    with pytest.raises(ContentError, match="unknown technologies: cobol"):
        load_content(data_copy)


def test_the_checklist_layout_is_each_section_with_its_items_built_once(content):
    """Every tick's five rollup computed vars count over it: built once, not five times a tick."""
    assert content.checklist_layout == tuple(
        (section.slug, tuple(item.slug for item in section.items)) for section in content.sections
    )
    assert content.checklist_layout is content.checklist_layout
