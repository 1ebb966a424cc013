"""nginx in front of the cluster: the exported frontend, and a websocket-aware proxy to workers.

The configuration is ``nginx.conf.template`` with ``@{name}`` placeholders (nginx keeps ``$``
and braces for itself), filled in on every start.
"""

from __future__ import annotations

import json
import string
import subprocess
from pathlib import Path

from scripts.cluster.common import ClusterError, account_exists, is_root, log
from scripts.cluster.installer import brotli_static_module, nginx_binary
from scripts.cluster.processes import ProcessTable, http_ok, ipv6_loopback_available, port_in_use

TEMPLATE = Path(__file__).with_name("nginx.conf.template")
# The backend's own routes (Reflex mounts them at the root as backend_path is empty).
BACKEND_ROUTES = ("_event", "ping", "_upload", "_health", "_all_routes", "auth-codespace")
PIN_HEADER = "X-FSG-Worker"
UPSTREAM_HEADER = "X-FSG-Upstream"
# Set to 1 by the browser tests only: nginx then honours PIN_HEADER and names the worker that
# answered in UPSTREAM_HEADER. A plain ``make cluster`` has neither.
TEST_HOOKS_ENV = "FSG_CLUSTER_TEST_HOOKS"
# Room for the multipart framing around an import file at the app's own limit.
UPLOAD_FRAMING_BYTES = 64 * 1024
SIDECAR_SUFFIXES = (".gz", ".br", ".zst")


class _ConfTemplate(string.Template):
    delimiter = "@"


def upload_body_limit() -> int:
    """nginx's ``client_max_body_size``: the app's import limit plus the multipart framing.

    The one place the cluster reads the app's limit, so the two cannot drift apart.
    """
    from fullstack_guide.services.transfer import MAX_IMPORT_BYTES

    return MAX_IMPORT_BYTES + UPLOAD_FRAMING_BYTES


def dynamic_route_regex(route: str) -> str | None:
    """``shared/[token]`` -> ``^/shared/[^/]+/?$``; None for a static route."""
    if "[" not in route:
        return None
    parts = []
    for part in route.strip("/").split("/"):
        if part.startswith("[[...") or part.startswith("[..."):
            parts.append(".*")
        elif part.startswith("["):
            parts.append("[^/]+")
        else:
            parts.append(part.replace(".", r"\."))
    return "^/" + "/".join(parts) + "/?$"


def immutable_assets(site: Path) -> list[str]:
    """The export's files the app's own caching rule keeps for a year (its URL paths)."""
    from fullstack_guide.caching import IMMUTABLE, cache_control

    paths = (
        "/" + file.relative_to(site).as_posix()
        for file in sorted(site.rglob("*"))
        if file.is_file() and not file.name.endswith(SIDECAR_SUFFIXES)
    )
    return [path for path in paths if cache_control(path, 200) == IMMUTABLE]


def _pinning_blocks(worker_ports: list[int]) -> str:
    """Test-only upstreams: ``PIN_HEADER: <n>`` prefers worker n, the others stay as backups."""
    pinned = []
    for index, wport in enumerate(worker_ports):
        backups = "\n".join(
            f"        server 127.0.0.1:{p} backup;" for p in worker_ports if p != wport
        )
        pinned.append(
            f"    upstream fsg_worker_{index} {{\n"
            f"        server 127.0.0.1:{wport} max_fails=1 fail_timeout=5s;\n"
            f"{backups}\n"
            f"        keepalive 8;\n    }}"
        )
    pin_map = "\n".join(f"        {i} fsg_worker_{i};" for i in range(len(worker_ports)))
    return (
        f'    # Test hooks ({TEST_HOOKS_ENV}=1): "{PIN_HEADER}: <n>" prefers worker n. The\n'
        "    # cluster tests use it to put two tabs of one learner on different workers.\n"
        + "\n".join(pinned)
        + "\n\n    map $http_x_fsg_worker $fsg_upstream {\n"
        "        default fsg_workers;\n"
        f"{pin_map}\n    }}\n"
    )


def nginx_conf(
    *,
    port: int,
    worker_ports: list[int],
    site: Path,
    prefix: Path,
    logs: Path,
    dynamic_routes: list[str],
    headers: dict[str, str] | None = None,
    user: str | None = None,
    ipv6: bool = False,
    test_hooks: bool = False,
    brotli_module: Path | None = None,
    immutable_paths: list[str] = (),
) -> str:
    """The load balancer: static frontend, websocket-aware proxy to the workers.

    ``headers`` go on every response nginx serves itself (404s included): the app's security
    headers, which its workers add to their own responses. ``test_hooks`` adds the worker
    pinning the browser tests use; ``brotli_module`` serves the export's ``.br`` files;
    ``immutable_paths`` (see :func:`immutable_assets`) are cached for a year.
    """
    from fullstack_guide.caching import IMMUTABLE, REVALIDATE

    if headers is None:
        from fullstack_guide.security import SECURITY_HEADERS as headers
    own_headers = "\n".join(
        f'            add_header {name} "{value.replace(chr(34), "")}" always;'
        for name, value in headers.items()
    )
    spa_locations = "\n".join(
        f"        location ~ {regex} {{\n"
        f"{own_headers}\n"
        "            add_header Cache-Control $fsg_cache_control;\n"
        "            try_files $uri $uri.html $uri/index.html /__spa-fallback.html;\n"
        "        }"
        for regex in filter(None, map(dynamic_route_regex, dynamic_routes))
    )
    listen = f"        listen 127.0.0.1:{port};"
    if ipv6:
        listen += f"\n        listen [::1]:{port};"
    return _ConfTemplate(TEMPLATE.read_text()).substitute(
        load_brotli=f"load_module {brotli_module};" if brotli_module else "# (no brotli_static)",
        brotli="brotli_static on;        # and a .br beside it" if brotli_module else "",
        user_line=f"user {user};" if user else "# (not root: workers run as the current user)",
        prefix=prefix,
        logs=logs,
        site=site,
        pin_log=" pin=$http_x_fsg_worker" if test_hooks else "",
        body_limit=upload_body_limit(),
        revalidate=REVALIDATE,
        immutable_assets="\n".join(
            f'        "{path}" "{IMMUTABLE}";'
            for path in immutable_paths
            if '"' not in path and "\\" not in path
        ),
        servers="\n".join(
            f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;" for p in worker_ports
        ),
        pinning=_pinning_blocks(worker_ports) if test_hooks else "",
        listen=listen,
        backend="|".join(BACKEND_ROUTES),
        upstream="$fsg_upstream" if test_hooks else "fsg_workers",
        upstream_header=(
            f"            add_header {UPSTREAM_HEADER} $upstream_addr always;\n"
            if test_hooks
            else ""
        ),
        own_headers=own_headers,
        spa_locations=spa_locations,
    )


class NginxPart(ProcessTable):
    """nginx in the foreground (``daemon off``), its configuration rewritten on every start."""

    state_dir: Path
    port: int
    worker_ports: list[int]
    site: Path
    origin: str
    test_hooks: bool
    nginx: subprocess.Popen | None

    def _nginx_args(self) -> list[str]:
        binary = nginx_binary()
        if binary is None:
            raise ClusterError("nginx is not installed")
        prefix = self.state_dir / "nginx"
        return [
            binary,
            *("-p", str(prefix), "-c", str(prefix / "nginx.conf")),
            *("-e", str(self.logs / "nginx-error.log")),
        ]

    def write_nginx_conf(self) -> Path:
        routes_file = self.state_dir / "routes.json"
        routes = json.loads(routes_file.read_text()) if routes_file.exists() else []
        prefix = self.state_dir / "nginx"
        conf = prefix / "nginx.conf"
        user = None
        if is_root():
            user = "www-data" if account_exists("www-data") else "nobody"
        conf.write_text(
            nginx_conf(
                port=self.port,
                worker_ports=self.worker_ports,
                site=self.site,
                prefix=prefix,
                logs=self.logs,
                dynamic_routes=routes,
                user=user,
                ipv6=ipv6_loopback_available(),
                test_hooks=self.test_hooks,
                brotli_module=brotli_static_module(),
                immutable_paths=immutable_assets(self.site),
            )
        )
        return conf

    def start_nginx(self) -> None:
        self.write_nginx_conf()
        self._run([*self._nginx_args(), "-t", "-q"], "nginx-check")
        self.nginx = self._spawn("nginx", [*self._nginx_args(), "-g", "daemon off;"])
        self._wait(lambda: port_in_use(self.port), "nginx", self.nginx, 30)
        log(f"nginx on {self.origin} -> workers {self.worker_ports}")

    def stop_nginx(self) -> None:
        self._terminate("nginx")  # fast shutdown: open websockets would hold a graceful one
        self.nginx = None

    def wait_until_serving(self) -> None:
        self._wait(
            lambda: http_ok(f"{self.origin}/ping") and http_ok(f"{self.origin}/"),
            "nginx",
            self.nginx,
            60,
        )
