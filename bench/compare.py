"""Print the side-by-side table of one benchmark run: Wasl against django-helpdesk, with ratios."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

PAIRS = (
    ("case_list", "list_json", "case list, first 25 newest (peer: its list data request)"),
    ("case_list", "list_html", "case list (peer: its list page shell, without rows)"),
    ("case_page", "detail", "case page"),
    ("case_create", "create_form", "case creation through the form"),
)


def load(path: Path) -> dict:
    if not path.exists():
        return {}
    rows = (json.loads(line) for line in path.read_text().splitlines() if line.strip())
    return {row["label"]: row for row in rows if row}


def peer_peak_rss(folder: Path) -> str:
    text = (folder / "peer-rss.txt").read_text() if (folder / "peer-rss.txt").exists() else ""
    match = re.search(r"([\d.]+) MiB", text)
    return match.group(1) if match else "?"


def main(folder: Path) -> None:
    ours, peer = load(folder / "wasl.jsonl"), load(folder / "peer.jsonl")
    print("| endpoint | Wasl req/s | peer req/s | ratio | Wasl p50 ms | peer p50 ms | Wasl p95 ms | peer p95 ms |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for mine, theirs, label in PAIRS:
        a, b = ours.get(mine), peer.get(theirs)
        if not a:
            continue
        ratio = f"{a['ok_rps'] / b['ok_rps']:.1f}×" if b and b["ok_rps"] else "–"
        print(f"| {label} | {a['ok_rps']:.1f} | {b['ok_rps'] if b else '–'} | {ratio} | {a['p50_ms']:.0f} | "
              f"{b['p50_ms'] if b else '–'} | {a['p95_ms']:.0f} | {b['p95_ms'] if b else '–'} |")
    rss = json.loads((folder / "wasl-rss.json").read_text())["peak_rss_mib"] if (folder / "wasl-rss.json").exists() else "?"
    print(f"\nPeak RSS of the web server (gunicorn master + {2} workers): Wasl {rss} MiB, peer {peer_peak_rss(folder)} MiB.")
    unexpected = {k: v["unexpected"] for k, v in ours.items() if v.get("unexpected")}
    if unexpected:
        print(f"\nWasl answers with an unexpected status: {unexpected}")
    print("\n" + (folder / "machine.txt").read_text())


if __name__ == "__main__":
    main(Path(sys.argv[1]))
