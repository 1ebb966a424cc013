"""The cluster's nginx configuration (scripts/cluster.py), checked without starting anything."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from scripts.cluster import (
    BACKEND_ROUTES,
    UPSTREAM_HEADER,
    dynamic_route_regex,
    nginx_binary,
    nginx_conf,
)


def render(tmp_path: Path, **overrides) -> str:
    options = {
        "port": 3000,
        "worker_ports": [8001, 8002, 8003],
        "site": tmp_path / "site",
        "prefix": tmp_path / "nginx",
        "logs": tmp_path / "logs",
        "dynamic_routes": ["index", "checklist", "shared/[token]"],
    }
    return nginx_conf(**{**options, **overrides})


@pytest.mark.parametrize(
    ("route", "regex"),
    [
        ("checklist/data", None),
        ("shared/[token]", "^/shared/[^/]+/?$"),
        ("docs/[[...splat]]", "^/docs/.*/?$"),
    ],
)
def test_dynamic_routes_become_regex_locations(route: str, regex: str | None):
    assert dynamic_route_regex(route) == regex


def test_every_worker_is_in_the_pool_and_only_loopback_listens(tmp_path: Path):
    conf = render(tmp_path)
    for port in (8001, 8002, 8003):
        assert f"server 127.0.0.1:{port} max_fails=1" in conf
    assert "least_conn;" in conf
    listens = [line.strip() for line in conf.splitlines() if line.strip().startswith("listen")]
    assert listens == ["listen 127.0.0.1:3000;"]
    assert "listen [::1]:3000;" in render(tmp_path, ipv6=True)


def test_backend_routes_are_proxied_with_websocket_upgrade(tmp_path: Path):
    conf = render(tmp_path)
    assert f"location ~ ^/({'|'.join(BACKEND_ROUTES)})(/|$)" in conf
    assert "_event" in BACKEND_ROUTES and "_upload" in BACKEND_ROUTES
    assert "proxy_set_header Upgrade $http_upgrade;" in conf
    assert "proxy_set_header Connection $connection_upgrade;" in conf
    assert f"add_header {UPSTREAM_HEADER} $upstream_addr always;" in conf
    assert "location ~ ^/shared/[^/]+/?$" in conf


def test_a_pinned_worker_keeps_the_others_as_backups(tmp_path: Path):
    conf = render(tmp_path)
    pool = conf.split("upstream fsg_worker_1 {", 1)[1].split("}", 1)[0]
    assert "server 127.0.0.1:8002 max_fails=1" in pool
    assert "server 127.0.0.1:8001 backup;" in pool
    assert "server 127.0.0.1:8003 backup;" in pool


@pytest.mark.skipif(nginx_binary() is None, reason="nginx is not installed")
def test_nginx_accepts_the_configuration(tmp_path: Path):
    for name in ("site", "nginx", "logs"):
        (tmp_path / name).mkdir()
    conf = tmp_path / "nginx" / "nginx.conf"
    conf.write_text(render(tmp_path))
    prefix, error_log = tmp_path / "nginx", tmp_path / "logs" / "error.log"
    result = subprocess.run(
        [nginx_binary(), "-t", "-p", str(prefix), "-c", str(conf), "-e", str(error_log)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
