"""The single server's HTTP edge, live: upload limit, bind address, direct page URLs, CSP."""

from __future__ import annotations

import http.client
import xml.etree.ElementTree as ElementTree
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from fullstack_guide.http.upload_limit import upload_body_limit
from testkit.app_server import AppServer
from testkit.processes import listening_addresses, rss_mb
from tests.browser.conftest import wait_until_ready

FIFTY_MB = 50 * 1024 * 1024
CHUNK = b"x" * 65536
CSP_WATCH = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) =>
  window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
"""
PAGE_TYPES = [
    "/",
    "/stack",
    "/stack/backend",
    "/stack/backend/django",
    "/checklist",
    "/checklist/data",
    "/checklist/data/orm",
    "/dashboard",
    "/journey",
    "/builder",
    "/paths",
    "/your-data",
    "/account",
    "/why-python",
    "/who-uses-python",
    "/sources",
    "/shared/not-a-real-token",
    "/no/such/page",
]


@pytest.fixture
def single_server(app_server) -> AppServer:
    if not isinstance(app_server, AppServer):
        pytest.skip("the single server's own edge (the cluster's is nginx)")
    return app_server


def _connection(url: str) -> http.client.HTTPConnection:
    address = urlsplit(url)
    return http.client.HTTPConnection("127.0.0.1", address.port, timeout=30)


def _rss_kib(pids: list[int]) -> int:
    return int(rss_mb(pids) * 1024)


def _import_upload_handler() -> str:
    """The full name of the event handler the import page uploads to (so the body is read)."""
    import reflex as rx

    from fullstack_guide import pages  # noqa: F401  (defines the states)

    todo = [rx.State]
    while todo:
        state = todo.pop()
        if "handle_upload" in state.event_handlers:
            return f"{state.get_full_name()}.handle_upload"
        todo.extend(state.__subclasses__())
    raise LookupError("no state handles uploads")


def _upload_headers(extra: dict[str, str]) -> dict[str, str]:
    return {
        "Content-Type": "multipart/form-data; boundary=fsg",
        "Reflex-Client-Token": "t",
        "Reflex-Event-Handler": _import_upload_handler(),
        **extra,
    }


def test_a_50_mb_upload_is_refused_before_it_is_read(single_server):
    pids = single_server.backend_pids()
    before = _rss_kib(pids)
    connection = _connection(single_server.url)
    connection.request(
        "POST", "/_upload", headers=_upload_headers({"Content-Length": str(FIFTY_MB)})
    )
    response = connection.getresponse()  # answered from the headers: no body byte was sent
    assert response.status == 413
    assert "too large" in response.read().decode()
    assert _rss_kib(pids) - before < 20 * 1024


def test_an_upload_without_length_is_cut_off_at_the_limit(single_server):
    pids = single_server.backend_pids()
    before = _rss_kib(pids)
    connection = _connection(single_server.url)
    connection.putrequest("POST", "/_upload")
    for name, value in _upload_headers({"Transfer-Encoding": "chunked"}).items():
        connection.putheader(name, value)
    connection.endheaders()
    part = (
        b'--fsg\r\nContent-Disposition: form-data; name="files"; filename="big.json"\r\n'
        b"Content-Type: application/json\r\n\r\n"
    )  # a well-formed start, so the app reads on instead of refusing the form at once
    connection.send(b"%x\r\n%s\r\n" % (len(part), part))
    sent = 0
    try:
        while sent < 2 * upload_body_limit():
            connection.send(b"%x\r\n%s\r\n" % (len(CHUNK), CHUNK))
            sent += len(CHUNK)
        connection.send(b"0\r\n\r\n")
    except OSError:
        pass  # the server may close the connection once it has answered
    response = connection.getresponse()
    assert response.status == 413
    assert _rss_kib(pids) - before < 20 * 1024


def test_the_server_listens_on_localhost_only(single_server):
    listening = listening_addresses(single_server.port)
    assert listening, "nothing listens on the server's port"
    assert set(listening) <= {"127.0.0.1", "::1"}, listening


def test_every_sitemap_and_page_route_answers_200_without_a_redirect(single_server):
    from fullstack_guide import pages  # noqa: F401  (registers the routes)
    from fullstack_guide.templates.template import PAGES

    connection = _connection(single_server.url)
    connection.request("GET", "/sitemap.xml")
    sitemap = ElementTree.fromstring(connection.getresponse().read())
    listed = {urlsplit(loc.text).path for loc in sitemap.iter() if loc.tag.endswith("loc")}
    routes = {spec.route for spec in PAGES if "[" not in spec.route}
    assert len(listed) > 100
    wrong = {}
    for path in sorted(listed | routes):
        connection.request("GET", path, headers={"Accept": "text/html"})
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            wrong[path] = (response.status, response.getheader("location"))
    assert wrong == {}


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_no_page_type_breaks_the_content_security_policy(page: Page, path: str):
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.add_init_script(CSP_WATCH)
    response = page.goto(path)
    if response is not None and response.status == 404:
        expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    else:
        wait_until_ready(page)  # hydrated and connected: every script it needs has run
    page.wait_for_timeout(500)
    assert page.evaluate("window.__cspViolations") == []
    assert [e for e in errors if "Content Security Policy" in e] == []


def test_an_injected_inline_script_or_foreign_socket_is_blocked(page: Page, single_server):
    """The hashes allow the page's own scripts only, and connections go nowhere else.

    The single server's policy: the cluster's nginx cannot hash each page and allows inline
    scripts (docs/threat-model.md).
    """
    page.add_init_script(CSP_WATCH)
    page.goto("/checklist")
    wait_until_ready(page)
    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.__injected = 1";
          document.body.appendChild(script);
          try { new WebSocket("ws://evil.example:1/"); } catch (e) {}
        }"""
    )
    page.wait_for_timeout(500)
    assert page.evaluate("window.__injected") is None
    violations = page.evaluate("window.__cspViolations")
    assert any(v.startswith("script-src-elem inline") for v in violations), violations
    assert any(v.startswith("connect-src ws://evil.example") for v in violations), violations
