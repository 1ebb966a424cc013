"""``make run``: build the production frontend only if its inputs changed, then serve it.

    python -m scripts.serve [--port 3000] [--host 127.0.0.1] [--app-dir .]

1. The frontend is exported (``reflex export``, in a child process that exits when done) when
   :func:`scripts.build_cache.build_fingerprint` differs from the stamp beside the last
   export; else that export is reused. The export itself trims the stylesheet
   (``fullstack_guide/css_purge.py``, a Reflex plugin), so every export is served as built.
2. One process then imports the app, without compiling it, applies the migrations, and serves
   the exported pages and the backend on one port through Granian's embedded server.
   ``reflex run --env prod`` kept a supervisor that had compiled the whole app and a worker
   holding another copy.

The tests' :class:`testkit.app_server.AppServer` starts the app with this script too.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import fcntl
import gc
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, MutableMapping
from pathlib import Path

from scripts.build_cache import (
    BUN_BIN,
    REUSED_MESSAGE,
    SOURCES_FOR_BUILD,
    STAMP_NAME,
    BuildError,
    build_fingerprint,
    export_with_retries,
    is_current,
)

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PORT = 3000
DEFAULT_HOST = "127.0.0.1"
REBUILT_MESSAGE = "sources changed: building the frontend"
SERVING_MESSAGE = "App running at"
OUTPUT_TAIL_LINES = 40
APP_NAME = re.compile(r"""app_name\s*=\s*["'](\w+)["']""")


def log(message: str) -> None:
    print(f"[serve] {message}", flush=True)


def web_dir(app_dir: Path) -> Path:
    """Reflex's build workspace: ``REFLEX_WEB_WORKDIR`` when set, else ``.web`` in the app."""
    configured = os.environ.get("REFLEX_WEB_WORKDIR")
    return Path(configured) if configured else app_dir / ".web"


def app_sources(app_dir: Path) -> tuple[str, ...]:
    """The build inputs of the app in ``app_dir``: this app's, or another's (the benchmarks'
    bare app, a test's copy) by the same layout, its package named by ``rxconfig.py``."""
    found = APP_NAME.search((app_dir / "rxconfig.py").read_text())
    if found is None:
        raise BuildError(f"no app_name in {app_dir / 'rxconfig.py'}")
    return (found.group(1), *SOURCES_FOR_BUILD[1:])


def port_environment(port: int) -> dict[str, str]:
    """Frontend and backend on one port: the port the exported pages connect back to."""
    return {"REFLEX_FRONTEND_PORT": str(port), "REFLEX_BACKEND_PORT": str(port)}


@contextlib.contextmanager
def build_lock(web: Path) -> Iterator[None]:
    """One export at a time per build workspace."""
    web.parent.mkdir(parents=True, exist_ok=True)
    with (web.parent / f"{web.name}.build-lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _run_build_step(command: list[str], app_dir: Path, env: dict[str, str]) -> None:
    """A step of the export, its output shown; raise with the output's tail on failure."""
    lines: list[str] = []
    with subprocess.Popen(
        command,
        cwd=app_dir,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        errors="replace",
    ) as process:
        assert process.stdout is not None
        for line in process.stdout:
            sys.stdout.write(line)
            lines.append(line)
    sys.stdout.flush()
    if process.returncode != 0:
        tail = "".join(lines[-OUTPUT_TAIL_LINES:])
        raise BuildError(f"the frontend build failed (exit {process.returncode}):\n{tail}")


def ensure_build(app_dir: Path, port: int) -> bool:
    """Export the frontend unless the last export was made from the same inputs.

    Returns whether it was built now. The stamp is written last, after the post-processing,
    so an export cut short is never taken for a finished one.
    """
    env = {
        **os.environ,
        **port_environment(port),
        "PATH": f"{BUN_BIN}:{os.environ.get('PATH', '')}",
        "REFLEX_TELEMETRY_ENABLED": "false",
    }
    web = web_dir(app_dir)
    built = web / "build" / "client"
    stamp = web / "build" / STAMP_NAME
    with build_lock(web):
        fingerprint = build_fingerprint(
            f"http://localhost:{port}", app_dir=app_dir, sources=app_sources(app_dir), env=env
        )
        if is_current(stamp, fingerprint, built):
            log(REUSED_MESSAGE)
            return False
        log(REBUILT_MESSAGE)
        started = time.monotonic()
        stamp.unlink(missing_ok=True)
        export_with_retries(lambda command: _run_build_step(command, app_dir, env), log)
        stamp.write_text(fingerprint)
        log(f"frontend built in {time.monotonic() - started:.0f} s")
        return True


def use_memory_state_manager(environ: MutableMapping[str, str]) -> None:
    """Keep tab states in this process's memory unless Redis or a mode is configured.

    Reflex's default, the disk manager, pickles every touched substate of every tab to its own
    file every 2 s and lists and stats the whole states folder each time, on the event loop and
    its threads: work that grows with the number of open tabs. It buys nothing here, because
    :func:`load_app` empties that folder on start (as ``reflex run`` does) and the database,
    not the tab state, is the truth: a tab that reconnects after a restart identifies again.
    A cluster's workers share Redis (``REFLEX_REDIS_URL``) and keep it.
    """
    if environ.get("REFLEX_REDIS_URL") or environ.get("REFLEX_STATE_MANAGER_MODE"):
        return
    environ["REFLEX_STATE_MANAGER_MODE"] = "memory"


def load_app(app_dir: Path):
    """Import the app as Reflex's production worker does: pages evaluated, nothing compiled.

    Its tab states are kept in memory (:func:`use_memory_state_manager`).

    The exported pages are mounted on the same ASGI app, behind the app's own HTTP layer
    (``api_transformer``), exactly as ``reflex run --env prod`` mounts them.
    """
    use_memory_state_manager(os.environ)
    os.chdir(app_dir)
    if str(app_dir) not in sys.path:
        sys.path.insert(0, str(app_dir))
    from reflex_base import constants
    from reflex_base.environment import environment

    environment.REFLEX_ENV_MODE.set(constants.Env.PROD)
    environment.REFLEX_SKIP_COMPILE.set(True)
    environment.REFLEX_MOUNT_FRONTEND_COMPILED_APP.set(True)

    from reflex.istate.manager import reset_disk_state_manager
    from reflex.utils import prerequisites

    reset_disk_state_manager()  # as ``reflex run`` does: tabs start afresh
    return prerequisites.get_and_validate_app().app


def migrate_database() -> None:
    """Apply the Alembic migrations, as ``reflex db migrate`` does, in this process.

    ``reflex db migrate`` imports the whole app in an interpreter of its own only to migrate:
    on a loaded machine that was most of a restart. Here the app is already imported.
    """
    from reflex import model
    from reflex.utils import prerequisites

    if prerequisites.check_db_used() and prerequisites.check_db_initialized():
        model.migrate()


def serve(app, host: str, port: int) -> None:
    """Serve ``app`` on ``host:port`` from this process until SIGTERM or Ctrl-C."""
    from granian.constants import Interfaces
    from granian.log import LogLevels
    from granian.server.embed import Server
    from reflex.utils.exec import _granian_log_dictconfig

    def asgi_app():
        asgi = app()  # evaluates the pages that create states; compiles nothing
        gc.collect()  # the page trees evaluated for that are garbage now
        log(f"{SERVING_MESSAGE} http://{host}:{port}")
        return asgi

    server = Server(
        target=asgi_app,
        factory=True,
        address=host,
        port=port,
        interface=Interfaces.ASGI,
        log_level=LogLevels(os.environ.get("GRANIAN_LOG_LEVEL", "warning")),
        log_dictconfig=_granian_log_dictconfig(),
    )

    async def run() -> None:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, server.stop)
        await server.serve()

    asyncio.run(run())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--host", default=DEFAULT_HOST)
    parser.add_argument("--app-dir", type=Path, default=ROOT)
    parser.add_argument("--build-only", action="store_true", help="build if stale, then exit")
    args = parser.parse_args(argv)
    app_dir = args.app_dir.resolve()
    try:
        ensure_build(app_dir, args.port)
    except BuildError as failed:
        sys.exit(str(failed))
    if args.build_only:
        return
    os.environ.update(port_environment(args.port))
    app = load_app(app_dir)
    migrate_database()
    serve(app, args.host, args.port)


if __name__ == "__main__":
    main()
