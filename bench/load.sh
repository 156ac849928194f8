#!/usr/bin/env bash
# Load test of the enterprise search page with 100,000 enterprises, on SQLite and on PostgreSQL: wrk, 64 connections,
# signed in (bearer token), compared in the same run with the app's /health. Needs wrk (apt-get install wrk).
# Starts its own PostgreSQL on 127.0.0.1:55441 and the app on 127.0.0.1:5090; prints req/s and p99 for each.
# Environment: PROVIDERS="Sqlite Postgres" (default both), N (rows), DURATION (per target), WARMUP (before each target),
# TERM_Q (the search term), CONNS (concurrencies measured after the warm-up, default 64; e.g. "1 4 16 64"),
# VIEWS (default "off on": the app run without the in-memory registry views — the SQL search, the baseline — and with
# them, docs/adr/0015-registry-view.md), WRITES_EVERY (seconds; when set, bench/writer.py renames an enterprise through
# the API that often during the whole app run, so that every view is rebuilt that often). The warm-up is long because it is the steady state that is measured: under full load the
# JIT's background tiering gets little CPU, and a cold search page takes ~20 s to reach its steady rate on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
N="${N:-100000}"; DURATION="${DURATION:-20s}"; WARMUP="${WARMUP:-30s}"; TERM_Q="${TERM_Q:-钢管}"; CONNS="${CONNS:-64}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
source scripts/pg.sh
dotnet build -c Release -nologo -v quiet bench/Rongtong.Bench   # references the web app and the CLI
dotnet run -c Release --no-build --project bench/Rongtong.Bench -- generate "$N" "$ROOT/bench/data" >/dev/null
CSV="$ROOT/bench/data/enterprises-$N.csv"
CLI=(dotnet "$ROOT/src/Rongtong.Cli/bin/Release/net10.0/rongtong.dll")
Q=$(python3 -c "import urllib.parse,sys;print(urllib.parse.quote(sys.argv[1]))" "$TERM_Q")
mkdir -p bench/results
cat > bench/.auth.lua <<'LUA'
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
LUA

run_provider() {
  local provider="$1" cs="$2"
  export Database__Provider="$provider" ConnectionStrings__Rongtong="$cs"
  "${CLI[@]}" seed demo >/dev/null
  "${CLI[@]}" import enterprises "$CSV" --carrier hengyang >/dev/null
  # measure the steady state, not autovacuum catching up with the bulk load
  if [ "$provider" = Postgres ]; then psql -q -h 127.0.0.1 -p 55441 -U postgres -d postgres -c 'VACUUM ANALYZE' >/dev/null; fi
  for views in ${VIEWS:-off on}; do
    run_app "$provider" "$views"
  done
}

run_app() {
  local provider="$1" views="$2" budget=500000
  if [ "$views" = off ]; then budget=0; fi
  ASPNETCORE_ENVIRONMENT=Production Demo__Seed=false Logging__LogLevel__Default=Warning Registry__SearchViewRows="$budget" \
    dotnet "$ROOT/src/Rongtong.Web/bin/Release/net10.0/Rongtong.Web.dll" --urls http://127.0.0.1:5090 >/tmp/rongtong-load.log 2>&1 &
  local app=$!
  for _ in $(seq 1 60); do curl -sf http://127.0.0.1:5090/health >/dev/null && break; sleep 1; done
  export TOKEN
  TOKEN=$(curl -sf -X POST http://127.0.0.1:5090/api/v1/auth/token -H 'content-type: application/json' \
    -d '{"userName":"hengyang-op","password":"rongtong2026"}' | python3 -c 'import json,sys;print(json.load(sys.stdin)["accessToken"])')
  curl -sf -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:5090/Registry/Enterprises?Q=$Q" | grep -o 'id="total">[^<]*' || true
  local writer="" label="views-$views"
  if [ -n "${WRITES_EVERY:-}" ]; then
    python3 bench/writer.py http://127.0.0.1:5090 "$TOKEN" "$WRITES_EVERY" & writer=$!
    label="$label-writes-$WRITES_EVERY"
  fi
  for target in "/health" "/Registry/Enterprises?Q=$Q" "/Registry/Enterprises"; do
    wrk -t2 -c64 -d"$WARMUP" -s bench/.auth.lua "http://127.0.0.1:5090$target" >/dev/null   # warm-up
    for c in $CONNS; do
      echo "== $provider, $label: $target, $c connections"
      wrk -t"$(( c < 2 ? 1 : 2 ))" -c"$c" -d"$DURATION" --latency -s bench/.auth.lua "http://127.0.0.1:5090$target" \
        | tee "bench/results/load-$provider-$label-$(echo "$target" | tr -c 'a-zA-Z0-9' '_')-c$c.txt" | grep -E "Requests/sec|^ +99%|Non-2xx|Socket errors"
    done
  done
  if [ -n "$writer" ]; then kill "$writer"; fi
  kill "$app"; wait "$app" 2>/dev/null || true
}

PROVIDERS="${PROVIDERS:-Sqlite Postgres}"
if [[ " $PROVIDERS " == *" Sqlite "* ]]; then
  rm -f "$ROOT/bench/load.db"*
  run_provider Sqlite "Data Source=$ROOT/bench/load.db"
fi
if [[ " $PROVIDERS " == *" Postgres "* ]]; then
  pg_start "$ROOT/bench/.pg-load" 55441
  trap 'pg_stop "$ROOT/bench/.pg-load"' EXIT
  run_provider Postgres "$PG_URL"
fi
