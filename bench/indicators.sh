#!/usr/bin/env bash
# Indicator computation benchmarks (BenchmarkDotNet): one carrier with 20,000 enterprises (RONGTONG_BENCH_N), every
# registry computation and the full evaluation of 2021 against one hand-written aggregate over the same rows, on
# SQLite and PostgreSQL; then the report rendering benchmarks (every format of the sample report).
# Starts its own PostgreSQL on 127.0.0.1:55470 under bench/.pg-indicators.
# Results: BenchmarkDotNet.Artifacts/results/*.md (copy the tables into docs/benchmarks.md).
# Arguments go to BenchmarkDotNet (e.g. --filter '*Sqlite*'); SKIP_REPORT=1 skips the report benchmarks.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/pg.sh
pg_start "$PWD/bench/.pg-indicators" 55470
trap 'pg_stop "$PWD/bench/.pg-indicators"' EXIT
export RONGTONG_BENCH_PG="$PG_URL" RONGTONG_BENCH_DATA="$PWD/bench/data"
dotnet build -c Release -nologo -v quiet bench/Rongtong.Bench
dotnet run -c Release --no-build --project bench/Rongtong.Bench -- indicators "$@"
if [ "${SKIP_REPORT:-0}" != "1" ]; then
  dotnet run -c Release --no-build --project bench/Rongtong.Bench -- report
fi
