#!/usr/bin/env bash
# The README's demo command (`make demo`): set-up, the demo database with the
# five seed associations, then the web server on http://127.0.0.1:5000.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export WASL_ENV=development
.venv/bin/flask --app wsgi demo
echo
echo "Wasl is running on http://127.0.0.1:5000 (Ctrl-C to stop)"
exec .venv/bin/flask --app wsgi run --host 127.0.0.1 --port "${PORT:-5000}"
