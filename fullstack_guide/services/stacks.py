"""Stacks composed in the builder: validation, saving, listing, deleting, comparing."""

from __future__ import annotations

import json

from sqlmodel import Session, select

from fullstack_guide.content import Content
from fullstack_guide.models import SavedStack, utcnow

MAX_NAME_CHARS = 60
MAX_STACKS = 20


class StackError(ValueError):
    """A stack could not be saved; the message says why."""


class StackExists(StackError):
    """The name is taken and the save did not ask to replace it (another tab saved it first)."""

    def __init__(self, name: str) -> None:
        super().__init__(f'A stack named "{name}" already exists. Replace it, or rename.')
        self.name = name


def clean_choices(content: Content, raw: object) -> dict[str, str]:
    """Keep only known slots with one of their own options (anything else is dropped)."""
    if not isinstance(raw, dict):
        return {}
    slots = {slot.slug: slot for slot in content.slots}
    return {
        slot_slug: choice
        for slot_slug, choice in raw.items()
        if slot_slug in slots and isinstance(choice, str) and choice in slots[slot_slug].options
    }


def clean_name(name: object) -> str:
    if not isinstance(name, str):
        raise StackError("Give the stack a name.")
    name = " ".join("".join(ch for ch in name if ch.isprintable()).split())
    if not name:
        raise StackError("Give the stack a name.")
    if len(name) > MAX_NAME_CHARS:
        raise StackError(f"Stack names can be at most {MAX_NAME_CHARS} characters.")
    return name


def save_stack(
    session: Session,
    content: Content,
    learner_id: int,
    name: object,
    choices: object,
    *,
    replace: bool = False,
) -> SavedStack:
    """Save one of the learner's stacks; overwrite one of the same name only when ``replace``.

    The "Replace it?" confirmation is per tab: another tab may have saved that name since, so
    a save that did not ask to replace is refused here, inside the transaction that writes.
    """
    name = clean_name(name)
    cleaned = clean_choices(content, choices)
    if not cleaned:
        raise StackError("Pick at least one technology before saving.")
    existing = session.exec(
        select(SavedStack).where(SavedStack.learner_id == learner_id, SavedStack.name == name)
    ).first()
    if existing is not None and not replace:
        raise StackExists(name)
    if existing is None:
        count = len(list_stacks(session, learner_id))
        if count >= MAX_STACKS:
            raise StackError(f"You can keep {MAX_STACKS} stacks; delete one to save another.")
        existing = SavedStack(learner_id=learner_id, name=name, choices="{}")
    existing.choices = json.dumps(cleaned, sort_keys=True)
    existing.updated_at = utcnow()
    session.add(existing)
    session.flush()
    return existing


def list_stacks(session: Session, learner_id: int) -> list[SavedStack]:
    return list(
        session.exec(
            select(SavedStack).where(SavedStack.learner_id == learner_id).order_by(SavedStack.name)
        ).all()
    )


def move_stacks(session: Session, source_learner_id: int, target_learner_id: int) -> list[str]:
    """Move every saved stack of one learner to another (signing in brings them along).

    Nothing is dropped: a name the target already uses gets a suffix (" (2)", " (3)", ...)
    cut to fit, and the target may go past ``MAX_STACKS`` (the cap only stops new saves).
    Returns the names the moved stacks have now, in name order.
    """
    if source_learner_id == target_learner_id:
        return []
    taken = {stack.name for stack in list_stacks(session, target_learner_id)}
    moved = []
    for stack in list_stacks(session, source_learner_id):
        name, n = stack.name, 1
        while name in taken:
            n += 1
            suffix = f" ({n})"
            name = stack.name[: MAX_NAME_CHARS - len(suffix)] + suffix
        taken.add(name)
        stack.name, stack.learner_id = name, target_learner_id
        session.add(stack)
        moved.append(name)
    session.flush()
    return sorted(moved)


def delete_stack(session: Session, learner_id: int, stack_id: int) -> bool:
    """Delete one of the learner's own stacks (another learner's id is simply not found)."""
    if type(stack_id) is not int or not 0 < stack_id < 2**63:  # no such row can exist
        return False
    stack = session.exec(
        select(SavedStack).where(SavedStack.id == stack_id, SavedStack.learner_id == learner_id)
    ).first()
    if stack is None:
        return False
    session.delete(stack)
    session.flush()
    return True


def stack_choices(stack: SavedStack, content: Content) -> dict[str, str]:
    try:
        return clean_choices(content, json.loads(stack.choices))
    except ValueError:
        return {}


def implied_items(content: Content, choices: dict[str, str]) -> list[str]:
    """Checklist items the chosen technologies call for, in checklist order."""
    wanted = {slug for tech in choices.values() for slug in content.technology(tech).checklist}
    return [item.slug for item in content.items if item.slug in wanted]


def fit_notes(content: Content, choices: dict[str, str]) -> list[dict[str, str]]:
    """Every known fit rule between two chosen technologies."""
    chosen = list(dict.fromkeys(choices.values()))
    notes = []
    for i, a in enumerate(chosen):
        for b in chosen[i + 1 :]:
            rule = content.fit(a, b)
            if rule:
                names = " + ".join(content.technology(s).name for s in (a, b))
                notes.append({"pair": names, "verdict": rule.verdict, "why": rule.why})
    return notes
