"""A web worker starts without the heavy libraries: they are imported by the code that uses them."""

import json
import os
import subprocess
import sys

from wasl import PROJECT_ROOT

HEAVY = ("weasyprint", "PIL", "segno", "apispec", "openpyxl", "schemathesis",
         "flask_migrate", "alembic", "mako", "pygments")


def test_creating_the_app_imports_none_of_the_heavy_libraries(tmp_path):
    probe = ("import json, sys, wasl; wasl.create_app(); "
             f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & set({list(HEAVY)!r}))))")
    env = dict(os.environ, WASL_ENV="test", WASL_INSTANCE_PATH=str(tmp_path),
               DATABASE_URL=f"sqlite:///{tmp_path / 'light.sqlite3'}")
    out = subprocess.run([sys.executable, "-c", probe], cwd=str(PROJECT_ROOT), env=env,
                         capture_output=True, text=True, timeout=120, check=True)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []
