#!/usr/bin/env bash
# Import benchmarks (BenchmarkDotNet): 100,000 enterprise rows from CSV and XLSX into SQLite and PostgreSQL,
# against PostgreSQL COPY of the same rows, and the import's two halves alone (a dry run; its writes replayed by the engine). Starts its own PostgreSQL on 127.0.0.1:55440 under bench/.pg
# (PG_PORT=<port> for another port, under bench/.pg-<port>, e.g. when 55440 is taken).
# Results: BenchmarkDotNet.Artifacts/results/*.md (copy the table into docs/benchmarks.md).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/pg.sh
PG_DIR="$PWD/bench/.pg${PG_PORT:+-$PG_PORT}"
pg_start "$PG_DIR" "${PG_PORT:-55440}"
trap 'pg_stop "$PG_DIR"' EXIT
export RONGTONG_BENCH_PG="$PG_URL" RONGTONG_BENCH_DATA="$PWD/bench/data"
dotnet run -c Release --project bench/Rongtong.Bench -- import "$@"
