"""Reflex configuration. ``REFLEX_DB_URL`` points the app at another database (e.g. PostgreSQL)."""

import functools
import os

import reflex as rx

from fullstack_guide import css_purge, first_paint, radix_css

DEFAULT_DB_URL = "sqlite:///data/fullstack_guide.db"
# Only this machine reaches the server unless the host is set on purpose (HOST=0.0.0.0 make run):
# a learner's progress is not served to everyone on the café Wi-Fi.
DEFAULT_BACKEND_HOST = "127.0.0.1"


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


def use_granian_single_threaded_runtime() -> None:
    """Serve with Granian's single-threaded Rust runtime instead of its multi-threaded one.

    On SIGTERM the multi-threaded runtime's worker panics about one stop in three ("Cannot
    drop pointer into Python heap", granian#799/#884) before the app's shutdown runs, so the
    database writes in flight are not drained (``fullstack_guide.lifecycle``). The
    single-threaded runtime stops cleanly; Python work runs on one event loop either way.
    Reflex builds Granian's ``Server`` itself without this option, so its default is set here,
    in the process that builds it (``reflex run`` loads this file first).
    ``FSG_GRANIAN_RUNTIME=auto`` keeps Granian's own choice.
    """
    if os.environ.get("FSG_GRANIAN_RUNTIME", "st") == "auto":
        return
    try:
        from granian.constants import RuntimeModes
        from granian.server import Server
    except ImportError:  # not serving with Granian
        return
    original = Server.__init__
    if getattr(original, "single_threaded_default", False):
        return

    @functools.wraps(original)
    def init(self, *args, **kwargs):
        kwargs.setdefault("runtime_mode", RuntimeModes.st)
        original(self, *args, **kwargs)

    init.single_threaded_default = True
    Server.__init__ = init


use_granian_single_threaded_runtime()

config = rx.Config(
    app_name="fullstack_guide",
    db_url=os.environ.get("REFLEX_DB_URL", DEFAULT_DB_URL),
    backend_host=DEFAULT_BACKEND_HOST,
    # The build writes a .br and a .gz beside each page and asset; brotli is served when the
    # browser takes it (measured: 15% smaller than gzip for scripts and pages, 39% for the
    # stylesheet), else gzip.
    frontend_compression_formats=["brotli", "gzip"],
    telemetry_enabled=False,
    cors_allowed_origins=allowed_origins(),
    show_built_with_reflex=False,
    # The app has no dynamic components (rx.dynamic, ComponentState), the only readers of
    # window.__reflex. Eagerly, the root imported every library bundled for them before the
    # first paint (issue 11); the Radix plugin below bundles none (radix_css.py says why).
    frontend_lazy_bundled_libraries=True,
    plugins=[
        # Radix Themes with only the colour scales the app uses (fullstack_guide/radix_css.py).
        radix_css.UsedColoursRadixThemesPlugin(
            theme=rx.theme(appearance="inherit", accent_color=radix_css.ACCENT, radius="medium"),
        ),
        # The built stylesheet trimmed to the rules the pages use (fullstack_guide/css_purge.py).
        css_purge.PurgedStylesheetPlugin(),
        # Each page paints before it fetches its modules (fullstack_guide/first_paint.py).
        first_paint.ModulesAfterFirstPaintPlugin(),
        rx.plugins.SitemapPlugin(),
    ],
)
