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

One module per job: ``installer`` (apt-get), ``processes`` (ports, pid files), ``postgres``,
``redis_server``, ``workers`` (migrate, export, Reflex workers), ``nginx`` (its configuration is
``nginx.conf.template``), ``lifecycle`` (the ``Cluster`` that puts them in order) and ``cli``.
The browser tests drive the same ``Cluster`` class (``FSG_TARGET=cluster``) on free ports with a
fresh database in a temporary directory.
"""

from scripts.cluster.common import ClusterError, is_root
from scripts.cluster.installer import brotli_static_module, nginx_binary, redis_binary
from scripts.cluster.lifecycle import Cluster
from scripts.cluster.nginx import (
    BACKEND_ROUTES,
    PIN_HEADER,
    TEST_HOOKS_ENV,
    UPSTREAM_HEADER,
    dynamic_route_regex,
    immutable_assets,
    nginx_conf,
    upload_body_limit,
)
from scripts.cluster.processes import free_port, port_in_use
from scripts.cluster.redis_server import redis_ping

__all__ = [
    "BACKEND_ROUTES",
    "PIN_HEADER",
    "TEST_HOOKS_ENV",
    "UPSTREAM_HEADER",
    "Cluster",
    "ClusterError",
    "brotli_static_module",
    "dynamic_route_regex",
    "free_port",
    "immutable_assets",
    "is_root",
    "nginx_binary",
    "nginx_conf",
    "port_in_use",
    "redis_binary",
    "redis_ping",
    "upload_body_limit",
]
