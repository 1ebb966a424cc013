"""The search box finds every page under its own kind, subtitle and link, by any of the text
that describes it (see README.md, "Mutation testing"): the real index, built from the content."""

from __future__ import annotations

import re

from fullstack_guide import routes
from fullstack_guide.services.search import Document, build_index, search


def _found(index, href, kind, title, subtitle, *texts):
    doc = index[href]
    assert (doc.kind, doc.title, doc.subtitle, doc.name) == (kind, title, subtitle, title.lower())
    assert doc.words == tuple(re.findall(r"[a-z0-9+#]+", title.lower()))
    assert doc.text == " ".join(texts).lower(), href  # so a search for "xx" finds no page


def test_every_page_is_indexed_under_its_kind_subtitle_link_and_text(content):
    docs = build_index(content)
    index = {doc.href: doc for doc in docs}
    for layer in content.layers:
        _found(
            index,
            routes.layer_url(layer.slug),
            "Layer",
            layer.name,
            layer.tagline,
            layer.summary,
            layer.why,
            layer.connects,
        )
    for t in content.technologies:
        _found(
            index,
            routes.technology_url(t.layer, t.slug),
            "Topic",
            t.name,
            f"{content.layer(t.layer).name} · {t.category}",
            t.slug,
            t.category,
            t.tagline,
            t.what,
            t.why,
            t.when,
            t.connects,
        )
    for section in content.sections:
        _found(
            index,
            routes.section_url(section.slug),
            "Checklist section",
            section.title,
            section.summary[:120],
            section.summary,
        )
        for item in section.items:
            _found(
                index,
                routes.item_url(section.slug, item.slug),
                "Checklist item",
                item.title,
                section.title,
                item.slug,
                item.summary,
                " ".join(item.learn),
            )
    for ex in content.examples:
        _found(
            index,
            routes.example_url(ex.slug),
            "Example",
            ex.name,
            ex.summary[:120],
            ex.summary,
            ex.shows,
        )
    counted = (content.layers, content.technologies, content.sections, content.items)
    assert len(docs) == len(index) == sum(map(len, counted)) + len(content.examples)


def test_a_page_is_found_by_its_name_and_links_to_itself(content):
    index = build_index(content)
    topic = content.technologies[0]
    hit = search(topic.name, index=index)[0]
    assert (hit.kind, hit.title, hit.subtitle, hit.href) == (
        "Topic",
        topic.name,
        f"{content.layer(topic.layer).name} · {topic.category}",
        routes.technology_url(topic.layer, topic.slug),
    )
    assert hit.score == 1000.0


def test_the_results_show_at_most_eight_hits_with_scores_to_one_decimal(content):
    index = build_index(content)
    assert len(search("python", index=index)) == 8 < len(search("python", limit=50, index=index))
    prefix = (Document("Topic", "Postgres", "Databases", "/t/pg", "postgres", ("postgres",), ""),)
    assert search("postg", index=prefix)[0].score == 799.9  # 800 - 8/100, rounded


def _doc(title: str) -> Document:
    name = title.lower()
    return Document("Topic", title, "", f"/t/{name}", name, tuple(name.split()), "")


def _score(query: str, title: str) -> float | None:
    hits = search(query, index=(_doc(title),))
    return hits[0].score if hits else None


def test_each_tier_scores_as_documented():
    """Exact name 1000, name prefix 800, every word 600 (minus a hundredth per character of
    the name), close spelling 300 + the RapidFuzz ratio, text 100 + a tenth per mention."""
    assert _score("rust", "Rust") == 1000.0
    assert _score("unicorn gr", "Green Unicorn Worker Pool Manager X") == 599.6  # 35 chars
    assert _score("abcx", "Abcd") == 375.0  # a ratio of exactly 75 is close enough
    text = (Document("Topic", "Zzz", "", "/t/zzz", "zzz", ("zzz",), "orm, " * 6),)
    assert search("orm", index=text)[0].score == 100.6


def test_a_four_letter_typo_down_to_a_ratio_of_60_is_still_found():
    assert _score("abcx", "Abcde") == 66.7
    assert _score("abcx", "Abcdef") == 60.0
    assert _score("abcx", "Abcdefg") is None  # 54.5: too far


def test_a_three_letter_query_finds_a_close_spelling():
    assert _score("rst", "Rust") == round(300 + 2 * 3 / 7 * 100, 1)


def test_a_close_spelling_counts_the_whole_name_and_each_word():
    assert _score("gren unicorn", "Green Unicorn") > 300  # the whole name is close
    assert _score("djngo", "Django ORM") > 300  # one word of it is close
