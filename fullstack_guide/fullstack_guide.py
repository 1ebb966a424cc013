"""The Reflex app: every page is declared with ``templates.page`` and added here once."""

import reflex as rx

from fullstack_guide import (
    models,  # noqa: F401  (tables must be known to Alembic)
    pages,  # noqa: F401  (importing declares the pages)
)
from fullstack_guide.components.head_scripts import head_scripts
from fullstack_guide.components.toaster import lazy_toaster
from fullstack_guide.http import EDGE_MIDDLEWARES
from fullstack_guide.identity import LearnerCheckMiddleware
from fullstack_guide.lifecycle import drain_database_work, freeze_startup_heap
from fullstack_guide.templates.template import add_pages

app = rx.App(
    api_transformer=list(EDGE_MIDDLEWARES),  # fullstack_guide.http: headers, limits, 404s
    stylesheets=["/styles.css"],
    toaster=lazy_toaster(),  # sonner loads once the page is idle, not before its first paint
    # In the page head, so they listen before the learner can type (note_drafts.js was loaded
    # by the editor itself, after hydration: text typed at once had no draft). Inline, not
    # fetched, and plain elements: `rx.script` would wrap each in react-helmet (issue 11).
    head_components=head_scripts(),
)
# Every event re-checks that the tab's session or learner token still holds.
app.add_middleware(LearnerCheckMiddleware())
# On SIGTERM, let the database writes in flight commit before the process exits.
app.register_lifespan_task(drain_database_work)
# Full garbage collections stop every tab's events; what start-up built is not walked again.
app.register_lifespan_task(freeze_startup_heap)
add_pages(app)
