#!/usr/bin/env bash
# Adds a migration to both providers' migration sets: scripts/add-migration.sh <Name>
set -euo pipefail
cd "$(dirname "$0")/../src/Rongtong.Web"
name="${1:?usage: scripts/add-migration.sh <Name>}"
dotnet tool restore >/dev/null
dotnet build -nologo -v quiet
dotnet ef migrations add "$name" --no-build --context SqliteRongtongDb --output-dir Platform/Data/Migrations/Sqlite
dotnet ef migrations add "$name" --no-build --context PostgresRongtongDb --output-dir Platform/Data/Migrations/Postgres
