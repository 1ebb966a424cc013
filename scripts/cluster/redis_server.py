"""The cluster's Redis: Reflex's shared state, behind a generated password read from a file."""

from __future__ import annotations

import socket
import subprocess
from pathlib import Path

from scripts.cluster.common import ClusterError, log, private_umask, read_or_create_secret
from scripts.cluster.installer import redis_binary
from scripts.cluster.processes import ProcessTable


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
        "# written by scripts/cluster/redis_server.py on every start\n"
        "bind 127.0.0.1\n"
        f"port {port}\n"
        "protected-mode yes\n"
        f'dir "{data_dir}"\n'
        'save ""\n'
        "appendonly no\n"
        "daemonize no\n"
        f'requirepass "{password}"\n'
    )


class RedisPart(ProcessTable):
    """``redis-server secrets/redis.conf``: the password in a 0600 file, never in ``ps``."""

    state_dir: Path
    secrets_dir: Path
    redis_port: int
    external_redis_url: str | None
    redis: subprocess.Popen | None

    @property
    def redis_password(self) -> str:
        return (self.secrets_dir / "redis-password").read_text().strip()

    @property
    def redis_url(self) -> str:
        if self.external_redis_url:
            return self.external_redis_url
        return f"redis://:{self.redis_password}@127.0.0.1:{self.redis_port}/0"

    def start_redis(self) -> None:
        redis_dir = self.state_dir / "redis"
        redis_dir.mkdir(exist_ok=True)
        binary = redis_binary()
        if binary is None:
            raise ClusterError("redis-server is not installed")
        password = read_or_create_secret(self.secrets_dir / "redis-password")
        conf = self.secrets_dir / "redis.conf"
        with private_umask():
            conf.write_text(redis_conf(port=self.redis_port, data_dir=redis_dir, password=password))
        conf.chmod(0o600)
        self.redis = self._spawn("redis", [binary, str(conf)])
        self._wait(lambda: redis_ping(self.redis_port, password), "redis", self.redis, 30)
        log(f"redis ready on 127.0.0.1:{self.redis_port} (password in {self.secrets_dir})")

    def stop_redis(self) -> None:
        self._terminate("redis")
        self.redis = None
