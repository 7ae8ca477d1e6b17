#!/usr/bin/env bash
# Make sure the Debian packages Wasl needs at run time and in tests are installed.
#
#   bash scripts/system_packages.sh
#
# - WeasyPrint (PDF):  libpango-1.0-0, libpangoft2-1.0-0, libharfbuzz-subset0 (if this Debian has it)
# - PDF checks:        poppler-utils (pdftotext, pdftoppm)
# - Browser tests:     chromium, chromium-driver
# - Fallback fonts:    fonts-noto-core (includes Arabic)
#
# Idempotent: only packages that dpkg reports as not installed are installed,
# and `apt-get update` runs at most once, only when something is missing.
# Without root or without apt-get it prints a warning naming what is missing
# and exits 0, so tests that need these packages skip instead of failing.
set -euo pipefail

export DEBIAN_FRONTEND=noninteractive

REQUIRED_PACKAGES=(
  libpango-1.0-0
  libpangoft2-1.0-0
  poppler-utils
  chromium
  chromium-driver
  fonts-noto-core
)
# Installed when the distribution provides them; skipped otherwise.
OPTIONAL_PACKAGES=(
  libharfbuzz-subset0
)

log() { printf '[system_packages] %s\n' "$*"; }

warn_loud() {
  printf '\n' >&2
  printf '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n' >&2
  printf '!! WARNING (scripts/system_packages.sh): %s\n' "$1" >&2
  printf '!! Missing Debian packages: %s\n' "$2" >&2
  printf '!! Install them with:\n' >&2
  printf '!!   apt-get install -y --no-install-recommends %s\n' "$2" >&2
  printf '!! Tests that need them will be skipped.\n' >&2
  printf '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n\n' >&2
}

is_installed() {
  # `dpkg -s` also succeeds for removed packages whose config files remain,
  # so look at the status line itself.
  local status
  status="$(dpkg -s "$1" 2>/dev/null | sed -n 's/^Status: //p')" || true
  [[ "$status" == "install ok installed" ]]
}

has_candidate() {
  local candidate
  candidate="$(apt-cache policy "$1" 2>/dev/null | sed -n 's/^ *Candidate: //p')" || true
  [[ -n "$candidate" && "$candidate" != "(none)" ]]
}

apt_lists_empty() {
  ! compgen -G '/var/lib/apt/lists/*Packages*' >/dev/null
}

if ! command -v dpkg >/dev/null 2>&1; then
  warn_loud "dpkg not found: not a Debian-based system, nothing checked." \
    "${REQUIRED_PACKAGES[*]} ${OPTIONAL_PACKAGES[*]}"
  exit 0
fi

missing_required=()
for pkg in "${REQUIRED_PACKAGES[@]}"; do
  is_installed "$pkg" || missing_required+=("$pkg")
done
missing_optional=()
for pkg in "${OPTIONAL_PACKAGES[@]}"; do
  is_installed "$pkg" || missing_optional+=("$pkg")
done

if [[ ${#missing_required[@]} -eq 0 && ${#missing_optional[@]} -eq 0 ]]; then
  log "all system packages are already installed."
  exit 0
fi

all_missing="${missing_required[*]} ${missing_optional[*]}"
all_missing="$(echo "$all_missing" | xargs)"

if [[ "$(id -u)" -ne 0 ]]; then
  warn_loud "not running as root; cannot install system packages." "$all_missing"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  warn_loud "apt-get not found; cannot install system packages." "$all_missing"
  exit 0
fi

# An optional package only warrants `apt-get update` if the current package
# lists offer it, or if there are no package lists at all yet.
need_update=0
if [[ ${#missing_required[@]} -gt 0 ]]; then
  need_update=1
else
  for pkg in "${missing_optional[@]}"; do
    if has_candidate "$pkg" || apt_lists_empty; then
      need_update=1
    fi
  done
fi

if [[ $need_update -eq 0 ]]; then
  log "optional package(s) not offered by this distribution, skipped: ${missing_optional[*]}"
  exit 0
fi

APT_OPTS=(-o DPkg::Lock::Timeout=300)

log "missing: $all_missing"
log "running apt-get update"
apt-get "${APT_OPTS[@]}" update -q

to_install=("${missing_required[@]}")
for pkg in "${missing_optional[@]}"; do
  if has_candidate "$pkg"; then
    to_install+=("$pkg")
  else
    log "optional package not offered by this distribution, skipped: $pkg"
  fi
done

if [[ ${#to_install[@]} -eq 0 ]]; then
  log "nothing to install."
  exit 0
fi

log "installing: ${to_install[*]}"
apt-get "${APT_OPTS[@]}" install -y --no-install-recommends "${to_install[@]}"
log "done."
