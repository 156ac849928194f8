#!/usr/bin/env bash
# Fund summary benchmarks (BenchmarkDotNet): a province-sized special-fund ledger (50 carriers, 5,000 sub-projects,
# 500,000 ledger entries, bench/Rongtong.Bench/LedgerData.cs); FundSummary.HandleAsync for one carrier, all years and
# 2020, against one hand-written aggregate returning the same figures, on SQLite and PostgreSQL.
# Runs its own PostgreSQL on 127.0.0.1:55480 under bench/.pg-ledger, kept between runs with the generated databases
# (bench/data/ledger.db and rt_bench_ledger); FRESH=1 rebuilds both.
# Results: BenchmarkDotNet.Artifacts/results/*.md (copy the tables into docs/benchmarks.md).
# Arguments go to BenchmarkDotNet (e.g. --filter '*Sqlite*' or --job short); `ONCE=1 bash bench/ledger.sh` prints the
# figures, the SQL (with RONGTONG_BENCH_SQL=1) and median times instead.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/pg.sh
if [ "${FRESH:-0}" = "1" ]; then pg_start "$PWD/bench/.pg-ledger" 55480; else pg_resume "$PWD/bench/.pg-ledger" 55480; fi
trap 'pg_stop "$PWD/bench/.pg-ledger"' EXIT
export RONGTONG_BENCH_PG="$PG_URL" RONGTONG_BENCH_DATA="$PWD/bench/data" RONGTONG_BENCH_FRESH="${FRESH:-0}"
dotnet build -c Release -nologo -v quiet bench/Rongtong.Bench
if [ "${ONCE:-0}" = "1" ]; then
  for p in Sqlite Postgres; do dotnet run -c Release --no-build --project bench/Rongtong.Bench -- ledger-once "$p"; done
else
  dotnet run -c Release --no-build --project bench/Rongtong.Bench -- ledger "$@"
fi
