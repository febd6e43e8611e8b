# Sourced by scripts/start.sh and scripts/test.sh: what every command needs on a fresh machine.
#
# 1. Node >= 22.12: scripts/node-env.sh brings the official Node 24 build from the npm registry when
#    the machine's Node is older (Debian 12 ships Node 20), cached in ~/.cache/tanoda-node.
# 2. The locked dependencies: `npm ci` when node_modules is missing or package-lock.json changed since
#    the last install (npm writes node_modules/.package-lock.json at every install, so a lockfile newer
#    than that record means someone changed the dependencies since).
# Idempotent: on a prepared machine it only checks, and says so. Returns non-zero when a step failed.

cd "$(dirname "${BASH_SOURCE[0]}")/.." || return 1
. scripts/node-env.sh
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)' 2>/dev/null; then
  echo "✘ Node 22.12 or newer is needed and could not be had (this is $(node --version 2>/dev/null || echo 'no Node'))."
  return 1
fi
echo "✔ Node $(node --version), npm $(npm --version)"

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  if [ -d node_modules ]; then
    echo "▶ package-lock.json changed since the last install: installing the locked dependencies (npm ci)…"
  else
    echo "▶ Installing the locked dependencies (npm ci)…"
  fi
  npm ci --no-audit --no-fund || { echo "✘ npm ci failed"; return 1; }
else
  echo "✔ Dependencies installed as package-lock.json says"
fi
