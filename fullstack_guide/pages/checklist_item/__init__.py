"""One page per checklist item, with the learner's private Markdown note on it.

The note is autosaved, with a visible saved/failed state.

Several tabs (or devices) may edit one note. Every save goes through (last write wins); the
tab whose save replaced another's says so at once ("conflict"), and the tab whose version was
replaced is told on its next sync check (``components.tab_sync``): it keeps its own text on
screen and offers both versions, one click each, until the learner chooses.

Text that is not saved (too long, a failed save, offline) is never lost: the browser keeps it
as a draft until that text is saved or discarded, and brings it back on reload.
"""

from fullstack_guide.pages.checklist_item import views  # noqa: F401  (declares the pages)
from fullstack_guide.pages.checklist_item.state import NoteState

__all__ = ["NoteState"]
