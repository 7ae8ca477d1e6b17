#!/usr/bin/env bash
# Wasl at an earlier commit against Wasl now, on the same data and the same machine, measured in
# interleaved rounds: a machine whose speed drifts (a shared one can vary by a third within minutes)
# then weighs on both sides alike, where two runs one after the other would not.
#
#   bash bench/compare_commits.sh <commit> [endpoints] [rounds] [seconds]
#   bash bench/compare_commits.sh 523a837 ceiling,case_list,case_page,case_create 3 10
#
# Seeds a fresh database (bench/seed_cases.py, 30,000 cases in 5 associations), serves each side with
# gunicorn (2 sync workers, as bench/run_cases_bench.sh), signs in to each through the login form and
# drives each endpoint with the peer harness's wrk script, the two sides taking turns; the order flips
# every round. Prints every round and the median req/s of each side, with their ratio (also in
# summary.md); raw lines go to bench/results/<UTC time>-compare/. Everything listens on 127.0.0.1;
# servers are stopped by PID.
set -euo pipefail
BEFORE_REF="${1:?usage: compare_commits.sh <commit> [endpoints] [rounds] [seconds]}"
ENDPOINTS="${2:-ceiling,case_list,case_page,case_create}"
ROUNDS="${3:-3}"
SECONDS_EACH="${4:-10}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PEER_DIR="${PEER_DIR:-$ROOT/../shared/bench/peer_helpdesk}"
OUT="$ROOT/bench/results/$(date -u +%Y%m%dT%H%M%SZ)-compare"
DB="${BENCH_DB:-wasl_compare}"
mkdir -p "$OUT"
cd "$ROOT"
. scripts/services.sh
. bench/bench_database.sh
ensure_postgres
[ "$WASL_PG_UP" = 1 ] || { echo "PostgreSQL is needed for this benchmark" >&2; exit 1; }
command -v wrk >/dev/null || { apt-get install -y -qq wrk >/dev/null; }

BEFORE_SRC="$(mktemp -d)/src"
git worktree add --detach "$BEFORE_SRC" "$BEFORE_REF" >/dev/null
cp -r platform/wasl/static/vendor "$BEFORE_SRC/platform/wasl/static/" 2>/dev/null || true
(cd "$BEFORE_SRC" && "$ROOT/.venv/bin/pybabel" compile -d translations >/dev/null 2>&1 || true)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  git worktree remove --force "$BEFORE_SRC" 2>/dev/null || true
  sleep 1
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS \"$DB\" WITH (FORCE)" >/dev/null 2>&1 || true
}
trap cleanup EXIT

bench_database "$DB" "$OUT"
.venv/bin/python bench/seed_cases.py --database-url "$APP_URL" --owner-url "$OWNER_URL" --cases 30000 \
  --tenants 5 --out "$OUT/targets.json" 2>&1 | grep -v INFO > "$OUT/seed.log"

serve() {  # serve <source tree> <port>
  PYTHONPATH="$1/platform:$1" .venv/bin/gunicorn --chdir "$1" wsgi:app --bind "127.0.0.1:$2" --workers 2 \
    --worker-class sync --timeout 120 --error-logfile "$OUT/gunicorn-$2.err" &
  PIDS+=($!)
  for _ in $(seq 1 60); do curl -s -o /dev/null "http://127.0.0.1:$2/health" && return; sleep 0.5; done
}
serve "$BEFORE_SRC" 8801
serve "$ROOT" 8802

{ echo "nproc: $(nproc)"; free -h; } > "$OUT/machine.txt"
.venv/bin/python - "$OUT" "$ENDPOINTS" "$ROUNDS" "$SECONDS_EACH" "$PEER_DIR/wrk_bench.lua" "$BEFORE_REF" <<'PY' \
  | tee "$OUT/summary.md"
import argparse, json, statistics, sys
from pathlib import Path
sys.path[:0] = ["bench"]
from drive_wasl import CSRF, endpoints, run_wrk, sign_in

out, wanted, rounds, seconds, script, before_ref = Path(sys.argv[1]), sys.argv[2].split(","), *sys.argv[3:]
targets = json.loads((out / "targets.json").read_text())
sides = {}
for side, port in ((before_ref, 8801), ("now", 8802)):
    base = f"http://127.0.0.1:{port}"
    opener, cookie = sign_in(base, targets["user"], targets["password"])
    csrf = CSRF.search(opener.open(f"{base}/{targets['slug']}/cases/new").read().decode()).group(1)
    sides[side] = (base, cookie, {e["label"]: e for e in endpoints(targets, csrf)})
rps = {side: {name: [] for name in wanted} for side in sides}
with open(out / "rounds.jsonl", "w") as raw:
    for number in range(int(rounds)):
        for side in (list(sides) if number % 2 == 0 else list(sides)[::-1]):
            base, cookie, known = sides[side]
            args = argparse.Namespace(base=base, conc=8, wrk_script=script)
            for name in wanted:
                run_wrk(args, known[name], cookie, 2)
                result = run_wrk(args, known[name], cookie, int(seconds))
                rps[side][name].append(result["rps"])
                raw.write(json.dumps({"round": number, "side": side, **result}) + "\n")
                print(f"round {number} {side:>10} {name:<12} {result['rps']:8.1f} req/s  "
                      f"p50 {result['p50_ms']:6.1f} ms  p95 {result['p95_ms']:6.1f} ms", flush=True)
print(f"\n| endpoint | {before_ref} req/s (median) | now req/s (median) | now ÷ {before_ref} |")
print("| --- | ---: | ---: | ---: |")
for name in wanted:
    then, now = statistics.median(rps[before_ref][name]), statistics.median(rps["now"][name])
    print(f"| {name} | {then:.1f} | {now:.1f} | {now / then:.2f}× |")
PY
