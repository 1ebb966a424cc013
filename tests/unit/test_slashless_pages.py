"""Page URLs without a trailing slash are served directly, not redirected (307) to ``…/``."""

from __future__ import annotations

from pathlib import Path

from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.testclient import TestClient

from fullstack_guide.http.slashless_pages import SlashlessPagesMiddleware, page_directories


def _build(root: Path) -> Path:
    for page in ("index.html", "builder/index.html", "checklist/data/orm/index.html", "404.html"):
        (root / page).parent.mkdir(parents=True, exist_ok=True)
        (root / page).write_text(f"<p>{page}</p>")
    (root / "assets").mkdir()
    (root / "assets" / "app-B9x_Qk2a.js").write_text("1")
    return root


def test_page_directories_are_those_with_an_index(tmp_path):
    assert page_directories(_build(tmp_path)) == {"/builder", "/checklist/data/orm"}


def test_slashless_pages_answer_200_without_a_redirect(tmp_path):
    root = _build(tmp_path)
    static = Starlette(routes=[Mount("/", StaticFiles(directory=root, html=True))])
    client = TestClient(SlashlessPagesMiddleware(static, page_directories(root)))
    for path, page in [("/builder", "builder"), ("/checklist/data/orm", "checklist/data/orm")]:
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 200, path
        assert response.text == f"<p>{page}/index.html</p>"
    assert client.get("/builder/", follow_redirects=False).status_code == 200
    assert client.get("/assets/app-B9x_Qk2a.js").text == "1"
    missing = client.get("/nope", follow_redirects=False)
    assert missing.status_code == 404 and missing.text == "<p>404.html</p>"
