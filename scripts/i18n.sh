#!/usr/bin/env bash
# Refresh the translation catalogues from the source: extract every marked
# string into translations/messages.pot and merge it into each locale's .po.
# Translators (or engineers) then fill in the new Arabic entries.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/pybabel extract -F babel.cfg -k _l -k lazy_gettext --no-location --sort-output \
  --project Wasl --copyright-holder "Wasl" -o translations/messages.pot .
for locale in ar en; do
  if [ -f "translations/$locale/LC_MESSAGES/messages.po" ]; then
    .venv/bin/pybabel update --no-fuzzy-matching -i translations/messages.pot -d translations -l "$locale"
  else
    .venv/bin/pybabel init -i translations/messages.pot -d translations -l "$locale"
  fi
done
.venv/bin/pybabel compile -d translations
