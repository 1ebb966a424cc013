"""The typed content index: look-ups are computed once and agree with their definitions."""

from __future__ import annotations

import pytest

from fullstack_guide.content import ContentError
from fullstack_guide.content.loader import _check_acyclic


def test_derived_look_ups_are_built_once(content):
    slug = "django"
    assert content.items is content.items
    assert content.related_to(slug) is content.related_to(slug)
    assert content.alternatives_to(slug) is content.alternatives_to(slug)
    assert content.unlocks("python") is content.unlocks("python")
    assert content.technologies_in("backend") is content.technologies_in("backend")
    item = content.items[0].slug
    assert content.technologies_for_item(item) is content.technologies_for_item(item)


def test_look_ups_match_their_definitions(content):
    techs = content.technologies
    for tech in techs:
        listed_by = [t.slug for t in techs if tech.slug in t.related]
        expected = list(dict.fromkeys([*tech.related, *listed_by]))
        assert [t.slug for t in content.related_to(tech.slug)] == expected
        listed_by = [t.slug for t in techs if tech.slug in t.alternatives]
        expected = list(dict.fromkeys([*tech.alternatives, *listed_by]))
        assert [t.slug for t in content.alternatives_to(tech.slug)] == expected
        assert content.unlocks(tech.slug) == tuple(t for t in techs if tech.slug in t.prerequisites)
        assert content.examples_using(tech.slug) == tuple(
            ex for ex in content.examples if tech.slug in ex.technologies
        )
    for layer in content.layers:
        assert content.technologies_in(layer.slug) == tuple(
            t for t in techs if t.layer == layer.slug
        )
    for item in content.items:
        expected_techs = tuple(
            t for t in techs if t.slug in item.technologies or item.slug in t.checklist
        )
        assert content.technologies_for_item(item.slug) == expected_techs
        assert item in content.section_of(item.slug).items
    for rule in content.fit_rules:
        a, b = rule.pair
        assert content.fit(a, b) is content.fit(b, a) is not None


def test_unknown_slugs_raise_key_error(content):
    for look_up in (content.technology, content.related_to, content.item, content.layer):
        with pytest.raises(KeyError):
            look_up("no-such-slug")
    assert content.fit("django", "no-such-slug") is None
    assert content.unlocks("no-such-slug") == ()


def test_a_layer_without_topics_has_an_empty_tuple_to_loop_over(content):
    assert content.technologies_in("no-such-slug") == ()


def test_cycle_path_reads_in_prerequisite_order():
    with pytest.raises(ContentError, match=r"cycle: c -> a -> b -> c"):
        _check_acyclic("topic", {"c": ["a"], "a": ["b"], "b": ["c"]})
