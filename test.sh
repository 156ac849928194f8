#!/usr/bin/env bash
# Runs the whole test suite: unit tests, slice tests on SQLite and on a real PostgreSQL, and browser journeys in
# Debian's Chromium. What it does, in order:
#   1. installs missing Debian packages when run as root (postgresql, chromium, fonts-wqy-zenhei, poppler-utils,
#      libreoffice-writer-nogui to check that the DOCX report opens in LibreOffice);
#      as another user it stops with a message naming what is missing;
#   2. starts a throw-away PostgreSQL 15 cluster on 127.0.0.1:${RONGTONG_PG_PORT:-55432} under .pg/ (stopped on exit);
#   3. builds the solution and runs every test project (xUnit v3 on Microsoft.Testing.Platform).
# Environment: RONGTONG_TEST_SQLITE_ONLY=1 skips PostgreSQL; RONGTONG_SKIP_BROWSER=1 skips the browser journeys.
set -euo pipefail
cd "$(dirname "$0")"
ROOT="$PWD"
PG_PORT="${RONGTONG_PG_PORT:-55432}"

say() { printf '\n== %s\n' "$*"; }

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi "WenQuanYi Zen Hei" || need+=(fonts-wqy-zenhei)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v libreoffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
if [ "${RONGTONG_TEST_SQLITE_ONLY:-0}" != "1" ]; then
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
fi
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ]; then
    say "installing Debian packages: ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "missing Debian packages: ${need[*]}" >&2
    echo "install them (sudo apt-get install ${need[*]}) or run this script as root" >&2
    exit 1
  fi
fi

if [ "${RONGTONG_TEST_SQLITE_ONLY:-0}" != "1" ]; then
  # shellcheck source=scripts/pg.sh
  source scripts/pg.sh
  say "starting PostgreSQL ($(pg_bin)) on 127.0.0.1:$PG_PORT, data in .pg/"
  pg_start "$ROOT/.pg" "$PG_PORT"
  trap 'pg_stop "$ROOT/.pg"' EXIT
  export RONGTONG_TEST_PG="$PG_URL"
fi

say "building"
dotnet build Rongtong.slnx -c Release -nologo -v quiet

projects=(tests/Rongtong.Tests)
if [ "${RONGTONG_SKIP_BROWSER:-0}" != "1" ] && [ -f tests/Rongtong.BrowserTests/Rongtong.BrowserTests.csproj ]; then projects+=(tests/Rongtong.BrowserTests); fi
status=0
passed=0
failed=0
log="$(mktemp)"
failures="$(mktemp)"
for p in "${projects[@]}"; do
  say "testing $p"
  dotnet test --project "$p" -c Release --no-build 2>&1 | tee "$log" || status=1
  passed=$((passed + $(grep -E '^\s*succeeded: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || echo 0)))
  failed=$((failed + $(grep -E '^\s*failed: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || echo 0)))
  # each failed test with the first lines of its message, repeated at the end where a log's tail shows it
  grep -A 15 -E '^\s*failed [A-Za-z]' "$log" >>"$failures" || true
done
if [ -s "$failures" ]; then say "failed tests"; cat "$failures"; fi
rm -f "$log" "$failures"
echo
echo "$passed passed, $failed failed"
exit $status
