"""Helpers for the policy domain tests: seed folders with a changed policy.yaml, scoped blocks."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import yaml

from tests.support.factories import tenants_dir

SEED_CHANNEL_COUNTS = {"wefaq": 8, "shaair": 5, "modeem": 5, "hope": 8, "quwayiyah": 8}


def seed_policy(slug: str) -> dict:
    return yaml.safe_load((tenants_dir() / slug / "policy.yaml").read_text(encoding="utf-8"))


def seed_folder(tmp_path: Path, slug: str, policy: dict | None = None) -> Path:
    """A copy of ``tenants/<slug>`` under ``tmp_path`` whose policy.yaml is ``policy`` (the seed's by default)."""
    folder = tmp_path / slug
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(tenants_dir() / slug / "tenant.yaml", folder / "tenant.yaml")
    write_policy(folder, seed_policy(slug) if policy is None else policy)
    return folder


def write_policy(folder: Path, policy: dict) -> Path:
    path = folder / "policy.yaml"
    path.write_text(yaml.safe_dump(policy, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def changed(policy: dict, **replacements) -> dict:
    result = copy.deepcopy(policy)
    result.update(replacements)
    return result


class EventLog(list):
    """The domain events a test saw, as (name, payload) pairs."""

    def __call__(self, event: str, **payload) -> None:
        self.append((event, payload))


def listen(app, event: str) -> EventLog:
    from wasl.events import subscribe

    log = EventLog()
    subscribe(app, event, log)
    return log


def stop_listening(app, event: str, log: EventLog) -> None:
    from wasl.events import EXTENSION_KEY

    app.extensions[EXTENSION_KEY][event].remove(log)
