"""A learner's saved stacks as the builder lists them, after each change.

Each takes ``(session, learner_id, content, ...)`` so a state calls it through
``identity.run_for_learner``; storage and checks are :mod:`services.stacks`.
"""

from __future__ import annotations

import json

from sqlmodel import Session

from fullstack_guide.content import Content
from fullstack_guide.services import stacks


def saved_rows(session: Session, learner_id: int, content: Content) -> list[dict[str, str]]:
    """One row per saved stack: its picker key, id, name and choices (as JSON)."""
    return [
        {
            "key": f"saved:{s.id}",
            "id": str(s.id),
            "name": s.name,
            "choices": json.dumps(stacks.stack_choices(s, content)),
        }
        for s in stacks.list_stacks(session, learner_id)
    ]


def save(
    session: Session,
    learner_id: int,
    content: Content,
    name: str,
    choices: dict[str, str],
    replace: bool = False,
) -> list[dict[str, str]]:
    """Save ``choices`` as ``name``; the rows after it. A taken name raises
    ``stacks.StackExists`` unless ``replace`` (the learner confirmed)."""
    stacks.save_stack(session, content, learner_id, name, choices, replace=replace)
    return saved_rows(session, learner_id, content)


def delete(
    session: Session, learner_id: int, content: Content, stack_id: int
) -> list[dict[str, str]]:
    """Delete the learner's stack ``stack_id`` (another's is left alone); the rows after it."""
    stacks.delete_stack(session, learner_id, stack_id)
    return saved_rows(session, learner_id, content)
