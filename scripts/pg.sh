#!/usr/bin/env bash
# Throw-away PostgreSQL cluster for tests and benchmarks, under <dir> on 127.0.0.1:<port>.
#   source scripts/pg.sh; pg_start <dir> <port>   → exports PG_URL (Npgsql connection string); pg_stop <dir>
#   pg_resume <dir> <port>: the same, keeping a cluster already there
# As root the cluster runs as the postgres user (as the DESIGN.md recipe says).
pg_bin() { ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1; }

pg_as() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_start() {
  local dir="$1" port="$2" bin
  bin="$(pg_bin)"
  rm -rf "$dir"
  mkdir -p "$dir/data"
  if [ "$(id -u)" = "0" ]; then
    chown -R postgres:postgres "$dir"
    # postgres must be able to reach the data folder through its parents
    local p; p="$(dirname "$dir")"
    while [ "$p" != "/" ]; do chmod o+x "$p" 2>/dev/null || true; p="$(dirname "$p")"; done
  fi
  pg_as "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  pg_run "$dir" "$port"
}

# Starts the cluster under <dir> on <port> and exports PG_URL.
pg_run() {
  local dir="$1" port="$2"
  pg_as "$(pg_bin)/pg_ctl" -D "$dir/data" -l "$dir/log" \
    -o "-p $port -c listen_addresses=127.0.0.1 -k $dir/data -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 -c shared_buffers=256MB" \
    -w start >/dev/null
  export PG_URL="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=40"
}

# Like pg_start, but starts the cluster already under <dir> (kept with its databases) when there is one.
pg_resume() {
  if [ -f "$1/data/PG_VERSION" ]; then pg_run "$1" "$2"; else pg_start "$1" "$2"; fi
}

pg_stop() {
  pg_as "$(pg_bin)/pg_ctl" -D "$1/data" -m immediate stop >/dev/null 2>&1 || true
}
