"""Security and caching headers go on every HTTP response, with a CSP that names the site."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from fullstack_guide.http import not_found_page
from fullstack_guide.http.headers import (
    SECURITY_HEADERS,
    ResponseHeadersMiddleware,
    content_security_policy,
)

SITE = "http://localhost:3000"


def _with_headers(app):
    """The middleware as the app mounts it, for a site at ``SITE``."""
    return ResponseHeadersMiddleware(app, origins=[SITE])


def _app() -> Starlette:
    async def page(_request):
        return PlainTextResponse("ok", headers={"referrer-policy": "same-origin"})

    return Starlette(routes=[Route("/", page)])


def test_every_header_is_set():
    client = TestClient(_with_headers(_app()))
    response = client.get("/")
    assert response.status_code == 200
    for name in SECURITY_HEADERS:
        assert name in response.headers
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert "object-src 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"


def test_headers_the_app_set_itself_are_not_duplicated():
    client = TestClient(_with_headers(_app()))
    response = client.get("/")
    assert response.headers.get_list("referrer-policy") == ["same-origin"]


def test_not_found_responses_carry_the_headers_too():
    response = TestClient(_with_headers(_app())).get("/nope")
    assert response.status_code == 404
    assert "content-security-policy" in response.headers


def test_plain_not_found_becomes_the_html_404_page_for_browsers(monkeypatch):
    monkeypatch.setattr(not_found_page, "_not_found_html", lambda: b"<h1>Page not found</h1>")
    client = TestClient(_with_headers(not_found_page.NotFoundPageMiddleware(_app())))
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
    client = TestClient(_with_headers(_static_app()))
    asset = client.get("/assets/checklist-B9x_Qk2a.js")
    assert asset.headers["cache-control"] == "public, max-age=31536000, immutable"
    for path in ("/", "/assets/logo.svg", "/assets/missing-B9x_Qk2a.js/extra"):
        assert client.get(path).headers["cache-control"] == "no-cache", path


def test_a_missing_hashed_asset_is_never_cached():
    response = TestClient(_with_headers(_app())).get("/assets/gone-B9x_Qk2a.js")
    assert response.status_code == 404
    assert response.headers["cache-control"] == "no-cache"


PAGE = (
    "<!DOCTYPE html><html><head>"
    '<script src="/assets/root-B9x_Qk2a.js"></script>'
    '<script>window.__ctx = {"a":"&lt;b&gt;"};</script>'
    '</head><body><script type="module" async>import "/assets/page-B9x_Qk2a.js";</script>'
    "</body></html>"
)


def _sha256(script: str) -> str:
    import base64
    import hashlib

    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"


def _page_app(body: bytes, headers: dict[str, str] | None = None) -> Starlette:
    from starlette.responses import Response

    async def page(_request):
        return Response(body, media_type="text/html", headers=headers)

    return Starlette(routes=[Route("/", page)])


def _script_src(response) -> list[str]:
    policy = response.headers["content-security-policy"]
    directive = next(d for d in policy.split("; ") if d.startswith("script-src "))
    return directive.split()[1:]


def test_pages_allow_exactly_their_own_inline_scripts_by_hash():
    response = TestClient(_with_headers(_page_app(PAGE.encode()))).get("/")
    sources = _script_src(response)
    assert "'unsafe-inline'" not in sources
    assert _sha256('window.__ctx = {"a":"&lt;b&gt;"};') in sources  # the raw text, unescaped
    assert _sha256('import "/assets/page-B9x_Qk2a.js";') in sources
    assert [s for s in sources if s.startswith("'sha256-")] == sources[1:3]
    assert response.text == PAGE


def test_gzip_pages_are_hashed_from_their_decompressed_text():
    import gzip

    app = _page_app(gzip.compress(PAGE.encode()), headers={"content-encoding": "gzip"})
    response = TestClient(_with_headers(app)).get("/")
    assert _sha256('import "/assets/page-B9x_Qk2a.js";') in _script_src(response)
    assert response.text == PAGE


def test_connections_go_only_to_the_site_and_its_websocket_form():
    policy = content_security_policy(["http://localhost:3000", "https://guide.example.org"])
    connect = next(d for d in policy.split("; ") if d.startswith("connect-src "))
    assert connect.split()[1:] == [
        "'self'",
        "http://localhost:3000",
        "ws://localhost:3000",
        "https://guide.example.org",
        "wss://guide.example.org",
    ]
    served = TestClient(_with_headers(_app())).get("/")
    assert (
        "connect-src 'self' http://localhost:3000 ws://localhost:3000;"
        in (served.headers["content-security-policy"])
    )


def test_no_policy_lets_the_page_connect_to_any_host():
    for policy in (SECURITY_HEADERS["content-security-policy"], content_security_policy([SITE])):
        connect = next(d for d in policy.split("; ") if d.startswith("connect-src "))
        assert not {"ws:", "wss:", "http:", "https:", "*"} & set(connect.split())


def test_pages_sent_by_path_are_hashed_from_the_uncompressed_original(tmp_path):
    """Granian's ``pathsend``: a brotli copy is hashed from the page file beside it."""
    import asyncio

    (tmp_path / "page.html").write_text(PAGE)
    (tmp_path / "page.html.br").write_bytes(b"\x8b\x00 not readable here")
    sent: list[dict] = []

    async def app(scope, receive, send):
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-type", b"text/html"), (b"content-encoding", b"br")],
            }
        )
        await send({"type": "http.response.pathsend", "path": str(tmp_path / "page.html.br")})

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "GET", "path": "/page", "headers": []}
    asyncio.run(_with_headers(app)(scope, None, send))
    assert [m["type"] for m in sent] == ["http.response.start", "http.response.pathsend"]
    policy = dict(sent[0]["headers"])[b"content-security-policy"].decode()
    assert _sha256('import "/assets/page-B9x_Qk2a.js";') in policy
    assert "'unsafe-inline'" not in policy.split("; style-src")[0]
