"""The builder's saved-stack rows (services.saved_stacks): the picker's list after each change."""

from __future__ import annotations

import json

import pytest

from fullstack_guide.models import SavedStack
from fullstack_guide.services import learners, saved_stacks, stacks


def test_saving_lists_each_stack_as_a_picker_row_of_its_own(session, content):
    me, _ = learners.create_learner(session)
    someone, _ = learners.create_learner(session)
    choices = dict(content.presets[0].choices)

    [row] = saved_stacks.save(session, me.id, content, "Work", choices)

    assert row["id"].isdigit() and row["key"] == f"saved:{row['id']}"
    assert row["name"] == "Work" and json.loads(row["choices"]) == choices
    assert saved_stacks.saved_rows(session, someone.id, content) == []


def test_a_taken_name_is_replaced_only_when_the_learner_confirms(session, content):
    me, _ = learners.create_learner(session)
    first, second = (dict(preset.choices) for preset in content.presets[:2])
    saved_stacks.save(session, me.id, content, "Work", first)

    with pytest.raises(stacks.StackExists):
        saved_stacks.save(session, me.id, content, "Work", second)
    [row] = saved_stacks.save(session, me.id, content, "Work", second, replace=True)

    assert json.loads(row["choices"]) == second


def test_deleting_leaves_the_other_stacks_and_never_anothers(session, content):
    me, _ = learners.create_learner(session)
    someone, _ = learners.create_learner(session)
    choices = dict(content.presets[0].choices)
    saved_stacks.save(session, me.id, content, "Work", choices)
    [theirs] = saved_stacks.save(session, someone.id, content, "Theirs", choices)
    rows = saved_stacks.save(session, me.id, content, "Side", choices)
    work = next(row for row in rows if row["name"] == "Work")

    assert [r["name"] for r in saved_stacks.delete(session, me.id, content, int(work["id"]))] == [
        "Side"
    ]
    after = saved_stacks.delete(session, me.id, content, int(theirs["id"]))
    assert [r["name"] for r in after] == ["Side"]
    assert saved_stacks.saved_rows(session, someone.id, content) == [theirs]


def test_fit_notes_name_each_chosen_pair_once_in_the_order_chosen(content):
    choices = {"backend": "flask", "orm": "django-orm", "extra": "django", "again": "flask"}
    flask_orm, django_orm = content.fit("flask", "django-orm"), content.fit("django", "django-orm")
    assert stacks.fit_notes(content, choices) == [
        {"pair": "Flask + Django ORM", "verdict": "clash", "why": flask_orm.why},
        {"pair": "Django ORM + Django", "verdict": "fits", "why": django_orm.why},
    ]


@pytest.mark.parametrize("stack_id", [-1, 0, 2**63, 2**64, True])
def test_an_id_no_row_can_have_deletes_nothing_and_never_raises(session, stack_id):
    me, _ = learners.create_learner(session)
    assert stacks.delete_stack(session, me.id, stack_id) is False


def test_a_stack_with_a_large_id_can_still_be_deleted(session):
    me, _ = learners.create_learner(session)
    session.add(SavedStack(id=10_000, learner_id=me.id, name="Old", choices="{}"))
    session.flush()
    assert stacks.delete_stack(session, me.id, 10_000) is True
    assert stacks.list_stacks(session, me.id) == []
