# Sourced by .ci/run and .ci/pac-do. pac-do needs Node >= 22.12; on an older machine this installs
# Node 24 from the npm registry's `node` package into a cache outside the repository and puts it
# first on PATH, then installs the project's dependencies when package-lock.json changed.
node_ok() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>22||(a===22&&b>=12)?0:1)'
}
if ! node_ok; then
  cache="${PAC_DO_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pac-do-node}"
  if [ ! -x "$cache/node_modules/.bin/node" ]; then
    echo "pac-do: node $(node --version 2>/dev/null || echo missing) is older than 22.12; installing Node 24 into $cache" >&2
    mkdir -p "$cache"
    (cd "$cache" && npm install --no-audit --no-fund --loglevel=error node@24 >&2)
  fi
  export PATH="$cache/node_modules/.bin:$PATH"
fi

# npm ci only when the lock file is newer than the last install.
stamp=node_modules/.pac-do-lock
want=$(node -e 'const c=require("crypto");process.stdout.write(c.createHash("sha256").update(require("fs").readFileSync("package-lock.json")).digest("hex"))')
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  npm ci --no-audit --no-fund --loglevel=error >&2
  echo "$want" >"$stamp"
fi
