"""Run the guide as a small cluster on this machine: the scale-out topology, for real.

    nginx :3000 ──┬── static frontend (``reflex export``, built for the nginx origin)
                  └── /_event (websocket), /ping, /_upload, … ──► Reflex backend workers
                                                                   :8001, :8002, … (least_conn)
    workers ──► Redis (shared Reflex state: any worker can serve any tab)
            ──► PostgreSQL (the learners' data, migrated once before the workers start)

Everything listens on loopback only and keeps its data under ``.cluster/`` (git-ignored).
PostgreSQL, Redis and nginx come from Debian's packages and are installed when missing.

    python -m scripts.cluster up [--port 3000] [--workers 2]   # foreground; Ctrl-C stops it all
    python -m scripts.cluster stop                             # stop a cluster left running
    python -m scripts.cluster status | deps

The browser tests drive the same ``Cluster`` class (``FSG_TARGET=cluster``) on free ports with a
fresh database in a temporary directory.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import hashlib
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLUSTER_DIR = ROOT / ".cluster"
WEB_WORKDIR = CLUSTER_DIR / "web"  # Reflex's build workspace for the cluster (keeps node_modules)
DEFAULT_STATE_DIR = CLUSTER_DIR / "data"
BIN = ROOT / ".venv" / "bin"
BUN_BIN = ROOT / ".tools" / "node_modules" / ".bin"

DB_NAME = "fullstack_guide"
DB_USER = "fullstack_guide"
PG_SUPERUSER_OS = "postgres"  # Debian's postgres account; initdb refuses to run as root
# The backend's own routes (Reflex mounts them at the root as backend_path is empty).
BACKEND_ROUTES = ("_event", "ping", "_upload", "_health", "_all_routes", "auth-codespace")
PIN_HEADER = "X-FSG-Worker"
UPSTREAM_HEADER = "X-FSG-Upstream"
# Set to 1 by the browser tests only: nginx then honours PIN_HEADER and names the worker that
# answered in UPSTREAM_HEADER. A plain ``make cluster`` has neither.
TEST_HOOKS_ENV = "FSG_CLUSTER_TEST_HOOKS"
BROTLI_STATIC_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
BROTLI_STATIC_PACKAGE = "libnginx-mod-http-brotli-static"
# The export writes .gz and .br beside every compressible file; nginx serves them as they are.
COMPRESSION_FORMATS = "gzip,brotli"
# Room for the multipart framing around an import file at the app's own limit.
UPLOAD_FRAMING_BYTES = 64 * 1024
SOURCES_FOR_BUILD = ("fullstack_guide", "assets", "rxconfig.py", "requirements.txt")
START_TIMEOUT_S = 180
STOP_TIMEOUT_S = 20


class ClusterError(RuntimeError):
    """A piece of the cluster could not be installed, started or stopped."""


def log(message: str) -> None:
    print(f"[cluster] {message}", flush=True)


def is_root() -> bool:
    return os.geteuid() == 0


# --- Debian packages -----------------------------------------------------------------------


def postgres_bindir() -> Path | None:
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    return versions[-1].parent if versions else None


def _which(name: str, *extra: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    return next((path for path in extra if os.access(path, os.X_OK)), None)


def nginx_binary() -> str | None:
    return _which("nginx", "/usr/sbin/nginx")


def redis_binary() -> str | None:
    return _which("redis-server", "/usr/bin/redis-server")


def brotli_static_module() -> Path | None:
    """Debian's brotli_static module for nginx, when installed."""
    return BROTLI_STATIC_MODULE if BROTLI_STATIC_MODULE.is_file() else None


def missing_packages(need_postgres: bool = True, need_redis: bool = True) -> list[str]:
    missing = []
    if need_postgres and (postgres_bindir() is None or not _which("psql")):
        missing.append("postgresql")
    if need_redis and redis_binary() is None:
        missing.append("redis-server")
    if nginx_binary() is None:
        missing.append("nginx")
    if brotli_static_module() is None:
        missing.append(BROTLI_STATIC_PACKAGE)
    return missing


def upload_body_limit() -> int:
    """nginx's ``client_max_body_size``: the app's import limit plus the multipart framing.

    The one place the cluster reads the app's limit, so the two cannot drift apart.
    """
    from fullstack_guide.services.transfer import MAX_IMPORT_BYTES

    return MAX_IMPORT_BYTES + UPLOAD_FRAMING_BYTES


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
        policy.write_text("#!/bin/sh\n# added by scripts/cluster.py during apt-get\nexit 101\n")
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


# --- small helpers ---------------------------------------------------------------------------


def free_port(taken: set[int] | None = None) -> int:
    while True:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        if not taken or port not in taken:
            return port


def port_in_use(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def ipv6_loopback_available() -> bool:
    try:
        with socket.socket(socket.AF_INET6) as sock:
            sock.bind(("::1", 0))
        return True
    except OSError:
        return False


def http_ok(url: str, timeout: float = 3) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status == 200
    except OSError:
        return False


def redis_ping(port: int, password: str | None = None) -> bool:
    """Whether the Redis on ``port`` answers PING (after AUTH when a password is given)."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
            if password is not None:
                sock.sendall(_resp_command("AUTH", password))
                if not sock.recv(64).startswith(b"+OK"):
                    return False
            sock.sendall(_resp_command("PING"))
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _resp_command(*words: str) -> bytes:
    """A command in Redis's wire format (RESP), safe for any bytes in the words."""
    parts = [f"*{len(words)}\r\n".encode()]
    for word in words:
        data = word.encode()
        parts.append(b"$%d\r\n%s\r\n" % (len(data), data))
    return b"".join(parts)


def redis_conf(*, port: int, data_dir: Path, password: str) -> str:
    """redis-server's settings, password included: a file, so it never shows in ``ps``."""
    return (
        "# written by scripts/cluster.py on every start\n"
        "bind 127.0.0.1\n"
        f"port {port}\n"
        "protected-mode yes\n"
        f'dir "{data_dir}"\n'
        'save ""\n'
        "appendonly no\n"
        "daemonize no\n"
        f'requirepass "{password}"\n'
    )


def read_or_create_secret(path: Path) -> str:
    """A generated password kept in ``path`` (mode 0600); URL- and config-safe characters."""
    if not path.exists():
        with _private_umask():
            path.write_text(secrets.token_urlsafe(24) + "\n")
    path.chmod(0o600)
    return path.read_text().strip()


@contextlib.contextmanager
def _private_umask() -> Iterator[None]:
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie child of ours counts as gone
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state != "Z"


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def world_traversable(path: Path) -> bool:
    """Whether other accounts (postgres, www-data) can reach ``path`` through its parents."""
    return all(os.stat(parent).st_mode & 0o001 for parent in [path, *path.parents])


def tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def build_fingerprint(origin: str) -> str:
    """What the exported frontend depends on: the sources, the pins and the baked-in origin."""
    digest = hashlib.sha256(f"{origin} {COMPRESSION_FORMATS}".encode())
    for name in SOURCES_FOR_BUILD:
        base = ROOT / name
        files = sorted(p for p in base.rglob("*") if p.is_file()) if base.is_dir() else [base]
        for file in files:
            if "__pycache__" in file.parts:
                continue
            digest.update(str(file.relative_to(ROOT)).encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()


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


# --- nginx configuration ------------------------------------------------------------------------


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
) -> str:
    """The load balancer: static frontend, websocket-aware proxy to the workers.

    ``headers`` go on every response nginx serves itself (404s included): the app's security
    headers, which its workers add to their own responses. ``test_hooks`` adds the worker
    pinning the browser tests use; ``brotli_module`` serves the export's ``.br`` files.
    """
    from fullstack_guide.caching import IMMUTABLE, REVALIDATE

    if headers is None:
        from fullstack_guide.security import SECURITY_HEADERS as headers
    own_headers = "\n".join(
        f'            add_header {name} "{value.replace(chr(34), "")}" always;'
        for name, value in headers.items()
    )
    servers = "\n".join(
        f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;" for p in worker_ports
    )
    spa_locations = "\n".join(
        f"        location ~ {regex} {{\n"
        f"{own_headers}\n"
        f'            add_header Cache-Control "{REVALIDATE}";\n'
        f"            try_files $uri $uri.html $uri/index.html /__spa-fallback.html;\n"
        f"        }}"
        for regex in filter(None, map(dynamic_route_regex, dynamic_routes))
    )
    listen = f"        listen 127.0.0.1:{port};"
    if ipv6:
        listen += f"\n        listen [::1]:{port};"
    backend = "|".join(BACKEND_ROUTES)
    user_line = f"user {user};" if user else "# (not root: workers run as the current user)"
    load_brotli = f"load_module {brotli_module};" if brotli_module else "# (no brotli_static)"
    brotli = "brotli_static on;        # and a .br beside it" if brotli_module else ""
    upstream = "$fsg_upstream" if test_hooks else "fsg_workers"
    pinning = _pinning_blocks(worker_ports) if test_hooks else ""
    pin_log = " pin=$http_x_fsg_worker" if test_hooks else ""
    upstream_header = (
        f"            add_header {UPSTREAM_HEADER} $upstream_addr always;\n" if test_hooks else ""
    )
    return f"""# Written by scripts/cluster.py on every start; edit the script, not this file.
{load_brotli}
{user_line}
worker_processes 2;
pid {prefix}/nginx.pid;
error_log {logs}/nginx-error.log warn;

events {{
    worker_connections 4096;
}}

http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    # The path without its query string: the websocket URL carries the tab's Reflex token.
    map $request_uri $fsg_path {{
        "~^(?<path>[^?]*)" $path;
    }}
    log_format fsg '$remote_addr [$time_local] "$request_method $fsg_path $server_protocol" '
                   '$status $body_bytes_sent upstream=$upstream_addr{pin_log} rt=$request_time';
    access_log {logs}/nginx-access.log fsg;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    sendfile on;
    tcp_nopush on;
    server_tokens off;
    gzip_static on;          # the export writes a .gz beside every compressible file
    {brotli}
    # The app's import limit plus the multipart framing (upload_body_limit()).
    client_max_body_size {upload_body_limit()};

    map $http_upgrade $connection_upgrade {{
        default upgrade;
        ''      '';
    }}

    # Every worker can serve every tab: Reflex keeps the per-tab state in Redis.
    upstream fsg_workers {{
        least_conn;
{servers}
        keepalive 32;
    }}

{pinning}
    server {{
{listen}
        server_name localhost;
        root {site};
        index index.html;

        location ~ ^/({backend})(/|$) {{
            proxy_pass http://{upstream};
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_read_timeout 1h;
            proxy_send_timeout 1h;
            proxy_buffering off;
            proxy_next_upstream error timeout http_502 http_503;
{upstream_header}        }}

        location ^~ /assets/ {{  # content-hashed file names: cache forever
{own_headers}
            add_header Cache-Control "{IMMUTABLE}";
            try_files $uri =404;
        }}

{spa_locations}

        location / {{
{own_headers}
            add_header Cache-Control "{REVALIDATE}";
            try_files $uri $uri.html $uri/index.html =404;
        }}

        # Paths that cannot be files (a NUL byte, "..", above the root) get the app's 404 page,
        # as they do from Reflex's own server.
        error_page 400 404 =404 /404.html;
    }}
}}
"""


# --- the cluster -------------------------------------------------------------------------------


class Cluster:
    """PostgreSQL + Redis + N Reflex backend workers behind nginx, all on loopback."""

    def __init__(
        self,
        state_dir: Path = DEFAULT_STATE_DIR,
        *,
        port: int = 3000,
        workers: int = 2,
        worker_base_port: int = 8001,
        worker_ports: list[int] | None = None,
        pg_port: int = 55432,
        redis_port: int = 56379,
        db_url: str | None = None,
        redis_url: str | None = None,
        test_hooks: bool | None = None,
    ) -> None:
        self.state_dir = Path(state_dir).absolute()
        if test_hooks is None:
            test_hooks = os.environ.get(TEST_HOOKS_ENV) == "1"
        self.test_hooks = test_hooks
        self.port = port
        self.worker_ports = worker_ports or [worker_base_port + i for i in range(workers)]
        if len(self.worker_ports) < 1:
            raise ClusterError("at least one worker is needed")
        self.pg_port = pg_port
        self.redis_port = redis_port
        self.external_db_url = db_url
        self.external_redis_url = redis_url
        self.workers: dict[int, subprocess.Popen] = {}
        self.nginx: subprocess.Popen | None = None
        self.redis: subprocess.Popen | None = None

    # paths
    @property
    def origin(self) -> str:
        return f"http://localhost:{self.port}"

    @property
    def local_origins(self) -> list[str]:
        """Every address of this machine's nginx a learner may open, as ``make run`` accepts."""
        origins = [self.origin, f"http://127.0.0.1:{self.port}"]
        if ipv6_loopback_available():
            origins.append(f"http://[::1]:{self.port}")
        return origins

    @property
    def logs(self) -> Path:
        return self.state_dir / "logs"

    @property
    def run_dir(self) -> Path:
        return self.state_dir / "run"

    @property
    def pg_data(self) -> Path:
        return self.state_dir / "pg"

    @property
    def pg_socket_dir(self) -> Path:
        return self.state_dir / "pg-socket"

    @property
    def site(self) -> Path:
        return self.state_dir / "site"

    @property
    def secrets_dir(self) -> Path:
        return self.state_dir / "secrets"

    @property
    def db_url(self) -> str:
        if self.external_db_url:
            return self.external_db_url
        password = (self.secrets_dir / "pg-password").read_text().strip()
        return f"postgresql+psycopg://{DB_USER}:{password}@127.0.0.1:{self.pg_port}/{DB_NAME}"

    @property
    def redis_password(self) -> str:
        return (self.secrets_dir / "redis-password").read_text().strip()

    @property
    def redis_url(self) -> str:
        if self.external_redis_url:
            return self.external_redis_url
        return f"redis://:{self.redis_password}@127.0.0.1:{self.redis_port}/0"

    def worker_url(self, index: int) -> str:
        return f"http://127.0.0.1:{self.worker_ports[index]}"

    # --- lifecycle --------------------------------------------------------------------------

    def preflight(self) -> None:
        """Install what is missing and check nothing is in the way; starts nothing."""
        ensure_packages(not self.external_db_url, not self.external_redis_url)
        self._prepare_dirs()
        if self.running_pieces():
            raise ClusterError(
                f"a cluster is already running from {self.state_dir}; "
                "stop it first (scripts/cluster.sh stop)"
            )
        ports = [self.port, *self.worker_ports]
        ports += [] if self.external_db_url else [self.pg_port]
        ports += [] if self.external_redis_url else [self.redis_port]
        busy = [port for port in ports if port_in_use(port)]
        if busy:
            raise ClusterError(f"ports already in use: {busy}")

    def start(self) -> None:
        """Bring every piece up, in order; on any failure stop what was started."""
        self.preflight()
        self._stop_request.unlink(missing_ok=True)
        try:
            started = time.monotonic()
            if not self.external_db_url:
                self.start_postgres()
            if not self.external_redis_url:
                self.start_redis()
            self.migrate()
            self.export_frontend()
            self.start_workers()
            self.start_nginx()
            self.wait_until_serving()
            log(f"serving {self.origin} in {time.monotonic() - started:.0f}s")
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        """Stop everything this state directory records, in reverse order; safe to repeat."""
        self.stop_nginx()
        for name in self._worker_names():
            self._terminate(name)
        self.workers.clear()
        self.stop_redis()
        self.stop_postgres()

    def request_stop(self) -> None:
        """Tell a foreground ``up`` in another terminal that this stop is deliberate."""
        if self.run_dir.is_dir():
            self._stop_request.touch()

    def restart_workers(self) -> None:
        for index in range(len(self.worker_ports)):
            self.stop_worker(index)
        self.start_workers()

    def running_pieces(self) -> list[str]:
        pieces = []
        if self._pid("nginx"):
            pieces.append("nginx")
        pieces += [f"worker :{n.split('-')[1]}" for n in self._worker_names() if self._pid(n)]
        if self._pid("redis"):
            pieces.append("redis")
        if (self.pg_data / "postmaster.pid").exists() and self._pg_ctl_status():
            pieces.append("postgres")
        return pieces

    # --- directories -----------------------------------------------------------------------

    def _prepare_dirs(self) -> None:
        if is_root() and self.state_dir == DEFAULT_STATE_DIR.absolute():
            self._relocate_if_unreachable()
        for path in (self.state_dir, self.logs, self.run_dir, self.state_dir / "nginx"):
            path.mkdir(parents=True, exist_ok=True)
        self.state_dir.chmod(0o755)
        if self.state_dir.parent == CLUSTER_DIR:
            CLUSTER_DIR.chmod(0o755)
        self.secrets_dir.mkdir(mode=0o700, exist_ok=True)
        self.secrets_dir.chmod(0o700)
        if is_root() and not world_traversable(self.state_dir):
            raise ClusterError(
                f"{self.state_dir} is not reachable by the postgres/www-data accounts; "
                "give its parent directories o+x or use another state directory"
            )

    def _relocate_if_unreachable(self) -> None:
        """A checkout under a private home: keep the data in /var/tmp, linked from .cluster/."""
        link = self.state_dir
        if link.is_symlink():
            self.state_dir = link.resolve()
            return
        if link.exists() or world_traversable(ROOT):
            return
        key = hashlib.sha256(str(ROOT).encode()).hexdigest()[:12]
        target = Path("/var/tmp") / f"fsg-cluster-{key}"
        target.mkdir(mode=0o755, exist_ok=True)
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(target)
        self.state_dir = target
        log(f"{ROOT} is private to its owner: cluster data lives in {target} (.cluster/data)")

    # --- pid files ---------------------------------------------------------------------------

    @property
    def _stop_request(self) -> Path:
        return self.run_dir / "stop-requested"

    def _worker_names(self) -> list[str]:
        """Workers by pid file, so ``stop`` finds them whatever ports they were started on."""
        names = {f"worker-{p}" for p in self.worker_ports}
        if self.run_dir.is_dir():
            names |= {path.stem for path in self.run_dir.glob("worker-*.pid")}
        return sorted(names, key=lambda name: int(name.split("-")[1]))

    def _pidfile(self, name: str) -> Path:
        return self.run_dir / f"{name}.pid"

    def _pid(self, name: str) -> int | None:
        """The recorded pid when that process is still alive and is the one we started."""
        path = self._pidfile(name)
        try:
            pid = int(path.read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None
        marker = {"nginx": "nginx", "redis": "redis-server"}.get(name, "reflex")
        if pid_alive(pid) and marker in cmdline(pid):
            return pid
        path.unlink(missing_ok=True)
        return None

    def _spawn(self, name: str, command: list[str], env: dict | None = None) -> subprocess.Popen:
        log_file = (self.logs / f"{name}.log").open("ab")
        try:
            process = subprocess.Popen(
                command,
                cwd=ROOT,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # Ctrl-C reaches the supervisor only; it stops us
            )
        finally:
            log_file.close()
        self._pidfile(name).write_text(f"{process.pid}\n")
        return process

    def _terminate(self, name: str, sig: int = signal.SIGTERM) -> None:
        pid = self._pid(name)
        if pid is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, sig)
        deadline = time.monotonic() + STOP_TIMEOUT_S
        while pid_alive(pid) and time.monotonic() < deadline:
            self._reap(pid)
            time.sleep(0.2)
        if pid_alive(pid):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)
            time.sleep(0.5)
        self._reap(pid)
        self._pidfile(name).unlink(missing_ok=True)

    @staticmethod
    def _reap(pid: int) -> None:
        with contextlib.suppress(ChildProcessError, OSError):
            os.waitpid(pid, os.WNOHANG)

    # --- PostgreSQL --------------------------------------------------------------------------

    def _as_pg_user(self, command: list[str]) -> list[str]:
        return ["runuser", "-u", PG_SUPERUSER_OS, "--", *command] if is_root() else command

    def _pg_tool(self, name: str) -> str:
        bindir = postgres_bindir()
        if bindir is None:
            raise ClusterError("PostgreSQL is not installed")
        return str(bindir / name)

    def _pg_ctl_status(self) -> bool:
        result = subprocess.run(
            self._as_pg_user([self._pg_tool("pg_ctl"), "status", "-D", str(self.pg_data)]),
            capture_output=True,
            cwd=self.state_dir,
        )
        return result.returncode == 0

    def start_postgres(self) -> None:
        owner = pwd.getpwnam(PG_SUPERUSER_OS) if is_root() else None
        password = read_or_create_secret(self.secrets_dir / "pg-password")
        pg_log = self.logs / "postgres.log"
        pg_log.touch()
        for path in (self.pg_data, self.pg_socket_dir):
            path.mkdir(mode=0o700, exist_ok=True)
        if owner:
            for path in (self.pg_data, self.pg_socket_dir, pg_log):
                os.chown(path, owner.pw_uid, owner.pw_gid)
        if not (self.pg_data / "PG_VERSION").exists():
            log(f"initdb {self.pg_data}")
            self._run(
                self._as_pg_user(
                    [
                        self._pg_tool("initdb"),
                        "-D",
                        str(self.pg_data),
                        "--auth-local=peer",
                        "--auth-host=scram-sha-256",
                        "--encoding=UTF8",
                        "--no-locale",
                    ]
                ),
                "postgres-initdb",
                cwd=self.state_dir,
            )
            with (self.pg_data / "postgresql.conf").open("a") as conf:
                conf.write("\ninclude_if_exists = 'fsg-cluster.conf'\n")
        settings = self.pg_data / "fsg-cluster.conf"
        settings.write_text(
            "# written by scripts/cluster.py on every start\n"
            "listen_addresses = '127.0.0.1'\n"
            f"port = {self.pg_port}\n"
            f"unix_socket_directories = '{self.pg_socket_dir}'\n"
        )
        if owner:
            os.chown(settings, owner.pw_uid, owner.pw_gid)
        self._run(
            self._as_pg_user(
                [
                    self._pg_tool("pg_ctl"),
                    "start",
                    "-D",
                    str(self.pg_data),
                    "-l",
                    str(pg_log),
                    "-w",
                    "-t",
                    "60",
                ]
            ),
            "postgres-ctl",
            cwd=self.state_dir,
        )
        sql = f"""
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{DB_USER}') THEN
    CREATE ROLE {DB_USER} LOGIN PASSWORD '{password}';
  ELSE
    ALTER ROLE {DB_USER} LOGIN PASSWORD '{password}';
  END IF;
END $$;
SELECT 'CREATE DATABASE {DB_NAME} OWNER {DB_USER}'
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '{DB_NAME}')\\gexec
"""
        psql = [
            _which("psql") or self._pg_tool("psql"),
            *("-h", str(self.pg_socket_dir), "-p", str(self.pg_port), "-d", "postgres"),
            *("-v", "ON_ERROR_STOP=1", "-q", "-f", "-"),
        ]
        self._run(self._as_pg_user(psql), "postgres-setup", stdin=sql, cwd=self.state_dir)
        log(f"postgres ready on 127.0.0.1:{self.pg_port} (database {DB_NAME})")

    def stop_postgres(self) -> None:
        if self.external_db_url or not (self.pg_data / "postmaster.pid").exists():
            return
        if postgres_bindir() is None:
            return
        subprocess.run(
            self._as_pg_user(
                [self._pg_tool("pg_ctl"), "stop", "-D", str(self.pg_data), "-m", "fast", "-w"]
            ),
            capture_output=True,
            cwd=self.state_dir,
        )

    # --- Redis ----------------------------------------------------------------------------

    def start_redis(self) -> None:
        redis_dir = self.state_dir / "redis"
        redis_dir.mkdir(exist_ok=True)
        binary = redis_binary()
        if binary is None:
            raise ClusterError("redis-server is not installed")
        password = read_or_create_secret(self.secrets_dir / "redis-password")
        conf = self.secrets_dir / "redis.conf"
        with _private_umask():
            conf.write_text(redis_conf(port=self.redis_port, data_dir=redis_dir, password=password))
        conf.chmod(0o600)
        self.redis = self._spawn("redis", [binary, str(conf)])
        self._wait(lambda: redis_ping(self.redis_port, password), "redis", self.redis, 30)
        log(f"redis ready on 127.0.0.1:{self.redis_port} (password in {self.secrets_dir})")

    def stop_redis(self) -> None:
        self._terminate("redis")
        self.redis = None

    # --- Reflex -----------------------------------------------------------------------------

    def reflex_env(self) -> dict[str, str]:
        return {
            **os.environ,
            "REFLEX_DB_URL": self.db_url,
            "REFLEX_REDIS_URL": self.redis_url,
            "REFLEX_API_URL": self.origin,  # baked into the frontend: the nginx origin
            "REFLEX_DEPLOY_URL": self.origin,
            # localhost, 127.0.0.1 and [::1] all reach nginx: accept the websocket from each,
            # as ``make run`` does (over rxconfig.allowed_origins, which knows one deploy URL).
            "REFLEX_CORS_ALLOWED_ORIGINS": ",".join(self.local_origins),
            "REFLEX_FRONTEND_COMPRESSION_FORMATS": COMPRESSION_FORMATS,
            "REFLEX_WEB_WORKDIR": str(WEB_WORKDIR),
            "REFLEX_STATES_WORKDIR": str(self.state_dir / "states"),
            "REFLEX_TRUSTED_PROXY_HOPS": "1",  # client IPs come from nginx's X-Forwarded-For
            "REFLEX_TELEMETRY_ENABLED": "false",
            # One process per worker port, so "a worker" is one process nginx can balance to.
            "GRANIAN_WORKERS": os.environ.get("GRANIAN_WORKERS", "1"),
            "PATH": f"{BUN_BIN}:{BIN}:{os.environ.get('PATH', '')}",
        }

    def migrate(self) -> None:
        """The Alembic migrations, once, before any worker starts."""
        self._run([str(BIN / "reflex"), "db", "migrate"], "migrate", env=self.reflex_env())
        log("migrations applied")

    @contextlib.contextmanager
    def _build_lock(self) -> Iterator[None]:
        WEB_WORKDIR.parent.mkdir(parents=True, exist_ok=True)
        with (WEB_WORKDIR.parent / "web.lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def export_frontend(self) -> None:
        """``reflex export --frontend-only`` for the nginx origin, copied into ``site/``."""
        fingerprint = build_fingerprint(self.origin)
        stamp = self.state_dir / "site.fingerprint"
        if self.site.is_dir() and stamp.exists() and stamp.read_text() == fingerprint:
            log("frontend unchanged since the last export; reusing it")
            return
        log(f"exporting the frontend for {self.origin} (log: {self.logs / 'export.log'})")
        started = time.monotonic()
        with self._build_lock():
            self._run(
                [str(BIN / "reflex"), "export", "--frontend-only", "--no-zip", "--env", "prod"],
                "export",
                env=self.reflex_env(),
            )
            built = WEB_WORKDIR / "build" / "client"
            fresh = self.state_dir / "site.new"
            shutil.rmtree(fresh, ignore_errors=True)
            shutil.copytree(built, fresh)
            routes = WEB_WORKDIR / "routes.json"
            if routes.exists():
                shutil.copy(routes, self.state_dir / "routes.json")
        if not any(
            f"ws://localhost:{self.port}/_event" in js.read_text(errors="ignore")
            for js in (fresh / "assets").glob("*.js")
        ):
            raise ClusterError(f"the exported frontend does not point at {self.origin}")
        old = self.state_dir / "site.old"
        shutil.rmtree(old, ignore_errors=True)
        if self.site.exists():
            self.site.rename(old)
        fresh.rename(self.site)
        shutil.rmtree(old, ignore_errors=True)
        for path in [self.site, *self.site.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        stamp.write_text(fingerprint)
        log(f"frontend exported in {time.monotonic() - started:.0f}s")

    def start_worker(self, index: int, wait: bool = True) -> subprocess.Popen:
        port = self.worker_ports[index]
        process = self._spawn(
            f"worker-{port}",
            [
                str(BIN / "reflex"),
                *("run", "--env", "prod", "--backend-only"),
                *("--backend-port", str(port), "--backend-host", "127.0.0.1"),
            ],
            env=self.reflex_env(),
        )
        self.workers[index] = process
        if wait:
            self._wait_worker(index)
        return process

    def _wait_worker(self, index: int) -> None:
        port = self.worker_ports[index]
        self._wait(
            lambda: http_ok(f"{self.worker_url(index)}/ping"),
            f"worker-{port}",
            self.workers.get(index),
            START_TIMEOUT_S,
        )

    def start_workers(self) -> None:
        for index in range(len(self.worker_ports)):
            self.start_worker(index, wait=False)
        for index in range(len(self.worker_ports)):
            self._wait_worker(index)
        log(f"{len(self.worker_ports)} workers ready on ports {self.worker_ports}")

    def stop_worker(self, index: int, sig: int = signal.SIGTERM) -> None:
        self._terminate(f"worker-{self.worker_ports[index]}", sig)
        self.workers.pop(index, None)

    def kill_worker(self, index: int) -> None:
        """A crash, not a shutdown: SIGKILL the worker's whole process group."""
        self.stop_worker(index, signal.SIGKILL)

    # --- nginx -----------------------------------------------------------------------------

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
        import json

        routes_file = self.state_dir / "routes.json"
        routes = json.loads(routes_file.read_text()) if routes_file.exists() else []
        prefix = self.state_dir / "nginx"
        conf = prefix / "nginx.conf"
        user = None
        if is_root():
            user = "www-data" if _account_exists("www-data") else "nobody"
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

    # --- supervision ------------------------------------------------------------------------

    def supervise(self) -> int:
        """Stay in the foreground until Ctrl-C/SIGTERM or until nginx or Redis dies."""
        reported: set[int] = set()
        while True:
            time.sleep(1)
            if self._stop_request.exists():
                log("stop requested (scripts/cluster.sh stop)")
                return 0
            for name, process in (("nginx", self.nginx), ("redis", self.redis)):
                if process is not None and process.poll() is not None:
                    log(f"{name} exited ({process.returncode}); see {self.logs}/{name}.log")
                    return 1
            for index, process in list(self.workers.items()):
                if process.poll() is not None and index not in reported:
                    reported.add(index)
                    log(
                        f"worker :{self.worker_ports[index]} exited ({process.returncode}); "
                        "nginx sends its tabs to the others"
                    )
            if len(reported) == len(self.worker_ports):
                log("every worker has exited")
                return 1

    # --- plumbing ---------------------------------------------------------------------------

    def _run(
        self,
        command: list[str],
        name: str,
        env: dict | None = None,
        stdin: str | None = None,
        cwd: Path = ROOT,
    ) -> None:
        log_path = self.logs / f"{name}.log"
        with log_path.open("ab") as log_file:
            result = subprocess.run(
                command,
                cwd=cwd,
                env=env,
                input=stdin.encode() if stdin is not None else None,
                stdin=None if stdin is not None else subprocess.DEVNULL,
                stdout=log_file,
                stderr=subprocess.STDOUT,
            )
        if result.returncode != 0:
            raise ClusterError(
                f"{name} failed (exit {result.returncode}); last lines of {log_path}:\n"
                + tail(log_path)
            )

    def _wait(self, ready, name: str, process: subprocess.Popen | None, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if process is not None and process.poll() is not None:
                log_path = self.logs / f"{name}.log"
                raise ClusterError(
                    f"{name} exited early ({process.returncode}); last lines of {log_path}:\n"
                    + tail(log_path)
                )
            if ready():
                return
            time.sleep(0.5)
        raise ClusterError(f"{name} was not ready after {timeout:.0f}s; see {self.logs}")


def _account_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


# --- command line -----------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="scripts/cluster.sh", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "command", nargs="?", default="up", choices=["up", "stop", "status", "deps"]
    )
    env = os.environ.get
    number = {"type": int, "metavar": "N"}
    parser.add_argument(
        "--port", **number, default=int(env("PORT", "3000")), help="nginx port (3000)"
    )
    parser.add_argument(
        "--workers", **number, default=int(env("WORKERS", "2")), help="backend workers (2)"
    )
    parser.add_argument(
        "--worker-base-port",
        **number,
        default=int(env("WORKER_PORT", "8001")),
        help="first worker's port; the others follow (8001)",
    )
    parser.add_argument("--pg-port", **number, default=int(env("PG_PORT", "55432")))
    parser.add_argument("--redis-port", **number, default=int(env("REDIS_PORT", "56379")))
    parser.add_argument(
        "--state-dir", type=Path, default=DEFAULT_STATE_DIR, help="data, logs, pids (.cluster/data)"
    )
    parser.add_argument(
        "--db-url",
        default=env("CLUSTER_DB_URL"),
        help="an existing PostgreSQL (postgresql+psycopg://...) instead of a local one",
    )
    parser.add_argument(
        "--redis-url",
        default=env("CLUSTER_REDIS_URL"),
        help="an existing Redis (redis://...) instead of a local one",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    state_dir = args.state_dir.resolve() if args.state_dir.is_symlink() else args.state_dir
    cluster = Cluster(
        state_dir,
        port=args.port,
        workers=args.workers,
        worker_base_port=args.worker_base_port,
        pg_port=args.pg_port,
        redis_port=args.redis_port,
        db_url=args.db_url,
        redis_url=args.redis_url,
    )
    if args.command == "deps":
        ensure_packages(not args.db_url, not args.redis_url)
        return 0
    if args.command == "status":
        pieces = cluster.running_pieces() if state_dir.exists() else []
        print("running: " + (", ".join(pieces) if pieces else "nothing"))
        return 0
    if args.command == "stop":
        if state_dir.exists():
            cluster.request_stop()
            cluster.stop()
        log("stopped")
        return 0

    def _interrupt(_signum, _frame):
        raise KeyboardInterrupt

    stop_signals = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    for signum in stop_signals:
        if signal.getsignal(signum) is not signal.SIG_IGN:  # nohup & co. keep their say
            signal.signal(signum, _interrupt)
    try:
        cluster.preflight()  # a refusal here must not stop a cluster that is already running
    except ClusterError as error:
        log(f"error: {error}")
        return 1
    except KeyboardInterrupt:
        return 130
    try:
        cluster.start()
        log(
            f"open {cluster.origin} (or {', '.join(cluster.local_origins[1:])}); "
            f"logs in {cluster.logs}; Ctrl-C stops everything"
        )
        return cluster.supervise()
    except KeyboardInterrupt:
        return 0
    except ClusterError as error:
        log(f"error: {error}")
        return 1
    finally:
        # A second Ctrl-C, or make passing on its own SIGTERM, must not cut the stop short.
        for signum in stop_signals:
            signal.signal(signum, signal.SIG_IGN)
        log("stopping")
        cluster.stop()
        log("stopped")


if __name__ == "__main__":
    sys.exit(main())
