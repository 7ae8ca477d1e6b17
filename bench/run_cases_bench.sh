#!/usr/bin/env bash
# Side-by-side benchmark: Wasl's case pages against django-helpdesk (the peer
# harness in shared/bench/peer_helpdesk), same data shape, same load profile,
# same machine, one run. Results and a Markdown summary with ratios go to
# bench/results/<UTC time>/.
#
#   bash bench/run_cases_bench.sh            # peer + Wasl, 30 s per endpoint at 8 connections
#   SKIP_PEER=1 bash bench/run_cases_bench.sh
#   PROFILE_BEFORE=<commit> bash bench/run_cases_bench.sh   # also profile the pages at that commit
#
# It also serves a route that does nothing (/health) as the ceiling of this
# machine with this app and these gunicorn settings, and profiles the case
# page and the case list in process (bench/profile_case_page.py).
#
# Everything listens on 127.0.0.1 only; every wrk run is bounded by -d and an
# outer timeout; servers are stopped by PID on exit.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PEER_DIR="${PEER_DIR:-$ROOT/../shared/bench/peer_helpdesk}"
export PEER_ROOT="${PEER_ROOT:-/tmp/peer}"   # where the peer harness keeps its venv and results
PORT="${PORT:-8766}"
WORKERS="${WORKERS:-2}"
CONC="${CONC:-8}"
DURATION="${DURATION:-30}"
WARMUP="${WARMUP:-5}"
CASES="${CASES:-100000}"
DB="${BENCH_DB:-wasl_bench}"
OUT="$ROOT/bench/results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT"
cd "$ROOT"
. scripts/services.sh
. bench/bench_database.sh
ensure_postgres
[ "$WASL_PG_UP" = 1 ] || { echo "PostgreSQL is needed for this benchmark" >&2; exit 1; }
command -v wrk >/dev/null || { apt-get install -y -qq wrk >/dev/null; }

{ echo "nproc: $(nproc)"; free -h; } > "$OUT/machine.txt"

# --- the peer -----------------------------------------------------------------
if [ -z "${SKIP_PEER:-}" ]; then
  (cd "$PEER_DIR" && bash setup.sh > "$OUT/peer-setup.log" 2>&1)
  . "$PEER_ROOT/env.sh"
  (cd "$PEER_DIR" && "$PEER_ROOT/venv/bin/python" seed.py --reset > "$OUT/peer-seed.log" 2>&1)
  (cd "$PEER_DIR" && ENDPOINTS="list_html list_json detail create_form" DURATION="$DURATION" WARMUP="$WARMUP" \
     CONC="$CONC" WORKERS="$WORKERS" bash load.sh | tee "$OUT/peer-load.log")
  peer_results=$(ls -td "$PEER_ROOT"/results/*/ | head -1)
  cp "$peer_results/results.jsonl" "$OUT/peer.jsonl"
  cp "$peer_results"/rss* "$OUT/" 2>/dev/null || true
  grep -h "peak" "$peer_results/summary.md" > "$OUT/peer-rss.txt" 2>/dev/null || true
fi

# --- Wasl ---------------------------------------------------------------------
bench_database "$DB" "$OUT"
.venv/bin/python bench/seed_cases.py --database-url "$APP_URL" --owner-url "$OWNER_URL" --cases "$CASES" \
  --out "$OUT/targets.json" 2>&1 | grep -v INFO | tee "$OUT/seed.log"

.venv/bin/python bench/profile_case_page.py --targets "$OUT/targets.json" --out "$OUT/case-page-profile.txt" \
  | head -4
.venv/bin/python bench/profile_case_page.py --targets "$OUT/targets.json" --page list \
  --out "$OUT/case-list-profile.txt" | head -3
if [ -n "${PROFILE_BEFORE:-}" ]; then   # the same profile, same data, with the code of an earlier commit
  BEFORE_SRC="$(mktemp -d)/src"
  git worktree add --detach "$BEFORE_SRC" "$PROFILE_BEFORE" >/dev/null
  (cd "$BEFORE_SRC" && "$ROOT/.venv/bin/pybabel" compile -d translations >/dev/null 2>&1 || true)
  PYTHONPATH="$BEFORE_SRC/platform:$BEFORE_SRC" .venv/bin/python bench/profile_case_page.py \
    --targets "$OUT/targets.json" --out "$OUT/case-page-profile-before.txt" | head -4
  PYTHONPATH="$BEFORE_SRC/platform:$BEFORE_SRC" .venv/bin/python bench/profile_case_page.py \
    --targets "$OUT/targets.json" --page list --out "$OUT/case-list-profile-before.txt" | head -3 || true
  git worktree remove --force "$BEFORE_SRC"
fi


.venv/bin/gunicorn wsgi:app --bind "127.0.0.1:$PORT" --workers "$WORKERS" --worker-class sync \
  --timeout 120 --error-logfile "$OUT/gunicorn.err" &
GPID=$!
trap 'kill -TERM $GPID 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -s -o /dev/null "http://127.0.0.1:$PORT/health" && break; sleep 0.5; done

.venv/bin/python bench/drive_wasl.py --base "http://127.0.0.1:$PORT" --targets "$OUT/targets.json" \
  --gunicorn-pid "$GPID" --duration "$DURATION" --warmup "$WARMUP" --conc "$CONC" \
  --wrk-script "$PEER_DIR/wrk_bench.lua" --out "$OUT"
.venv/bin/python bench/compare.py "$OUT" | tee "$OUT/summary.md"
