#!/usr/bin/env bash
# Installs the Debian packages the tests need, only when something is missing.
# Idempotent and fast when everything is present: it checks with `dpkg -s`
# (and `command -v` for binaries) first, and runs `apt-get update` at most
# once, only when something has to be installed.
#
# Runs as root (CI) or, best effort, through sudo in a developer's shell.
set -euo pipefail

# Debian packages the test suite needs.
#   chromium        -> /usr/bin/chromium, driven by Playwright in tests/e2e
#                      (never `playwright install`: the browser comes from Debian)
#   fonts-noto-cjk  -> Hangul glyphs in screenshots (otherwise tofu boxes)
#   postgresql      -> initdb/pg_ctl under /usr/lib/postgresql/*/bin: tests/pg.py starts
#                      a throwaway server (as the postgres user) for the store tests
#   libreoffice-impress -> soffice --headless: tests/e2e renders the exported PPTX to PDF
#   libreoffice-writer  -> the same for the 결과보고 DOCX (tests/e2e/test_report_docx_render.py)
#   poppler-utils   -> pdftoppm: the PDF pages to PNG for a look (tests/artifacts/pptx/)
#   npm             -> installs axe-core for tests/e2e (`make axe`); only when no npm is on
#                      PATH (a Node.js from elsewhere brings its own npm)
PACKAGES=(
  chromium
  fonts-noto-cjk
  libreoffice-impress
  libreoffice-writer
  poppler-utils
  postgresql
)

# Installed when the archive has them; a missing one is not an error.
OPTIONAL_PACKAGES=(
  fonts-nanum
)

# Binaries that must be on PATH after the install (package -> command).
declare -A COMMANDS=(
  [libreoffice-impress]=soffice
  [libreoffice-writer]=soffice
  [poppler-utils]=pdftoppm
  [chromium]=chromium
)

is_installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q '^install ok installed$'
}

missing=()
for pkg in "${PACKAGES[@]}"; do
  cmd="${COMMANDS[$pkg]:-}"
  if is_installed "$pkg" && { [[ -z "$cmd" ]] || command -v "$cmd" >/dev/null 2>&1; }; then
    continue
  fi
  missing+=("$pkg")
done

command -v npm >/dev/null 2>&1 || missing+=(npm)

optional_missing=()
for pkg in "${OPTIONAL_PACKAGES[@]}"; do
  is_installed "$pkg" || optional_missing+=("$pkg")
done

# Optional packages alone never trigger an apt-get update: once checked as
# unavailable they would otherwise cost an update on every run.
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "system_deps: all present (${PACKAGES[*]})"
  exit 0
fi

if [[ $(id -u) -eq 0 ]]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo)
else
  echo "system_deps: missing ${missing[*]}; run as root or install sudo" >&2
  exit 1
fi

apt_get() {
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "$@"
}

echo "system_deps: installing ${missing[*]}"
apt_get update -q
apt_get install -y -q --no-install-recommends "${missing[@]}"

for pkg in "${optional_missing[@]}"; do
  if apt-cache show "$pkg" >/dev/null 2>&1; then
    apt_get install -y -q --no-install-recommends "$pkg" ||
      echo "system_deps: optional $pkg failed to install, continuing" >&2
  else
    echo "system_deps: optional $pkg not in the archive, skipped"
  fi
done

for pkg in "${PACKAGES[@]}"; do
  cmd="${COMMANDS[$pkg]:-}"
  if ! is_installed "$pkg" || { [[ -n "$cmd" ]] && ! command -v "$cmd" >/dev/null 2>&1; }; then
    echo "system_deps: $pkg still missing after install" >&2
    exit 1
  fi
done
echo "system_deps: done"
