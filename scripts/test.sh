#!/usr/bin/env bash
# `bash scripts/test.sh`: the README's command that runs every test, and what CI runs (.ci/run).
# Brings what the tests need when it is missing, saying so:
#   - Node 24 and the locked dependencies (scripts/prepare.sh);
#   - Debian's Chromium and CJK fonts for the end-to-end tests (apt-get, as root or with sudo -n);
#   - Electron's binary, through Electron's own fetch (scripts/electron-binary.mjs), for the test that
#     launches the window — unless ELECTRON_SKIP_BINARY_DOWNLOAD=1 (CI) — and Xvfb to launch it on
#     when there is no display;
# then runs `npm test` (scripts/test-all.mjs). The last line is the plain summary `N passed, N failed`;
# the exit status is non-zero when anything failed. Safe to run again: what is there is only checked.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p reports
log=reports/test-run.log

give_up() {
  echo "$1"
  echo "0 passed, 1 failed"
  exit 1
}

. scripts/prepare.sh || give_up "✘ The machine could not be prepared (see above)."

node scripts/electron-binary.mjs

# Debian package names of what is missing.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -d /usr/share/fonts/opentype/noto ] || missing+=(fonts-noto-cjk)
if [ -f node_modules/electron/path.txt ] && [ -z "${DISPLAY:-}" ] && ! command -v Xvfb >/dev/null 2>&1; then missing+=(xvfb); fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "▶ Installing ${missing[*]} (apt-get)…"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo -n"
  if { [ -z "$SUDO" ] || command -v sudo >/dev/null 2>&1; } && command -v apt-get >/dev/null 2>&1 &&
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null; then
    echo "✔ Installed ${missing[*]}"
  else
    echo "✘ Could not install ${missing[*]} (this needs apt-get, as root or with sudo -n): the end-to-end tests need Chromium, the launch test Xvfb."
  fi
else
  echo "✔ Chromium and CJK fonts present"
fi

echo "▶ npm test (typecheck, lint, layers, format, build, unit, integration, e2e)…"
npm test 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# npm prints its own error lines after a failed script: the summary is repeated as the last line.
summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1)
[ -n "$summary" ] || summary="0 passed, 1 failed"
echo "$summary"
[ "$status" -eq 0 ] || exit "$status"
case "$summary" in *", 0 failed") exit 0 ;; *) exit 1 ;; esac
