"""Drive Wasl's case pages with the peer harness's wrk script and sample the server's memory.

Signs in through the real form, reads a CSRF token from the intake page, then
for each endpoint runs wrk (warm-up, then the measured run) while a sampler
adds up the resident (RSS) and proportional (PSS) memory of the gunicorn master and its workers.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import subprocess
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--targets", type=Path, required=True)
    parser.add_argument("--gunicorn-pid", type=int, required=True)
    parser.add_argument("--duration", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--conc", type=int, default=8)
    parser.add_argument("--wrk-script", required=True)
    parser.add_argument("--out", type=Path, required=True)
    return parser.parse_args()


def sign_in(base: str, email: str, password: str):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    token = CSRF.search(opener.open(base + "/login").read().decode()).group(1)
    data = urllib.parse.urlencode({"email": email, "password": password, "csrf_token": token}).encode()
    opener.open(base + "/login", data=data)
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    return opener, cookie


def endpoints(targets: dict, csrf: str) -> list[dict]:
    slug = targets["slug"]
    body = urllib.parse.urlencode({
        "stage": "open", "beneficiary_id": targets["beneficiary_id"], "service": targets["service"],
        "channel": targets["channel"], "priority": "normal", "assignee_id": "", "csrf_token": csrf,
    }) + "&description=bench+request+{n}"
    return [
        # The ceiling: a route that does nothing, through the same app factory and gunicorn settings.
        {"label": "ceiling", "mode": "get", "path": "/health", "expect": 200},
        {"label": "case_list", "mode": "get", "path": f"/{slug}/cases", "expect": 200},
        {"label": "case_page", "mode": "get_ids", "path": f"/{slug}/cases/{{id}}", "expect": 200,
         "ids": ",".join(map(str, targets["case_ids"]))},
        {"label": "case_create", "mode": "post_form", "path": f"/{slug}/cases/new", "expect": 302, "body": body},
    ]


def _field_kib(path: Path, name: str) -> int:
    for line in path.read_text().splitlines():
        if line.startswith(name):
            return int(line.split()[1])
    return 0


def process_tree_memory_kib(pid: int) -> tuple[int, int]:
    """Resident (RSS) and proportional (PSS: shared pages divided among their sharers) memory of the tree."""
    rss = pss = 0
    pids = [pid] + [int(p) for p in subprocess.run(["pgrep", "-P", str(pid)], capture_output=True,
                                                     text=True).stdout.split()]
    for p in pids:
        try:
            rss += _field_kib(Path(f"/proc/{p}/status"), "VmRSS:")
            pss += _field_kib(Path(f"/proc/{p}/smaps_rollup"), "Pss:")
        except (FileNotFoundError, ProcessLookupError):
            continue
    return rss, pss


class Sampler(threading.Thread):
    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak, self.peak_pss, self.running = pid, 0, 0, True

    def run(self):
        for _ in range(20_000):  # bounded: at most ~2.8 h at 0.5 s
            if not self.running:
                return
            rss, pss = process_tree_memory_kib(self.pid)
            self.peak, self.peak_pss = max(self.peak, rss), max(self.peak_pss, pss)
            time.sleep(0.5)


def run_wrk(args, endpoint: dict, cookie: str, seconds: int) -> dict | None:
    env = dict(os.environ, BENCH_LABEL=endpoint["label"], BENCH_MODE=endpoint["mode"], BENCH_PATH=endpoint["path"],
               BENCH_EXPECT=str(endpoint["expect"]), BENCH_COOKIE=cookie, BENCH_IDS=endpoint.get("ids", ""),
               BENCH_BODY=endpoint.get("body", ""))
    command = ["timeout", str(seconds + 90), "wrk", "-t1", f"-c{args.conc}", f"-d{seconds}s", "--timeout", "60s",
               "-s", args.wrk_script, args.base]
    out = subprocess.run(command, env=env, capture_output=True, text=True).stdout
    line = next((ln for ln in out.splitlines() if ln.startswith("RESULT ")), None)
    return json.loads(line[len("RESULT "):]) if line else None


def main():
    args = parse_args()
    targets = json.loads(args.targets.read_text())
    opener, cookie = sign_in(args.base, targets["user"], targets["password"])
    csrf = CSRF.search(opener.open(f"{args.base}/{targets['slug']}/cases/new").read().decode()).group(1)
    sampler = Sampler(args.gunicorn_pid)
    sampler.start()
    with open(args.out / "wasl.jsonl", "w") as results:
        for endpoint in endpoints(targets, csrf):
            run_wrk(args, endpoint, cookie, args.warmup)
            result = run_wrk(args, endpoint, cookie, args.duration)
            print(json.dumps(result))
            results.write(json.dumps(result) + "\n")
            time.sleep(2)
    sampler.running = False
    sampler.join()
    (args.out / "wasl-rss.json").write_text(json.dumps({"peak_rss_mib": round(sampler.peak / 1024, 1),
                                                        "peak_pss_mib": round(sampler.peak_pss / 1024, 1)}))


if __name__ == "__main__":
    main()
