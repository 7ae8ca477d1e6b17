"""The application's outside surface: every route (rule, methods, endpoint) and the OpenAPI document.

    .venv/bin/python scripts/surface.py --write    # record the surface after a deliberate change

``tests/foundation/test_surface.py`` compares the app against the recorded files, so a refactoring
that moves code around shows, in one diff, any route or API operation it changed by accident.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SURFACE = ROOT / "tests" / "foundation" / "surface"


def routes(app) -> str:
    lines = sorted(f"{rule.rule} {','.join(sorted(rule.methods - {'HEAD', 'OPTIONS'}))} {rule.endpoint}"
                   for rule in app.url_map.iter_rules())
    return "\n".join(lines) + "\n"


def openapi(app) -> str:
    from wasl.api.spec import build_spec

    with app.test_request_context("/api/v1/openapi.json"):
        return json.dumps(build_spec(), indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def main() -> None:
    sys.path[:0] = [str(ROOT / "platform"), str(ROOT)]
    from wasl import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "TESTING": True})
    if "--write" not in sys.argv:
        raise SystemExit(__doc__)
    SURFACE.mkdir(exist_ok=True)
    (SURFACE / "routes.txt").write_text(routes(app), encoding="utf-8")
    (SURFACE / "openapi.json").write_text(openapi(app), encoding="utf-8")


if __name__ == "__main__":
    main()
