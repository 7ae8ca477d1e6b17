# Sourced by the benchmark scripts: a fresh PostgreSQL database for Wasl, prepared like the test suite's
# (migrated as the owner role, used as the unprivileged application role under row-level security), and
# the environment a production server reads, with keys made for this run.
#
#   . bench/bench_database.sh
#   bench_database <database name> <results folder>    # sets APP_URL and OWNER_URL, exports the rest

bench_database() {
  local db="$1" out="$2"
  .venv/bin/python - "$db" > "$out/db-urls" <<'PY'
import sys
from tests.support.databases import prepare_postgres
d = prepare_postgres("postgresql+psycopg://postgres@127.0.0.1:5432/postgres", sys.argv[1])
print(d.app_url); print(d.owner_url)
PY
  APP_URL=$(sed -n 1p "$out/db-urls"); OWNER_URL=$(sed -n 2p "$out/db-urls")
  export WASL_ENV=production SECRET_KEY="bench-$(date +%s)" SESSION_COOKIE_SECURE=0 DATABASE_URL="$APP_URL"
  WASL_ENCRYPTION_KEYS="$(.venv/bin/python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')"
  WASL_BLIND_INDEX_KEY="$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(48))')"
  export WASL_ENCRYPTION_KEYS WASL_BLIND_INDEX_KEY
  export WASL_INSTANCE_PATH="$out/instance" LOGIN_RATE_LIMIT="1000 per minute"
}
