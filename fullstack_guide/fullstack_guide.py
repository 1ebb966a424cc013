"""The Reflex app: every page module registers its routes, and they are added here once."""

import reflex as rx

from fullstack_guide import (
    models,  # noqa: F401  (tables must be known to Alembic)
    pages,  # noqa: F401  (importing registers the routes)
)
from fullstack_guide.identity import LearnerCheckMiddleware
from fullstack_guide.lifecycle import drain_database_work
from fullstack_guide.not_found_fallback import NotFoundPageMiddleware
from fullstack_guide.pages.not_found import not_found
from fullstack_guide.pages.shared import add_shared_page
from fullstack_guide.security import SecurityHeadersMiddleware
from fullstack_guide.templates.template import SITE_NAME, add_pages

app = rx.App(
    # Innermost first: the 404 page fallback, then headers on everything (404s included).
    api_transformer=[NotFoundPageMiddleware, SecurityHeadersMiddleware],
    stylesheets=["/styles.css"],
    head_components=[rx.script(src="/shortcuts.js", defer=True)],
)
# Every event re-checks that the tab's session or learner token still holds.
app.add_middleware(LearnerCheckMiddleware())
# On SIGTERM, let the database writes in flight commit before the process exits.
app.register_lifespan_task(drain_database_work)
add_pages(app)
add_shared_page(app)
app.add_page(not_found, route="404", title=f"Page not found · {SITE_NAME}")
