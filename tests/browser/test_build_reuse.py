"""``make run`` reuses the production build while nothing it is built from changed, and
never serves a stale one: a changed content file or page is built and served on the next start.

Runs ``scripts/serve.py`` (what ``make run`` runs) on a copy of the app, so that the edits
never touch the checkout; the copy's ``.web`` starts from the checkout's installed packages.
The tests run in order on one server: built, restarted unchanged, restarted after each edit.
"""

from __future__ import annotations

import shutil
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from scripts.build_cache import REUSED_MESSAGE, SOURCES_FOR_BUILD
from scripts.serve import REBUILT_MESSAGE
from testkit.app_server import AppServer
from testkit.migrations import upgrade
from testkit.paths import ROOT
from tests.browser.conftest import TARGET

pytestmark = pytest.mark.skipif(TARGET == "cluster", reason="about make run's own build")

CONTENT_FILE = Path("fullstack_guide/content/data/layers.toml")
CONTENT_BEFORE = "The visible, interactive side of an app, running in the browser."
CONTENT_AFTER = "The visible side of an app, edited by the build-reuse test."
# A heading the prerendered home page carries (the 404 page's text is drawn in the browser).
PAGE_FILE = Path("fullstack_guide/pages/home.py")
PAGE_BEFORE = "Learn the whole Python web stack"
PAGE_AFTER = "Every layer of the Python web stack (edited by the build-reuse test)"


def _skip_build(directory: str, names: list[str]) -> list[str]:
    return ["build"] if Path(directory).name == ".web" and "build" in names else []


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    workdir = tmp_path_factory.mktemp("build-reuse")
    app = workdir / "app"
    app.mkdir()
    for name in (*SOURCES_FOR_BUILD, "alembic", "alembic.ini"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, app / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, app / name)
    if (ROOT / ".web").is_dir():  # its node_modules: no package install in the copy
        shutil.copytree(ROOT / ".web", app / ".web", symlinks=True, ignore=_skip_build)
    db_url = f"sqlite:///{workdir / 'reuse.db'}"
    upgrade(db_url)
    instance = AppServer(db_url, workdir / "server.log", app_dir=app, name="copy")
    yield instance
    instance.stop()
    shutil.rmtree(app, ignore_errors=True)


def start_and_read_log(server: AppServer) -> str:
    """(Re)start the server; what it logged during this start."""
    before = len(server.log_text())
    server.restart()
    return server.log_text()[before:]


def fetch(server: AppServer, path: str) -> str:
    request = urllib.request.Request(server.url + path, headers={"Accept": "text/html"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.read().decode()
    except urllib.error.HTTPError as error:  # the 404 page
        return error.read().decode()


def edit(server: AppServer, relative: Path, before: str, after: str) -> None:
    path = server.app_dir / relative
    text = path.read_text()
    assert before in text
    path.write_text(text.replace(before, after))


def test_the_first_start_builds(server: AppServer):
    log = start_and_read_log(server)
    assert REBUILT_MESSAGE in log
    assert CONTENT_BEFORE in fetch(server, "/")


def test_an_unchanged_restart_reuses_the_build(server: AppServer):
    log = start_and_read_log(server)
    assert REUSED_MESSAGE in log
    assert REBUILT_MESSAGE not in log
    assert CONTENT_BEFORE in fetch(server, "/")


def test_one_process_serves_pages_and_backend(server: AppServer):
    assert server.backend_pids() == server.process_tree()
    assert len(server.process_tree()) == 1


def test_a_changed_content_file_is_served_after_the_restart(server: AppServer):
    edit(server, CONTENT_FILE, CONTENT_BEFORE, CONTENT_AFTER)
    log = start_and_read_log(server)
    assert REBUILT_MESSAGE in log
    home = fetch(server, "/")
    assert CONTENT_AFTER in home
    assert CONTENT_BEFORE not in home


def test_a_changed_page_is_served_after_the_restart(server: AppServer):
    edit(server, PAGE_FILE, PAGE_BEFORE, PAGE_AFTER)
    log = start_and_read_log(server)
    assert REBUILT_MESSAGE in log
    page = fetch(server, "/")
    assert PAGE_AFTER in page
    assert PAGE_BEFORE not in page
