#!/usr/bin/env bash
# `bash scripts/start.sh`: the README's command that runs Tanoda on a fresh machine.
# Brings Node 24 and the locked dependencies when they are missing (scripts/prepare.sh), then runs
# scripts/start.mjs (what `npm start` runs): the desktop window, or — where Electron's binary cannot be had or
# there is no display — the same app in the browser, its address printed. Options pass on
# (e.g. --browser). Safe to run again: what is already there is only checked.
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/prepare.sh || exit 1
exec node scripts/start.mjs "$@"
