"""Behaviour the mutation audit found unpinned: percentage rounding, search ranking, merge
edge cases and the token digest format."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from fullstack_guide.models import Status
from fullstack_guide.services import learners, merge, progress
from fullstack_guide.services.search import Document, search
from tests.unit.tabs import Tab

T0 = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def _thirds(content, done: int) -> dict[str, str]:
    """Every item skipped but three, ``done`` of which are done: one section, one rollup."""
    section = next(s for s in content.sections if len(s.items) >= 3)
    kept = [item.slug for item in section.items[:3]]
    statuses = {i.slug: Status.SKIPPED for i in content.items if i.slug not in kept}
    statuses |= {slug: Status.DONE for slug in kept[:done]}
    return statuses


@pytest.mark.parametrize(("done", "percent"), [(1, 33), (2, 67)])
def test_the_rollup_rounds_thirds_to_the_nearest_percent(content, done, percent):
    statuses = _thirds(content, done)
    overall, sections = progress.rollup(content, statuses)
    assert (overall.done, overall.total, overall.percent) == (done, 3, percent)
    assert percent in {r.percent for r in sections.values()}
    assert (progress.Rollup(done, 3).percent, progress.Rollup(0, 0).percent) == (percent, 0)


@pytest.mark.parametrize(("done", "percent"), [(1, 33), (2, 67)])
def test_the_dashboard_shows_thirds_rounded_to_the_nearest_percent(content, done, percent):
    tab = Tab({}).progress
    tab.statuses = _thirds(content, done)
    assert tab.overall_percent == percent
    assert percent in tab.section_percent.values()


def _doc(title: str, text: str = "") -> Document:
    name = title.lower()
    return Document("Topic", title, "", f"/t/{name}", name, tuple(name.split()), text.lower())


def test_among_prefix_matches_the_shorter_name_comes_first():
    index = (_doc("Postgresql"), _doc("Postgres"), _doc("Postgres Operator"))
    assert [h.title for h in search("postg", index=index)] == [
        "Postgres",
        "Postgresql",
        "Postgres Operator",
    ]


def test_a_fuzzy_name_match_outranks_a_document_that_only_mentions_the_word():
    index = (_doc("Aardvark", "Mentions djngo twice: djngo."), _doc("Django"))
    hits = search("djngo", index=index)
    assert [h.title for h in hits] == ["Django", "Aardvark"]
    assert hits[0].score > 300 > hits[1].score >= 100


def test_the_typo_tier_finds_a_distant_spelling_below_every_text_match():
    index = (_doc("Abcdefgh"), _doc("Unrelated"))
    hits = search("abcdexy", index=index)
    assert [h.title for h in hits] == ["Abcdefgh"]
    assert 60 <= hits[0].score < 75  # under the 100 of any text match


@pytest.fixture
def pair(session):
    source, _ = learners.create_learner(session)
    target, _ = learners.create_learner(session)
    return source.id, target.id


def _row(session, learner_id, slug):
    return progress.find_row(session, learner_id, slug)


def test_the_same_status_newer_on_the_source_reports_nothing_and_keeps_the_schedule(
    session, content, pair
):
    source, target = pair
    progress.set_status(session, content, target, "orm", Status.DONE, now=T0)
    progress.set_status(session, content, source, "orm", Status.DONE, now=T0 + timedelta(days=2))
    due_before = _row(session, target, "orm").review_due_at

    changed = merge.merge_learners(session, content, source, target, now=T0 + timedelta(days=3))

    assert changed == []
    row = _row(session, target, "orm")
    assert (row.status, row.review_step, row.review_due_at) == (Status.DONE, 0, due_before)


def test_a_timestamp_tie_keeps_the_target_status(session, content, pair):
    source, target = pair
    progress.set_status(session, content, target, "orm", Status.IN_PROGRESS, now=T0)
    progress.set_status(session, content, source, "orm", Status.DONE, now=T0)

    changed = merge.merge_learners(session, content, source, target, now=T0 + timedelta(days=1))

    assert changed == []
    assert progress.get_statuses(session, target) == {"orm": Status.IN_PROGRESS}


def test_the_token_digest_format_is_fixed():
    """Every stored learner is found by this digest: a new algorithm would orphan them all.

    The expected value comes from coreutils: ``printf %s TOKEN | sha256sum``.
    """
    token = "mT1qQxCq3y3bTq1dD0Zr8m2uQ0b4fQxq6XoYb9c1G2k"
    assert learners.token_digest(token) == (
        "a9a1dee1f62488161824a66f8221bd1034f80a2cf0d4c0e40c42f79e10ce53c5"
    )
