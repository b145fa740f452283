#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers on 127.0.0.1:5432 for the JDBC tests.
# Uses a running one; otherwise installs Debian's postgresql (as root) and starts a private
# trust-auth cluster in .postgres/ on port 5432. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${CIVICLOOP_PG_PORT:-5432}"
if command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1 -p "$PORT"; then
  echo "PostgreSQL answers on 127.0.0.1:$PORT"
  exit 0
fi
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
if [ -z "$BIN" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "PostgreSQL is not installed and this script is not root: install it (apt-get install postgresql)" >&2
    exit 1
  fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
fi
DATA="$PWD/.postgres"
RUN_AS=()
if [ "$(id -u)" -eq 0 ]; then RUN_AS=(su postgres -c); fi
run() { if [ ${#RUN_AS[@]} -gt 0 ]; then "${RUN_AS[@]}" "$*"; else bash -c "$*"; fi; }
if [ ! -f "$DATA/PG_VERSION" ]; then
  install -d "$DATA"
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$DATA"; fi
  run "$BIN/initdb -D '$DATA' -A trust -U postgres" >/dev/null
fi
run "$BIN/pg_ctl -D '$DATA' -o '-p $PORT -k /tmp -c listen_addresses=127.0.0.1' -l '$DATA/server.log' -w start"
pg_isready -h 127.0.0.1 -p "$PORT"
