#!/usr/bin/env bash
# Everything a fresh clone needs before it can run: system packages, the
# virtualenv with pinned dependencies, vendored front-end assets and the
# compiled translation catalogues. Idempotent and quick when nothing changed.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '[setup] %s\n' "$*"; }

bash scripts/system_packages.sh

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  log "creating the virtualenv in .venv"
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.wasl-deps
want=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  log "installing Python dependencies (pinned in pyproject.toml)"
  .venv/bin/pip install --quiet --disable-pip-version-check --upgrade pip
  .venv/bin/pip install --quiet --disable-pip-version-check -e '.[test]'
  echo "$want" > "$stamp"
fi

bash scripts/vendor_assets.sh

if compgen -G 'translations/*/LC_MESSAGES/messages.po' > /dev/null; then
  .venv/bin/pybabel compile -d translations > /dev/null
fi
