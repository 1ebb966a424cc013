"""Reflex configuration. ``REFLEX_DB_URL`` points the app at another database (e.g. PostgreSQL)."""

import os

import reflex as rx

DEFAULT_DB_URL = "sqlite:///data/fullstack_guide.db"

config = rx.Config(
    app_name="fullstack_guide",
    db_url=os.environ.get("REFLEX_DB_URL", DEFAULT_DB_URL),
    telemetry_enabled=False,
    show_built_with_reflex=False,
    plugins=[
        rx.plugins.RadixThemesPlugin(
            theme=rx.theme(appearance="inherit", accent_color="indigo", radius="medium"),
        ),
        rx.plugins.SitemapPlugin(),
    ],
)
