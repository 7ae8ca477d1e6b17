#!/usr/bin/env bash
# The README's test command (`make test`): set-up, lint, migration drift and
# catalogue checks, then the whole suite on PostgreSQL and again on SQLite.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || exit 1
. scripts/services.sh
ensure_postgres
ensure_redis

export WASL_ENV=test
status=0
step() { printf '\n==> %s\n' "$*"; }

step "ruff"
.venv/bin/ruff check platform tests migrations wsgi.py || status=1

step "migrations match the models (SQLite)"
drift_dir=$(mktemp -d)
WASL_INSTANCE_PATH="$drift_dir" .venv/bin/flask --app wsgi db upgrade heads >/dev/null 2>&1 &&
  WASL_INSTANCE_PATH="$drift_dir" .venv/bin/flask --app wsgi db check || status=1
rm -rf "$drift_dir"

if [ "$WASL_PG_UP" = 1 ]; then
  step "pytest on PostgreSQL"
  WASL_TEST_BACKEND=postgresql .venv/bin/pytest -p no:cacheprovider -n 2 "$@" || status=1
else
  loud "PostgreSQL is not running and could not be started:" \
       "SKIPPING the PostgreSQL run (row-level security tests included)."
fi
if [ "$WASL_REDIS_UP" != 1 ]; then
  loud "Redis is not running and could not be started:" \
       "tests marked 'redis' are SKIPPED in both runs."
fi
export WASL_REDIS_UP

step "pytest on SQLite"
WASL_TEST_BACKEND=sqlite .venv/bin/pytest -p no:cacheprovider -n 2 "$@" || status=1

exit $status
