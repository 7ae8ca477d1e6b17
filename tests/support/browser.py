"""A real Chromium for the browser tests, an app served on a thread, and screenshots at two widths."""

from __future__ import annotations

import contextlib
import threading

import pytest
from werkzeug.serving import make_server

from wasl import PROJECT_ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
SHOTS = PROJECT_ROOT / "docs" / "screenshots"
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 812}}
AXE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"  # installed by make setup (npm ci)
SERIOUS = ("serious", "critical")


@contextlib.contextmanager
def chromium():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextlib.contextmanager
def serving(app):
    """``app`` on a free loopback port for the block; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(10)


def shoot(page, name: str) -> None:
    """``docs/screenshots/<name>-desktop.png`` and ``-phone.png``; neither width may scroll sideways."""
    for size, viewport in SIZES.items():
        page.set_viewport_size(viewport)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} at {size} scrolls sideways by {overflow}px"
        page.screenshot(path=str(SHOTS / f"{name}-{size}.png"), full_page=True)
    page.set_viewport_size(SIZES["desktop"])


def accessibility_problems(page) -> list[str]:
    """axe-core's serious and critical findings on the page as it stands, one line each.

    The page's context must be made with ``bypass_csp=True``: axe is put into the page as a script of its
    own, which the app's Content-Security-Policy would otherwise refuse.
    """
    if not AXE.exists():
        pytest.fail(f"axe-core is not installed ({AXE.relative_to(PROJECT_ROOT)}): run make setup")
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [f"{v['id']} ({v['impact']}): {v['help']} at {', '.join(str(n['target'][0]) for n in v['nodes'][:3])}"
            for v in found if v.get("impact") in SERIOUS]


@pytest.fixture
def browser():
    """The system's Chromium, headless, for one test (skipped where Playwright is not installed)."""
    with chromium() as launched:
        yield launched
