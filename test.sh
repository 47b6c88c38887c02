#!/usr/bin/env bash
# The whole test suite. Go tests run every storage test on SQLite and on
# PostgreSQL (127.0.0.1:5432, or SANBAO_TEST_PG=postgres://...).
set -euo pipefail
cd "$(dirname "$0")"

echo "== go vet"
go vet ./...
echo "== go test (SQLite + PostgreSQL)"
go test -count=1 -timeout 30m ./...
echo "== front end (frontend/: Node engines, codegen, unit tests, build, end-to-end in Chromium)"
(cd frontend && npm ci && npm run engines:check && npm run codegen:check && npm test && npm run build:check && npm run e2e)
