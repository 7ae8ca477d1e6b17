"""The repository layout keeps Python's standard ``platform`` module reachable."""

import subprocess
import sys

from wasl import PROJECT_ROOT


def test_platform_folder_is_not_a_package():
    assert not (PROJECT_ROOT / "platform" / "__init__.py").exists()


def test_stdlib_platform_module_wins_from_the_repo_root():
    out = subprocess.run(
        [sys.executable, "-c", "import platform; print(platform.python_version())"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, check=True,
    )
    assert out.stdout.strip() == ".".join(map(str, sys.version_info[:3]))


def test_wsgi_exposes_app():
    out = subprocess.run(
        [sys.executable, "-c", "import wsgi; print(type(wsgi.app).__name__)"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, check=True,
        env={"WASL_ENV": "development", "PATH": "/usr/bin:/bin"},
    )
    assert out.stdout.strip() == "Flask"
