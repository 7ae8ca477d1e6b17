"""The case page (or the case list) in process: server time, SQL statements and a cProfile summary, no HTTP in between.

    .venv/bin/python bench/profile_case_page.py --targets bench/results/<run>/targets.json \
        [--page case|list] [--requests 300] [--out bench/results/<run>/case-page-profile.txt]

Runs against the database ``bench/seed_cases.py`` filled (the environment of
``run_cases_bench.sh``: ``DATABASE_URL`` and the same keys), signed in through
the real sign-in form as the largest association's first member of staff.
Each request is one of the 1,000 sampled cases of that association, in turn.
Prints the median and 95th percentile of the time the app takes to answer,
the statements per page (and the distinct statement shapes), and the 30
functions that take the most cumulative time.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import re
import statistics
import time
from pathlib import Path

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def signed_in_client(app, targets: dict):
    client = app.test_client()
    token = CSRF.search(client.get("/login").get_data(as_text=True)).group(1)
    answer = client.post("/login", data={"email": targets["user"], "password": targets["password"],
                                         "csrf_token": token})
    if answer.status_code not in (302, 303):
        raise SystemExit(f"sign-in failed with {answer.status_code}")
    return client


def counting(engine):
    from sqlalchemy import event

    seen: list[str] = []

    def before(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", before)
    return seen


def measure(client, urls: list[str], count: int) -> list[float]:
    times = []
    for n in range(count):
        started = time.perf_counter()
        answer = client.get(urls[n % len(urls)])
        times.append((time.perf_counter() - started) * 1000)
        if answer.status_code != 200:
            raise SystemExit(f"{urls[n % len(urls)]} answered {answer.status_code}")
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--targets", type=Path, required=True)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--page", choices=("case", "list"), default="case",
                        help="the case page (each sampled case in turn) or the case list's first page")
    args = parser.parse_args()
    targets = json.loads(args.targets.read_text(encoding="utf-8"))

    from wasl import create_app
    from wasl.db import db

    app = create_app()
    client = signed_in_client(app, targets)
    if args.page == "list":
        urls = [f"/{targets['slug']}/cases"]
    else:
        urls = [f"/{targets['slug']}/cases/{case_id}" for case_id in targets["case_ids"]]
    measure(client, urls, 30)  # warm: templates compiled, connections open, caches filled
    times = measure(client, urls, args.requests)
    with app.app_context():
        seen = counting(db.engine)
    measure(client, urls[:1], 1)
    seen = list(seen)  # one page's statements; the listener goes on counting during the profile
    statements = [s for s in seen if "set_config" not in s]
    profiler = cProfile.Profile()
    profiler.enable()
    measure(client, urls, min(args.requests, 100))
    profiler.disable()
    summary = io.StringIO()
    pstats.Stats(profiler, stream=summary).strip_dirs().sort_stats("cumulative").print_stats(30)
    report = "\n".join([
        f"{'case list' if args.page == 'list' else 'case page'}, in process, {args.requests} requests over "
        f"{len(urls)} page(s) of an association of {targets['cases_in_largest']} cases",
        f"median {statistics.median(times):.1f} ms, p95 {statistics.quantiles(times, n=20)[18]:.1f} ms",
        f"SQL statements per page: {len(statements)} (and {len(seen) - len(statements)} that set the "
        "row-level security scope)",
        *[f"  {s.split(chr(10))[0][:150]}" for s in statements],
        "",
        "cProfile, 100 requests, by cumulative time:",
        summary.getvalue(),
    ])
    print(report)
    if args.out:
        args.out.write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
