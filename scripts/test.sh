#!/usr/bin/env bash
# Runs the whole test suite on a fresh Debian machine.
#
# The storage and bot tests run against SQLite and against a real PostgreSQL. Unless
# KB_TEST_PG_URL already names a server where this user may CREATE DATABASE (with password
# authentication), this script installs PostgreSQL from Debian's packages if it is missing, starts
# a throwaway cluster on a free port with a random password, and removes it afterwards.
# PostgreSQL refuses to run as root, so as root the cluster runs as the `postgres` user.
# Extra arguments go to `cargo test` (e.g. scripts/test.sh storage).
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf 'test.sh: %s\n' "$*" >&2; }

pg_bin_dir() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

install_postgres() {
  log "PostgreSQL server not found; installing it from Debian's packages"
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
    postgresql >/dev/null
}

free_port() {
  local p
  local start=$((55432 + RANDOM % 400))
  for p in $(seq "$start" $((start + 200))); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return 0
    fi
  done
  return 1
}

start_throwaway_postgres() {
  local bin
  bin=$(pg_bin_dir)
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    install_postgres
    bin=$(pg_bin_dir)
  fi
  [ -x "$bin/initdb" ] || { log "no initdb after installing postgresql"; exit 1; }

  PG_TMP=$(mktemp -d /tmp/kb-pg.XXXXXX)
  local as=()
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$PG_TMP"
    as=(runuser -u postgres --)
  fi
  PG_STOP=("${as[@]}" "$bin/pg_ctl" -D "$PG_TMP/data" -m immediate stop)
  trap 'if [ -n "${PG_TMP:-}" ]; then "${PG_STOP[@]}" >/dev/null 2>&1 || true; rm -rf "$PG_TMP"; fi' EXIT
  local password port
  password="kb$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
  printf '%s\n' "$password" >"$PG_TMP/pw"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$PG_TMP/pw"
  "${as[@]}" "$bin/initdb" -D "$PG_TMP/data" -U postgres --auth=scram-sha-256 \
    --pwfile="$PG_TMP/pw" -E UTF8 --no-locale >"$PG_TMP/initdb.log" 2>&1 \
    || { cat "$PG_TMP/initdb.log" >&2; exit 1; }
  # Another suite on this machine may take the same free port first: try the next one.
  local tries=0
  until port=$(free_port) && "${as[@]}" "$bin/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/server.log" \
      -w -t 60 -o "-p $port -k $PG_TMP -c listen_addresses=127.0.0.1 -c fsync=off \
      -c full_page_writes=off -c synchronous_commit=off -c max_connections=400" start >/dev/null; do
    tries=$((tries + 1))
    if [ "$tries" -ge 5 ]; then cat "$PG_TMP/server.log" >&2; exit 1; fi
    sleep 1
  done
  export KB_TEST_PG_URL="postgres://postgres:${password}@127.0.0.1:${port}/postgres"
  log "throwaway PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
}

if [ -z "${KB_TEST_PG_URL:-}" ]; then
  start_throwaway_postgres
fi

cargo test --locked "$@"
