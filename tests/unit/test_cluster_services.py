"""The cluster's nginx and Redis, started for real on free ports (no workers, no build needed).

nginx serves a small site laid out like ``reflex export``'s (``topics/orm.html`` beside
``topics/orm/index.html``, ``.gz`` and ``.br`` beside the assets); Redis runs from the
configuration the cluster writes.
"""

from __future__ import annotations

import http.client
import subprocess
import time
from pathlib import Path

import pytest

from scripts.cluster import (
    Cluster,
    brotli_static_module,
    free_port,
    immutable_assets,
    is_root,
    nginx_binary,
    nginx_conf,
    port_in_use,
    redis_binary,
    redis_ping,
    upload_body_limit,
)

ASSET = "/assets/app-AbCd1234.js"


def _export_like_site(site: Path) -> None:
    for name, body in {
        "index.html": "<html>home</html>",
        "404.html": "<html>not found</html>",
        "__spa-fallback.html": "<html>spa</html>",
        "topics/orm/index.html": "<html>orm</html>",
        "topics/orm.html": "<html>orm</html>",
        "sitemap.xml": "<urlset/>",
    }.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(body)
    script = site / ASSET.lstrip("/")
    script.parent.mkdir(parents=True)
    script.write_text("console.log('plain');" * 50)
    script.with_suffix(".js.gz").write_bytes(b"gzip bytes")
    script.with_suffix(".js.br").write_bytes(b"brotli bytes")
    (script.parent / "logo.svg").write_text("<svg/>")  # no content hash in its name


@pytest.fixture
def nginx(tmp_path: Path):
    """nginx with the cluster's configuration in front of one worker port nobody listens on."""
    if nginx_binary() is None:
        pytest.skip("nginx is not installed")
    if brotli_static_module() is None:
        pytest.skip("libnginx-mod-http-brotli-static is not installed")
    site, prefix, logs = tmp_path / "site", tmp_path / "nginx", tmp_path / "logs"
    for path in (site, prefix, logs):
        path.mkdir()
    _export_like_site(site)
    port = free_port()
    conf = prefix / "nginx.conf"
    conf.write_text(
        nginx_conf(
            port=port,
            worker_ports=[free_port({port})],
            site=site,
            prefix=prefix,
            logs=logs,
            dynamic_routes=["shared/[token]"],
            user="root" if is_root() else None,  # pytest's tmp_path is private to us
            brotli_module=brotli_static_module(),
            immutable_paths=immutable_assets(site),
        )
    )
    args = [nginx_binary(), "-p", str(prefix), "-c", str(conf), "-e", str(logs / "error.log")]
    process = subprocess.Popen([*args, "-g", "daemon off;"])
    deadline = time.monotonic() + 10
    while not port_in_use(port) and time.monotonic() < deadline:
        time.sleep(0.1)
    yield port, logs
    process.terminate()
    process.wait(10)


def _get(port: int, path: str, method: str = "GET", **headers) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request(method, path, headers=headers)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


@pytest.mark.parametrize("path", ["/topics/orm", "/topics/orm/", "/shared/abc", "/sitemap.xml"])
def test_deep_links_answer_200_without_a_redirect(nginx, path: str):
    port, _ = nginx
    response = _get(port, path)
    assert response.status == 200, (path, response.status, response.getheader("Location"))


def test_brotli_goes_to_browsers_that_accept_it_and_gzip_to_the_others(nginx):
    port, _ = nginx
    assert _get(port, ASSET, **{"Accept-Encoding": "br, gzip"}).getheader("Content-Encoding") == (
        "br"
    )
    assert _get(port, ASSET, **{"Accept-Encoding": "gzip"}).getheader("Content-Encoding") == "gzip"
    assert _get(port, ASSET).getheader("Content-Encoding") is None


def test_the_access_log_leaves_out_query_strings(nginx):
    """The websocket URL carries the tab's Reflex token; logs must not keep it."""
    port, logs = nginx
    _get(port, "/_event/?EIO=4&transport=websocket&token=SECRET-TOKEN")  # 502: no worker
    _get(port, "/topics/orm?token=SECRET-TOKEN")
    time.sleep(0.3)
    log = (logs / "nginx-access.log").read_text()
    assert '"GET /_event/ HTTP/1.1"' in log
    assert '"GET /topics/orm HTTP/1.1"' in log
    assert "SECRET-TOKEN" not in log


def test_uploads_over_the_apps_limit_plus_framing_are_refused(nginx):
    port, _ = nginx
    for size, refused in ((upload_body_limit() + 1, True), (upload_body_limit(), False)):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("POST", "/_upload", body=b"x" * size)
        status = connection.getresponse().status
        connection.close()
        assert (status == 413) is refused, (size, status)


@pytest.mark.skipif(redis_binary() is None, reason="redis-server is not installed")
def test_redis_requires_the_generated_password_which_never_shows_in_ps(tmp_path: Path):
    cluster = Cluster(tmp_path / "state", redis_port=free_port(), db_url="sqlite:///unused.db")
    for path in (cluster.logs, cluster.run_dir):
        path.mkdir(parents=True)
    cluster.secrets_dir.mkdir(mode=0o700)
    cluster.start_redis()
    try:
        password = cluster.redis_password
        assert len(password) >= 24
        assert not redis_ping(cluster.redis_port)  # NOAUTH without the password
        assert redis_ping(cluster.redis_port, password)
        assert cluster.redis_url == f"redis://:{password}@127.0.0.1:{cluster.redis_port}/0"
        assert cluster.reflex_env()["REFLEX_REDIS_URL"] == cluster.redis_url
        ps = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
        assert "redis-server" in ps and password not in ps
        for secret in ("redis-password", "redis.conf"):
            assert (cluster.secrets_dir / secret).stat().st_mode & 0o777 == 0o600
        assert cluster.secrets_dir.stat().st_mode & 0o777 == 0o700
    finally:
        cluster.stop_redis()


@pytest.mark.parametrize("path", [ASSET, "/assets/logo.svg", "/topics/orm", "/"])
def test_nginx_caches_each_file_as_the_app_would(nginx, path: str):
    """One rule: fullstack_guide.caching decides; a year only for content-hashed names."""
    from fullstack_guide.caching import cache_control

    port, _ = nginx
    response = _get(port, path)
    assert response.status == 200
    assert response.getheader("Cache-Control") == cache_control(path, 200)
