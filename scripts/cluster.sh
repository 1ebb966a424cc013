#!/usr/bin/env bash
# The scale-out cluster on this machine: PostgreSQL, Redis, Reflex backend workers, nginx.
#   scripts/cluster.sh [up]     start everything in the foreground (Ctrl-C stops it all)
#   scripts/cluster.sh stop     stop a cluster still running (another terminal, or left behind)
#   scripts/cluster.sh status   say what is running
#   scripts/cluster.sh deps     apt-get install postgresql, redis-server and nginx when missing
# Options: --port N (nginx, default 3000) --workers N (default 2) --worker-base-port N (8001)
#          --pg-port N --redis-port N --db-url URL --redis-url URL; see --help.
# `make cluster` prepares .venv and bun first, then runs `up`.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
  echo "scripts/cluster.sh: no .venv yet; run 'make cluster' (it sets everything up)" >&2
  exit 1
fi
export PATH="$PWD/.tools/node_modules/.bin:$PATH"
exec .venv/bin/python -m scripts.cluster "$@"
