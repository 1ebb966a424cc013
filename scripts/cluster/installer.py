"""Debian's PostgreSQL, Redis and nginx (with its brotli_static module), installed when missing."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from scripts.cluster.common import ClusterError, is_root, log

BROTLI_STATIC_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
BROTLI_STATIC_PACKAGE = "libnginx-mod-http-brotli-static"


def postgres_bindir() -> Path | None:
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    return versions[-1].parent if versions else None


def which(name: str, *extra: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    return next((path for path in extra if os.access(path, os.X_OK)), None)


def nginx_binary() -> str | None:
    return which("nginx", "/usr/sbin/nginx")


def redis_binary() -> str | None:
    return which("redis-server", "/usr/bin/redis-server")


def brotli_static_module() -> Path | None:
    """Debian's brotli_static module for nginx, when installed."""
    return BROTLI_STATIC_MODULE if BROTLI_STATIC_MODULE.is_file() else None


def missing_packages(need_postgres: bool = True, need_redis: bool = True) -> list[str]:
    missing = []
    if need_postgres and (postgres_bindir() is None or not which("psql")):
        missing.append("postgresql")
    if need_redis and redis_binary() is None:
        missing.append("redis-server")
    if nginx_binary() is None:
        missing.append("nginx")
    if brotli_static_module() is None:
        missing.append(BROTLI_STATIC_PACKAGE)
    return missing


def ensure_packages(need_postgres: bool = True, need_redis: bool = True) -> None:
    """apt-get install PostgreSQL, Redis and nginx when missing (their binaries only).

    When we run as root and no policy-rc.d exists, one is put in place for the install so the
    packages do not also start system-wide services on the standard ports.
    """
    missing = missing_packages(need_postgres, need_redis)
    if not missing:
        return
    log(f"installing {', '.join(missing)} from Debian's packages")
    sudo = [] if is_root() else ["sudo"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    policy = Path("/usr/sbin/policy-rc.d")
    added_policy = False
    if is_root() and not policy.exists():
        policy.write_text("#!/bin/sh\n# added by scripts/cluster during apt-get\nexit 101\n")
        policy.chmod(0o755)
        added_policy = True
    try:
        subprocess.run([*sudo, "apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(
            [*sudo, "apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing],
            check=True,
            env=env,
        )
    finally:
        if added_policy:
            policy.unlink(missing_ok=True)
    still = missing_packages(need_postgres, need_redis)
    if still:
        raise ClusterError(f"apt-get did not provide {', '.join(still)}")
