"""Print the side-by-side table of one benchmark run: Wasl against django-helpdesk, with ratios."""

from __future__ import annotations

import json
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
    return " ".join(text.split()) or "?"


def main(folder: Path) -> None:
    ours, peer = load(folder / "wasl.jsonl"), load(folder / "peer.jsonl")
    ceiling = (ours.get("ceiling") or {}).get("ok_rps")
    print("| endpoint | Wasl req/s | peer req/s | ratio | share of the ceiling | Wasl p50 ms | peer p50 ms | "
          "Wasl p95 ms | peer p95 ms |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for mine, theirs, label in PAIRS:
        a, b = ours.get(mine), peer.get(theirs)
        if not a:
            continue
        ratio = f"{a['ok_rps'] / b['ok_rps']:.1f}×" if b and b["ok_rps"] else "–"
        share = f"{a['ok_rps'] / ceiling:.0%}" if ceiling else "–"
        print(f"| {label} | {a['ok_rps']:.1f} | {b['ok_rps'] if b else '–'} | {ratio} | {share} | {a['p50_ms']:.0f} | "
              f"{b['p50_ms'] if b else '–'} | {a['p95_ms']:.0f} | {b['p95_ms'] if b else '–'} |")
    if ceiling:
        print(f"\nCeiling (a route that does nothing, same app and gunicorn settings): {ceiling:.1f} req/s, "
              f"p50 {ours['ceiling']['p50_ms']:.0f} ms.")
    memory = json.loads((folder / "wasl-rss.json").read_text()) if (folder / "wasl-rss.json").exists() else {}
    print(f"\nPeak memory of the web server (gunicorn master + 2 workers, after the load): Wasl RSS "
          f"{memory.get('peak_rss_mib', '?')} MiB, PSS {memory.get('peak_pss_mib', '?')} MiB; "
          f"peer {peer_peak_rss(folder)}.")
    unexpected = {k: v["unexpected"] for k, v in ours.items() if v.get("unexpected")}
    if unexpected:
        print(f"\nWasl answers with an unexpected status: {unexpected}")
    print("\n" + (folder / "machine.txt").read_text())


if __name__ == "__main__":
    main(Path(sys.argv[1]))
