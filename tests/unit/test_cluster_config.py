"""The cluster's nginx configuration (scripts/cluster/nginx.py), checked without starting it."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from scripts.cluster import (
    BACKEND_ROUTES,
    PIN_HEADER,
    TEST_HOOKS_ENV,
    UPSTREAM_HEADER,
    Cluster,
    dynamic_route_regex,
    nginx_binary,
    nginx_conf,
    upload_body_limit,
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
    assert "location ~ ^/shared/[^/]+/?$" in conf
    hooked = render(tmp_path, test_hooks=True)
    assert f"add_header {UPSTREAM_HEADER} $upstream_addr always;" in hooked


def test_a_plain_cluster_has_no_worker_pinning_nor_upstream_header(tmp_path: Path):
    """Only the tests may choose a worker or learn which one answered."""
    conf = render(tmp_path)
    assert "proxy_pass http://fsg_workers;" in conf
    for test_only in (UPSTREAM_HEADER, "fsg_worker_", "$http_x_fsg_worker", "$fsg_upstream"):
        assert test_only not in conf
    hooked = render(tmp_path, test_hooks=True)
    assert "proxy_pass http://$fsg_upstream;" in hooked
    assert "map $http_x_fsg_worker $fsg_upstream" in hooked


def test_only_the_environment_flag_turns_the_test_hooks_on(tmp_path: Path, monkeypatch):
    monkeypatch.delenv(TEST_HOOKS_ENV, raising=False)
    assert not Cluster(tmp_path).test_hooks
    monkeypatch.setenv(TEST_HOOKS_ENV, "1")
    assert Cluster(tmp_path).test_hooks
    assert PIN_HEADER.lower() == "x-fsg-worker"  # what the map reads: $http_x_fsg_worker


def test_the_body_limit_follows_the_apps_import_limit(tmp_path: Path):
    from fullstack_guide.services.transfer import MAX_IMPORT_BYTES

    assert upload_body_limit() == MAX_IMPORT_BYTES + 64 * 1024
    assert f"client_max_body_size {upload_body_limit()};" in render(tmp_path)


def test_the_websocket_is_accepted_from_every_local_address(tmp_path: Path):
    """``PORT=3400 make cluster``: 127.0.0.1:3400 is as good as localhost:3400, as in make run."""
    cluster = Cluster(tmp_path, port=3400, db_url="sqlite:///unused.db", redis_url="redis://x")
    origins = cluster.reflex_env()["REFLEX_CORS_ALLOWED_ORIGINS"].split(",")
    assert {"http://localhost:3400", "http://127.0.0.1:3400"} <= set(origins)
    assert cluster.reflex_env()["REFLEX_DEPLOY_URL"] in origins


def test_workers_keep_a_tabs_state_between_its_events(tmp_path: Path, monkeypatch):
    """Opportunistic locks are on in the cluster unless the environment turns them off."""
    monkeypatch.delenv("REFLEX_OPLOCK_ENABLED", raising=False)
    cluster = Cluster(tmp_path, port=3400, db_url="sqlite:///unused.db", redis_url="redis://x")
    assert cluster.reflex_env()["REFLEX_OPLOCK_ENABLED"] == "true"
    monkeypatch.setenv("REFLEX_OPLOCK_ENABLED", "false")
    assert cluster.reflex_env()["REFLEX_OPLOCK_ENABLED"] == "false"


def test_a_pinned_worker_keeps_the_others_as_backups(tmp_path: Path):
    conf = render(tmp_path, test_hooks=True)
    pool = conf.split("upstream fsg_worker_1 {", 1)[1].split("}", 1)[0]
    assert "server 127.0.0.1:8002 max_fails=1" in pool
    assert "server 127.0.0.1:8001 backup;" in pool
    assert "server 127.0.0.1:8003 backup;" in pool


@pytest.mark.skipif(nginx_binary() is None, reason="nginx is not installed")
def test_nginx_accepts_the_configuration(tmp_path: Path):
    for name in ("site", "nginx", "logs"):
        (tmp_path / name).mkdir()
    conf = tmp_path / "nginx" / "nginx.conf"
    conf.write_text(render(tmp_path, test_hooks=True))
    prefix, error_log = tmp_path / "nginx", tmp_path / "logs" / "error.log"
    result = subprocess.run(
        [nginx_binary(), "-t", "-p", str(prefix), "-c", str(conf), "-e", str(error_log)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
