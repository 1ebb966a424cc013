"""Security headers are added to every HTTP response and never to websocket traffic."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from fullstack_guide.security import SECURITY_HEADERS, SecurityHeadersMiddleware


def _app() -> Starlette:
    async def page(_request):
        return PlainTextResponse("ok", headers={"referrer-policy": "same-origin"})

    return Starlette(routes=[Route("/", page)])


def test_every_header_is_set():
    client = TestClient(SecurityHeadersMiddleware(_app()))
    response = client.get("/")
    assert response.status_code == 200
    for name in SECURITY_HEADERS:
        assert name in response.headers
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert "object-src 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"


def test_headers_the_app_set_itself_are_not_duplicated():
    client = TestClient(SecurityHeadersMiddleware(_app()))
    response = client.get("/")
    assert response.headers.get_list("referrer-policy") == ["same-origin"]


def test_not_found_responses_carry_the_headers_too():
    response = TestClient(SecurityHeadersMiddleware(_app())).get("/nope")
    assert response.status_code == 404
    assert "content-security-policy" in response.headers


def test_plain_not_found_becomes_the_html_404_page_for_browsers(monkeypatch):
    from fullstack_guide import not_found_fallback

    monkeypatch.setattr(not_found_fallback, "_not_found_html", lambda: b"<h1>Page not found</h1>")
    client = TestClient(
        SecurityHeadersMiddleware(not_found_fallback.NotFoundPageMiddleware(_app()))
    )
    page = client.get("/missing", headers={"accept": "text/html"})
    assert page.status_code == 404
    assert page.text == "<h1>Page not found</h1>"
    assert "content-security-policy" in page.headers
    api = client.get("/missing", headers={"accept": "application/json"})
    assert api.status_code == 404 and "Page not found" not in api.text


def _static_app() -> Starlette:
    async def asset(request):
        return PlainTextResponse("console.log(1)")

    return Starlette(routes=[Route("/assets/{name}", asset), Route("/", asset)])


def test_hashed_build_assets_are_cached_for_a_year_and_pages_are_revalidated():
    client = TestClient(SecurityHeadersMiddleware(_static_app()))
    asset = client.get("/assets/checklist-B9x_Qk2a.js")
    assert asset.headers["cache-control"] == "public, max-age=31536000, immutable"
    for path in ("/", "/assets/logo.svg", "/assets/missing-B9x_Qk2a.js/extra"):
        assert client.get(path).headers["cache-control"] == "no-cache", path


def test_a_missing_hashed_asset_is_never_cached():
    response = TestClient(SecurityHeadersMiddleware(_app())).get("/assets/gone-B9x_Qk2a.js")
    assert response.status_code == 404
    assert response.headers["cache-control"] == "no-cache"
