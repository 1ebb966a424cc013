"""Reflex configuration. ``REFLEX_DB_URL`` points the app at another database (e.g. PostgreSQL)."""

import os

import reflex as rx

DEFAULT_DB_URL = "sqlite:///data/fullstack_guide.db"


def allowed_origins() -> list[str]:
    """Origins whose pages may call the backend (its websocket and HTTP routes): the site itself.

    The site is ``REFLEX_DEPLOY_URL`` when set (``make cluster`` sets it to nginx's origin),
    else localhost on the frontend port (``reflex run --frontend-port`` exports
    ``REFLEX_FRONTEND_PORT`` to the backend process). A deployment behind its own domain sets
    ``REFLEX_DEPLOY_URL`` or lists origins in ``REFLEX_CORS_ALLOWED_ORIGINS`` (comma-separated),
    which Reflex applies over this default.
    """
    deploy_url = os.environ.get("REFLEX_DEPLOY_URL", "").rstrip("/")
    if deploy_url:
        return [deploy_url]
    port = os.environ.get("REFLEX_FRONTEND_PORT", "3000")
    return [f"http://localhost:{port}", f"http://127.0.0.1:{port}"]


config = rx.Config(
    app_name="fullstack_guide",
    db_url=os.environ.get("REFLEX_DB_URL", DEFAULT_DB_URL),
    telemetry_enabled=False,
    cors_allowed_origins=allowed_origins(),
    show_built_with_reflex=False,
    plugins=[
        rx.plugins.RadixThemesPlugin(
            theme=rx.theme(appearance="inherit", accent_color="indigo", radius="medium"),
        ),
        rx.plugins.SitemapPlugin(),
    ],
)
