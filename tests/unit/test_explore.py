"""Issue 4 content and services: topic graph, search ranking, stacks, paths."""

from __future__ import annotations

import shutil

import pytest

from fullstack_guide.content import ContentError, load_content
from fullstack_guide.content.loader import DATA_DIR, _check_acyclic
from fullstack_guide.services import dashboard, learners, search, stacks
from testkit.paths import REFERENCE

TOC = REFERENCE / "fullstackpython-toc.md"


def test_catalogue_is_broad_and_every_topic_is_complete_enough(content):
    assert len(content.technologies) >= 120
    for tech in content.technologies:
        assert tech.when, f"{tech.slug} says nothing about when to pick it"
        assert len(tech.resources) >= 2
        assert tech.checklist, f"{tech.slug} has no place on the checklist"
        assert tech.maturity in ("draft", "starter", "complete")


def test_every_topic_is_linked_from_somewhere(content):
    linked = {slug for t in content.technologies for slug in (*t.related, *t.alternatives)}
    for tech in content.technologies:
        assert (
            content.related_to(tech.slug)
            or content.alternatives_to(tech.slug)
            or (tech.slug in linked)
        ), tech.slug


def test_related_and_alternative_links_work_both_ways(content):
    for tech in content.technologies:
        for other in tech.related:
            assert tech in content.related_to(other)
        for other in tech.alternatives:
            assert tech in content.alternatives_to(other)


@pytest.mark.parametrize(
    "name",
    [
        "Django",
        "Flask",
        "Nginx",
        "Green Unicorn",
        "Celery",
        "Jinja2",
        "Kubernetes",
        "Sentry",
        "Vim",
        "tmux",
        "Pelican",
        "Bootstrap",
        "Matplotlib",
        "Neo4j",
        "Ansible",
        "Prometheus",
        "Caddy",
    ],
)
def test_table_of_contents_topics_have_pages(content, name):
    wanted = name.lower()
    assert any(
        wanted in t.name.lower() or t.name.lower() in wanted for t in content.technologies
    ), name
    if TOC.exists():
        assert name.lower() in TOC.read_text().lower()


def test_prerequisite_cycles_are_rejected():
    _check_acyclic("topic", {"a": ["b"], "b": []})
    with pytest.raises(ContentError, match="cycle: a -> b -> c -> a"):
        _check_acyclic("topic", {"a": ["b"], "b": ["c"], "c": ["a"]})
    with pytest.raises(ContentError, match="cycle: x -> x"):
        _check_acyclic("topic", {"x": ["x"]})


def test_dangling_prerequisite_is_rejected(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    path = data / "technologies" / "backend.toml"
    text = path.read_text()
    path.write_text(text.replace("prerequisites = [", 'prerequisites = ["cobol", ', 1))
    with pytest.raises(ContentError, match="cobol"):
        load_content(data)


def test_exact_name_ranks_first_and_typos_still_find_it():
    assert search.search("Django")[0].title == "Django"
    assert search.search("djnago")[0].title == "Django"
    assert search.search("postgre")[0].title == "PostgreSQL"
    assert "Kubernetes" in [h.title for h in search.search("kubernets")[:3]]
    assert search.search("Netflix")[0].kind == "Example"


def test_search_finds_words_in_the_text_and_ignores_junk():
    hits = search.search("message broker")
    assert hits, "full-content query found nothing"
    assert search.search("") == []
    assert search.search("   ") == []
    assert search.search(None) == []  # type: ignore[arg-type]
    assert len(search.search("a" * 10_000)) <= 8


def test_stack_save_list_delete_and_isolation(session, content):
    alice, _ = learners.create_learner(session)
    bob, _ = learners.create_learner(session)
    saved = stacks.save_stack(
        session,
        content,
        alice.id,
        "  My  stack ",
        {"backend": "django", "frontend": "react", "bogus": "x"},
    )
    assert saved.name == "My stack"
    assert stacks.stack_choices(saved, content) == {"backend": "django", "frontend": "react"}
    stacks.save_stack(session, content, alice.id, "My stack", {"backend": "flask"}, replace=True)
    assert [s.name for s in stacks.list_stacks(session, alice.id)] == ["My stack"]
    assert stacks.list_stacks(session, bob.id) == []
    assert stacks.delete_stack(session, bob.id, saved.id) is False
    assert stacks.delete_stack(session, alice.id, saved.id) is True


@pytest.mark.parametrize(
    ("name", "choices", "message"),
    [
        ("", {"backend": "django"}, "name"),
        ("x" * 61, {"backend": "django"}, "at most 60"),
        ("ok", {"backend": "cobol"}, "Pick at least one"),
        (None, {"backend": "django"}, "name"),
    ],
)
def test_bad_stacks_are_refused(session, content, name, choices, message):
    learner, _ = learners.create_learner(session)
    with pytest.raises(stacks.StackError, match=message):
        stacks.save_stack(session, content, learner.id, name, choices)


def test_saving_over_an_existing_name_needs_replace(session, content):
    """Two tabs saving the same new name: the second must not overwrite the first silently."""
    learner, _ = learners.create_learner(session)
    first = stacks.save_stack(session, content, learner.id, "Work", {"backend": "django"})
    with pytest.raises(stacks.StackError, match='A stack named "Work" already exists'):
        stacks.save_stack(session, content, learner.id, " Work ", {"backend": "flask"})
    assert stacks.stack_choices(first, content) == {"backend": "django"}
    replaced = stacks.save_stack(
        session, content, learner.id, "Work", {"backend": "flask"}, replace=True
    )
    assert replaced.id == first.id
    assert stacks.stack_choices(replaced, content) == {"backend": "flask"}
    assert len(stacks.list_stacks(session, learner.id)) == 1


def test_stack_limit(session, content):
    learner, _ = learners.create_learner(session)
    for n in range(stacks.MAX_STACKS):
        stacks.save_stack(session, content, learner.id, f"s{n}", {"backend": "django"})
    with pytest.raises(stacks.StackError, match="delete one"):
        stacks.save_stack(session, content, learner.id, "one more", {"backend": "django"})


def test_fit_notes_flag_a_clash(content):
    notes = stacks.fit_notes(content, {"backend": "flask", "orm": "django-orm"})
    assert notes and notes[0]["verdict"] == "clash"


def test_presets_only_cite_sources_and_use_real_options(content):
    assert content.presets
    for preset in content.presets:
        assert stacks.clean_choices(content, preset.choices) == preset.choices


def test_next_up_prefers_unlocked_items(content):
    locked = next(i for i in content.items if i.prerequisites)
    statuses = {p: "done" for p in locked.prerequisites}
    assert dashboard.is_unlocked(content, statuses, locked.slug)
    assert not dashboard.is_unlocked(content, {}, locked.slug)


def test_path_levels_put_prerequisites_first(content):
    for section in content.sections:
        levels = dashboard.path_levels(content, section.slug)
        position = {slug: n for n, level in enumerate(levels) for slug in level}
        assert sorted(position) == sorted(i.slug for i in section.items)
        for item in section.items:
            for pre in item.prerequisites:
                if pre in position:
                    assert position[pre] < position[item.slug]


def test_journey_covers_the_whole_trip(content):
    slugs = [hop.slug for hop in content.hops]
    for hop in ("browser", "web-server", "app-server", "framework", "orm", "database"):
        assert hop in slugs
    assert {"gunicorn", "uvicorn"} <= {o.topic for h in content.hops for o in h.options}
