"""Share links: a read-only view of statuses (and notes, if chosen) that can be switched off."""

from __future__ import annotations

import dataclasses

import pytest
from sqlmodel import select

from fullstack_guide.models import ItemProgress, Note, ShareLink, utcnow
from fullstack_guide.services import learner_data, learners, progress, sharing


@pytest.fixture
def learner_with_progress(session, content):
    learner, _ = learners.create_learner(session)
    progress.set_status(session, content, learner.id, "orm", "done")
    progress.set_status(session, content, learner.id, "rag", "in_progress")
    session.add(Note(learner_id=learner.id, item_slug="orm", body="Sessions are units of work."))
    session.flush()
    return learner.id


def test_a_share_link_shows_statuses_but_not_notes_by_default(
    session, content, learner_with_progress
):
    link = sharing.enable_share(session, learner_with_progress, include_notes=False)
    view = sharing.shared_view(session, content, link.token)
    assert view == sharing.SharedView(statuses={"orm": "done", "rag": "in_progress"}, notes={})


def test_notes_are_shown_only_when_the_learner_includes_them(
    session, content, learner_with_progress
):
    link = sharing.enable_share(session, learner_with_progress, include_notes=True)
    assert sharing.shared_view(session, content, link.token).notes == {
        "orm": "Sessions are units of work."
    }
    again = sharing.enable_share(session, learner_with_progress, include_notes=False)
    assert again.link.id == link.link.id  # the URL already sent out keeps working
    assert again.token == ""  # ...and is not shown again: only its digest is stored
    assert sharing.shared_view(session, content, link.token).notes == {}


def test_the_view_holds_statuses_and_notes_and_nothing_that_identifies_anyone(
    session, content, learner_with_progress
):
    link = sharing.enable_share(session, learner_with_progress, include_notes=True)
    view = sharing.shared_view(session, content, link.token)
    assert [f.name for f in dataclasses.fields(view)] == ["statuses", "notes"]
    assert link.token not in repr(view)
    assert set(view.statuses) | set(view.notes) <= content.item_slugs


def test_a_revoked_link_shows_nothing_and_re_enabling_makes_a_new_one(
    session, content, learner_with_progress
):
    old = sharing.enable_share(session, learner_with_progress, include_notes=True).token

    assert sharing.revoke_share(session, learner_with_progress) is True
    assert sharing.shared_view(session, content, old) is None
    assert sharing.active_share(session, learner_with_progress) is None
    assert sharing.revoke_share(session, learner_with_progress) is False

    new = sharing.enable_share(session, learner_with_progress, include_notes=False).token
    assert new != old
    assert sharing.shared_view(session, content, old) is None
    assert sharing.shared_view(session, content, new).statuses == {
        "orm": "done",
        "rag": "in_progress",
    }


def test_the_view_follows_later_progress(session, content, learner_with_progress):
    link = sharing.enable_share(session, learner_with_progress, include_notes=False)
    progress.set_status(session, content, learner_with_progress, "rag", "done")
    assert sharing.shared_view(session, content, link.token).statuses["rag"] == "done"


def test_items_the_content_no_longer_has_are_not_shown(session, content, learner_with_progress):
    session.add(ItemProgress(learner_id=learner_with_progress, item_slug="gone", status="done"))
    session.add(Note(learner_id=learner_with_progress, item_slug="gone", body="old"))
    session.flush()
    link = sharing.enable_share(session, learner_with_progress, include_notes=True)
    view = sharing.shared_view(session, content, link.token)
    assert "gone" not in view.statuses and "gone" not in view.notes


@pytest.mark.parametrize("bad", ["", "short", None, 42, "x" * 43 + "!", "a" * 10_000])
def test_malformed_tokens_show_nothing(session, content, learner_with_progress, bad):
    sharing.enable_share(session, learner_with_progress, include_notes=True)
    assert sharing.shared_view(session, content, bad) is None


def test_an_unknown_well_formed_token_shows_nothing(session, content, learner_with_progress):
    sharing.enable_share(session, learner_with_progress, include_notes=True)
    assert sharing.shared_view(session, content, learners.new_token()) is None


def test_tokens_are_unguessable_and_one_live_link_per_learner(
    session, content, learner_with_progress
):
    link = sharing.enable_share(session, learner_with_progress, include_notes=False)
    assert len(link.token) == 43  # 256 bits, URL-safe base64
    sharing.enable_share(session, learner_with_progress, include_notes=True)
    live = session.exec(
        select(ShareLink).where(
            ShareLink.learner_id == learner_with_progress, ShareLink.revoked_at.is_(None)
        )
    ).all()
    assert [row.token_digest for row in live] == [learners.token_digest(link.token)]
    assert link.token not in repr(live)  # only the digest is stored


def test_learners_see_only_their_own_link_and_data(session, content, learner_with_progress):
    other, _ = learners.create_learner(session)
    progress.set_status(session, content, other.id, "nosql", "skipped")
    session.add(Note(learner_id=other.id, item_slug="nosql", body="Bob's private thought"))
    session.flush()
    mine = sharing.enable_share(session, learner_with_progress, include_notes=True)
    theirs = sharing.enable_share(session, other.id, include_notes=False)

    assert mine.token != theirs.token
    assert sharing.shared_view(session, content, theirs.token) == sharing.SharedView(
        statuses={"nosql": "skipped"}, notes={}
    )
    assert "nosql" not in sharing.shared_view(session, content, mine.token).statuses
    assert sharing.revoke_share(session, other.id) is True
    assert sharing.shared_view(session, content, mine.token) is not None
    active = sharing.active_share(session, learner_with_progress)
    assert active.token_digest == learners.token_digest(mine.token)


def test_a_renewed_link_replaces_the_old_one_and_is_shown_once(
    session, content, learner_with_progress
):
    old = sharing.enable_share(session, learner_with_progress, include_notes=False)
    new = sharing.renew_share(session, learner_with_progress, include_notes=True)
    assert new.token and new.token != old.token and new.include_notes
    assert sharing.shared_view(session, content, old.token) is None
    assert sharing.shared_view(session, content, new.token) is not None


def test_the_your_data_switch_reports_the_live_link_keeps_it_and_renews_it_on_request(
    session, content, learner_with_progress
):
    learner_id = learner_with_progress
    first = learner_data.turn_on_share(session, learner_id, include_notes=True, renew=False)
    assert first.on is True and first.include_notes is True and first.token
    assert first.since == learner_data.share_state(session, learner_id).since
    assert first.since == utcnow().date().isoformat()
    assert sharing.shared_view(session, content, first.token).notes == {
        "orm": "Sessions are units of work."
    }

    kept = learner_data.turn_on_share(session, learner_id, include_notes=False, renew=False)
    assert (kept.on, kept.include_notes, kept.token) == (True, False, "")  # same URL, no token
    assert sharing.shared_view(session, content, first.token).notes == {}

    renewed = learner_data.turn_on_share(session, learner_id, include_notes=False, renew=True)
    assert renewed.token not in ("", first.token)
    assert sharing.shared_view(session, content, first.token) is None
    assert sharing.shared_view(session, content, renewed.token) is not None
