"""Serving config: the backend allows only the site's own origin, and Granian stops cleanly."""

from __future__ import annotations

import rxconfig


def test_default_is_localhost_on_the_frontend_port(monkeypatch):
    monkeypatch.delenv("REFLEX_DEPLOY_URL", raising=False)
    monkeypatch.setenv("REFLEX_FRONTEND_PORT", "4123")
    assert rxconfig.allowed_origins() == ["http://localhost:4123", "http://127.0.0.1:4123"]


def test_a_deploy_url_is_the_only_origin(monkeypatch):
    monkeypatch.setenv("REFLEX_DEPLOY_URL", "https://guide.example.org/")
    assert rxconfig.allowed_origins() == ["https://guide.example.org"]


def test_the_loaded_config_does_not_allow_every_origin():
    assert "*" not in rxconfig.config.cors_allowed_origins


def test_granian_serves_with_its_single_threaded_runtime():
    """Its multi-threaded runtime can panic on SIGTERM and skip draining writes in flight."""
    from granian.constants import Interfaces, RuntimeModes
    from granian.server import Server

    rxconfig.use_granian_single_threaded_runtime()  # idempotent: already applied on import
    assert Server("app:app", interface=Interfaces.ASGI).runtime_mode == RuntimeModes.st


def test_the_server_listens_on_this_machine_only_by_default():
    assert rxconfig.config.backend_host == "127.0.0.1"


def _make_run_command(env: dict[str, str]) -> str:
    import os
    import subprocess

    from testkit.paths import ROOT

    printed = subprocess.run(
        ["make", "--no-print-directory", "-n", "run"],
        cwd=ROOT,
        env={**{k: v for k, v in os.environ.items() if k != "HOST"}, **env},
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    return next(line for line in printed.splitlines() if "scripts.serve" in line)


def test_make_run_binds_localhost_unless_host_is_set_on_purpose():
    assert "--host 127.0.0.1" in _make_run_command({})
    assert "--host 0.0.0.0" in _make_run_command({"HOST": "0.0.0.0"})


def test_the_build_is_precompressed_with_brotli_beside_gzip():
    assert rxconfig.config.frontend_compression_formats == ["brotli", "gzip"]
