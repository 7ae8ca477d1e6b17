"""How much memory the web server holds: gunicorn's master and its sync workers, before and after serving pages.

Seeds a small PostgreSQL database (bench/seed_cases.py with a few thousand cases), starts gunicorn the way
bench/run_cases_bench.sh does (no --preload), signs in, then serves the case list, case pages and case
creations from a few threads so every worker takes its share. After the start and after the pages it reads
each process's resident (RSS) and proportional (PSS) memory from /proc/<pid>/smaps_rollup.

    .venv/bin/python bench/web_memory.py --out bench/results/web-memory.txt
    .venv/bin/python bench/web_memory.py --before <commit>     # the same, also with the code of <commit>
    .venv/bin/python bench/web_memory.py --tracemalloc          # in process: what grows while serving

Everything listens on 127.0.0.1; gunicorn is stopped by its PID.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "platform"))
sys.path.insert(0, str(ROOT / "bench"))

from drive_wasl import CSRF, sign_in  # noqa: E402


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--admin-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--database", default="wasl_web_memory")
    parser.add_argument("--cases", type=int, default=3000)
    parser.add_argument("--pages", type=int, default=200, help="requests of each kind")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8791)
    parser.add_argument("--before", help="also measure the code of this commit, same data")
    parser.add_argument("--tracemalloc", action="store_true", help="in process: the allocations that grow")
    parser.add_argument("--out", type=Path)
    return parser.parse_args()


def seed(args, folder: Path, env: dict) -> dict:
    """The database, seeded with the keys the server will read it with."""
    from tests.support.databases import prepare_postgres

    database = prepare_postgres(args.admin_url, args.database)
    targets = folder / "targets.json"
    subprocess.run([sys.executable, str(ROOT / "bench" / "seed_cases.py"), "--database-url", database.app_url,
                    "--owner-url", database.owner_url, "--cases", str(args.cases), "--tenants", "3",
                    "--largest", str(args.cases // 2), "--out", str(targets)],
                   check=True, capture_output=True, timeout=900, env=env)
    env["DATABASE_URL"] = database.app_url
    return json.loads(targets.read_text())


def production_environment(instance: Path) -> dict:
    from cryptography.fernet import Fernet

    return dict(os.environ, WASL_ENV="production", SECRET_KEY=secrets.token_urlsafe(32), SESSION_COOKIE_SECURE="0",
                WASL_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
                WASL_BLIND_INDEX_KEY=secrets.token_urlsafe(48), WASL_INSTANCE_PATH=str(instance),
                LOGIN_RATE_LIMIT="1000 per minute")


def page_requests(targets: dict, csrf: str, pages: int) -> list[tuple[str, bytes | None]]:
    slug = targets["slug"]
    ids = targets["case_ids"]
    form = {"stage": "open", "beneficiary_id": targets["beneficiary_id"], "service": targets["service"],
            "channel": targets["channel"], "priority": "normal", "assignee_id": "", "csrf_token": csrf}
    listing = [(f"/{slug}/cases", None)] * pages
    case_pages = [(f"/{slug}/cases/{ids[n % len(ids)]}", None) for n in range(pages)]
    creations = [(f"/{slug}/cases/new", urllib.parse.urlencode({**form, "description": f"memory {n}"}).encode())
                 for n in range(pages)]
    return listing + case_pages + creations


def serve_pages(base: str, targets: dict, pages: int) -> int:
    opener, _ = sign_in(base, targets["user"], targets["password"])
    csrf = CSRF.search(opener.open(f"{base}/{targets['slug']}/cases/new").read().decode()).group(1)

    def fetch(request):
        path, body = request
        try:
            with opener.open(base + path, data=body, timeout=60) as answer:
                answer.read()
                return answer.status
        except urllib.error.HTTPError as refused:
            return refused.code

    with ThreadPoolExecutor(max_workers=4) as pool:
        return sum(status < 400 for status in pool.map(fetch, page_requests(targets, csrf, pages)))


def memory_kib(pid: int) -> dict:
    fields = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, value, *_ = line.split()
        fields[name.rstrip(":")] = int(value)
    return {"rss": fields["Rss"], "pss": fields["Pss"]}


def tree_memory(master: int) -> list[dict]:
    children = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout.split()
    rows = [{"process": "master", "pid": master, **memory_kib(master)}]
    rows += [{"process": "worker", "pid": int(pid), **memory_kib(int(pid))} for pid in children]
    return rows


def describe(label: str, rows: list[dict]) -> str:
    lines = [f"{label}:"]
    lines += [f"  {r['process']:<7} {r['pid']:>8}  RSS {r['rss'] / 1024:7.1f} MiB  PSS {r['pss'] / 1024:7.1f} MiB"
              for r in rows]
    lines.append(f"  {'total':<16}  RSS {sum(r['rss'] for r in rows) / 1024:7.1f} MiB"
                 f"  PSS {sum(r['pss'] for r in rows) / 1024:7.1f} MiB")
    return "\n".join(lines)


@contextmanager
def gunicorn(source: Path, env: dict, args):
    env = dict(env, PYTHONPATH=f"{source / 'platform'}{os.pathsep}{source}")
    command = [sys.executable, "-m", "gunicorn", "wsgi:app", "--chdir", str(source), "--bind",
               f"127.0.0.1:{args.port}", "--workers", str(args.workers), "--worker-class", "sync", "--timeout", "120",
               "--error-logfile", str(Path(env["WASL_INSTANCE_PATH"]).parent / "gunicorn.err")]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{args.port}"
        for _ in range(120):
            try:
                urllib.request.urlopen(base + "/health", timeout=2).read()
                break
            except OSError:
                time.sleep(0.5)
        time.sleep(3)  # every worker up, not only the first that answered
        yield server.pid, base
    finally:
        server.terminate()
        server.wait(timeout=60)


def measure(source: Path, label: str, targets: dict, env: dict, args) -> str:
    with gunicorn(source, env, args) as (pid, base):
        started = tree_memory(pid)
        served = serve_pages(base, targets, args.pages)
        time.sleep(1)
        after = tree_memory(pid)
    errors = (Path(env["WASL_INSTANCE_PATH"]).parent / "gunicorn.err").read_text()
    if served < 3 * args.pages:
        print(errors[-4000:], file=sys.stderr)
    return "\n".join([f"== {label}: {args.workers} sync workers, {served} pages served "
                      f"({args.pages} case lists, case pages and creations each)",
                      describe("after start", started), describe("after the pages", after)])


@contextmanager
def source_at(commit: str):
    folder = Path(tempfile.mkdtemp()) / "src"
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(folder), commit],
                   check=True, capture_output=True)
    try:
        subprocess.run([str(Path(sys.executable).parent / "pybabel"), "compile", "-d", "translations"],
                       cwd=folder, check=True, capture_output=True)
        yield folder
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(folder)], check=True)


def main() -> int:
    args = parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = production_environment(Path(tmp) / "instance")
        targets = seed(args, Path(tmp), env)
        if args.tracemalloc:
            from web_memory_growth import report_growth

            report = report_growth(targets, env, args.pages)
        else:
            report = measure(ROOT, f"this tree ({git_head(ROOT)})", targets, env, args)
            if args.before:
                with source_at(args.before) as before:
                    report = measure(before, f"before ({args.before})", targets, env, args) + "\n\n" + report
    print(report)
    if args.out:
        args.out.write_text(report + "\n", encoding="utf-8")
    return 0


def git_head(source: Path) -> str:
    head = subprocess.run(["git", "-C", str(source), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run(["git", "-C", str(source), "status", "--porcelain", "platform"], capture_output=True,
                           text=True).stdout.strip()
    return head.stdout.strip() + (" + uncommitted changes" if dirty else "")


if __name__ == "__main__":
    sys.exit(main())
