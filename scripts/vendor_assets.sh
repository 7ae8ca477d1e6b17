#!/usr/bin/env bash
# Install Wasl's front-end assets and fonts from npm and copy only the files
# the app serves into platform/wasl/static/vendor/.
#
#   bash scripts/vendor_assets.sh          # from the repository root
#   bash scripts/vendor_assets.sh --force  # re-vendor even if up to date
#
# Idempotent: a stamp file records a hash of package.json, package-lock.json
# and this script; when the stamp matches and every vendored file is present,
# nothing is done. Nothing is fetched at run time and the vendored files are
# not committed (see .gitignore).
set -euo pipefail

SCRIPT_PATH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")"
REPO_ROOT="$(cd "$(dirname "$SCRIPT_PATH")/.." && pwd)"
cd "$REPO_ROOT"

VENDOR_REL="platform/wasl/static/vendor"
VENDOR_DIR="$REPO_ROOT/$VENDOR_REL"
STAMP_FILE="$VENDOR_DIR/.stamp"

FONT_PACKAGE="@fontsource/ibm-plex-sans-arabic"
FONT_PREFIX="ibm-plex-sans-arabic"
FONT_FAMILY="Wasl Arabic"
FONT_SUBSETS=(arabic latin)
FONT_WEIGHTS=(400 700)
FONT_FORMATS=(woff2 woff)

BOOTSTRAP_FILES=(
  css/bootstrap.min.css
  css/bootstrap.rtl.min.css
  js/bootstrap.bundle.min.js
)

log() { printf '[vendor_assets] %s\n' "$*"; }
die() { printf '[vendor_assets] ERROR: %s\n' "$*" >&2; exit 1; }

FORCE=0
case "${1:-}" in
  "") ;;
  --force) FORCE=1 ;;
  -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$SCRIPT_PATH"; exit 0 ;;
  *) die "unknown argument: $1 (use --force or --help)" ;;
esac

[[ -f package.json ]] || die "package.json not found in $(pwd)"

# Every file the vendor directory must hold, relative to it.
expected_files() {
  local f subset weight fmt
  for f in "${BOOTSTRAP_FILES[@]}"; do
    printf 'bootstrap/%s\n' "$f"
  done
  printf 'bootstrap/LICENSE.txt\n'
  for subset in "${FONT_SUBSETS[@]}"; do
    for weight in "${FONT_WEIGHTS[@]}"; do
      for fmt in "${FONT_FORMATS[@]}"; do
        printf 'fonts/%s-%s-%s-normal.%s\n' "$FONT_PREFIX" "$subset" "$weight" "$fmt"
      done
    done
  done
  printf 'fonts/fonts.css\n'
  printf 'fonts/LICENSE.txt\n'
}

compute_stamp() {
  local inputs=(package.json "$SCRIPT_PATH")
  [[ -f package-lock.json ]] && inputs+=(package-lock.json)
  cat "${inputs[@]}" | sha256sum | cut -d' ' -f1
}

up_to_date() {
  [[ -f "$STAMP_FILE" ]] || return 1
  [[ "$(cat "$STAMP_FILE")" == "$(compute_stamp)" ]] || return 1
  local f
  while IFS= read -r f; do
    [[ -s "$VENDOR_DIR/$f" ]] || return 1
  done < <(expected_files)
  return 0
}

if [[ $FORCE -eq 0 ]] && up_to_date; then
  log "vendored assets are up to date ($VENDOR_REL)."
  exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
  die "npm was not found on PATH. Install Node.js and npm (Debian: apt-get install -y nodejs npm), then run scripts/vendor_assets.sh again."
fi
if ! command -v node >/dev/null 2>&1; then
  die "node was not found on PATH. Install Node.js (Debian: apt-get install -y nodejs), then run scripts/vendor_assets.sh again."
fi

if [[ -f package-lock.json ]]; then
  log "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --omit=dev
else
  log "installing npm packages (npm install)"
  npm install --no-audit --no-fund --omit=dev
fi

BOOTSTRAP_DIR="node_modules/bootstrap/dist"
FONT_DIR="node_modules/$FONT_PACKAGE"
[[ -d "$BOOTSTRAP_DIR" ]] || die "$BOOTSTRAP_DIR missing after npm install"
[[ -d "$FONT_DIR/files" ]] || die "$FONT_DIR/files missing after npm install"
[[ -f "$FONT_DIR/unicode.json" ]] || die "$FONT_DIR/unicode.json missing after npm install"

# Build into a staging directory, then swap it in, so a failure never leaves
# a half-written vendor directory behind a valid stamp.
mkdir -p "$(dirname "$VENDOR_DIR")"
rm -rf "$(dirname "$VENDOR_DIR")"/.vendor.staging.*   # left over by an interrupted run
STAGING="$(mktemp -d "$(dirname "$VENDOR_DIR")/.vendor.staging.XXXXXX")"
trap 'rm -rf "$STAGING"' EXIT
mkdir -p "$STAGING/bootstrap/css" "$STAGING/bootstrap/js" "$STAGING/fonts"

for f in "${BOOTSTRAP_FILES[@]}"; do
  [[ -f "$BOOTSTRAP_DIR/$f" ]] || die "$BOOTSTRAP_DIR/$f not found"
  cp "$BOOTSTRAP_DIR/$f" "$STAGING/bootstrap/$f"
done
cp node_modules/bootstrap/LICENSE "$STAGING/bootstrap/LICENSE.txt"

for subset in "${FONT_SUBSETS[@]}"; do
  for weight in "${FONT_WEIGHTS[@]}"; do
    for fmt in "${FONT_FORMATS[@]}"; do
      name="$FONT_PREFIX-$subset-$weight-normal.$fmt"
      [[ -f "$FONT_DIR/files/$name" ]] || die "$FONT_DIR/files/$name not found"
      cp "$FONT_DIR/files/$name" "$STAGING/fonts/$name"
    done
  done
done
cp "$FONT_DIR/LICENSE" "$STAGING/fonts/LICENSE.txt"

# fonts.css: one @font-face per subset and weight, with the package's own
# unicode ranges. Each subset gets its own family name ("Wasl Arabic" for the
# Arabic subset, "Wasl Arabic Latin" for the Latin one) instead of sharing one
# name: WeasyPrint identifies an embedded PDF font by family, weight and style
# only, so two subset files under one name get mixed up in PDFs (wrong glyphs).
# Use the --wasl-font-family stack defined at the end of the file.
FONT_PACKAGE="$FONT_PACKAGE" FONT_PREFIX="$FONT_PREFIX" FONT_FAMILY="$FONT_FAMILY" \
FONT_SUBSETS="${FONT_SUBSETS[*]}" FONT_WEIGHTS="${FONT_WEIGHTS[*]}" \
FONT_VERSION_FILE="$FONT_DIR/package.json" UNICODE_FILE="$FONT_DIR/unicode.json" \
node -e '
  const fs = require("fs");
  const env = process.env;
  const ranges = JSON.parse(fs.readFileSync(env.UNICODE_FILE, "utf8"));
  const version = JSON.parse(fs.readFileSync(env.FONT_VERSION_FILE, "utf8")).version;
  const familyFor = (subset) => subset === "arabic" ? env.FONT_FAMILY :
    env.FONT_FAMILY + " " + subset.split("-").map((w) => w[0].toUpperCase() + w.slice(1)).join(" ");
  const families = [];
  const out = [
    `/* Generated by scripts/vendor_assets.sh from ${env.FONT_PACKAGE}@${version}. Do not edit. */`,
    "/* Font licensed under the SIL Open Font License 1.1, see LICENSE.txt. */",
    "/* Each subset has its own family name (WeasyPrint mixes up subset files that",
    "   share one name); use var(--wasl-font-family), which lists them all. */",
    "",
  ];
  for (const subset of env.FONT_SUBSETS.split(" ")) {
    if (!ranges[subset]) { console.error(`no unicode range for subset ${subset}`); process.exit(1); }
    const family = familyFor(subset);
    families.push(`"${family}"`);
    for (const weight of env.FONT_WEIGHTS.split(" ")) {
      const base = `${env.FONT_PREFIX}-${subset}-${weight}-normal`;
      out.push(
        "@font-face {",
        `  font-family: "${family}";`,
        "  font-style: normal;",
        `  font-weight: ${weight};`,
        "  font-display: swap;",
        `  src: url("./${base}.woff2") format("woff2"), url("./${base}.woff") format("woff");`,
        `  unicode-range: ${ranges[subset]};`,
        "}",
        "",
      );
    }
  }
  out.push(
    ":root {",
    `  --wasl-font-family: ${families.join(", ")}, "Noto Sans Arabic", "Noto Sans", sans-serif;`,
    "}",
    "",
  );
  process.stdout.write(out.join("\n"));
' > "$STAGING/fonts/fonts.css"

# Check the staging directory holds everything expected.
while IFS= read -r f; do
  [[ -s "$STAGING/$f" ]] || die "vendored file missing or empty: $f"
done < <(expected_files)

compute_stamp > "$STAGING/.stamp"

rm -rf "$VENDOR_DIR"
mv "$STAGING" "$VENDOR_DIR"
chmod 755 "$VENDOR_DIR"
trap - EXIT

log "vendored into $VENDOR_REL:"
(cd "$VENDOR_DIR" && find . -type f ! -name .stamp | sort | sed 's/^\.\//  /')
