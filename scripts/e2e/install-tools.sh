#!/usr/bin/env bash
# Install the real editors the end-to-end tests drive: headless Chromium (+ a CJK font for
# screenshots), Neovim, Emacs with eglot (all from Debian's apt), and code-server 4.100.3 (from the
# npm registry, into a tools folder outside the product).
#
# Idempotent: every step is skipped when its result is already there, so a second run takes
# about a second. Only apt and npm are used (no other downloads).
#
#   CHANCERY_TOOLS_DIR   where code-server is installed (default: <repo>/.tools, gitignored)
#   CHANCERY_SKIP_APT=1  do not touch apt (you installed the Debian packages yourself)
#
# Prints the path of the code-server launcher on its last line as `code-server: PATH`.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOLS="${CHANCERY_TOOLS_DIR:-$REPO/.tools}"
CODE_SERVER_VERSION="4.100.3"   # last code-server release that runs on node 20 (4.103+ need node 22)
RG_CACHE_NAME="vscode-ripgrep-cache-1.15.11"
RG_TARBALL="ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"

now() { date +%s.%N; }
step_start=0
begin() { step_start=$(now); echo "[install-tools] $*"; }
done_step() { awk -v a="$step_start" -v b="$(now)" 'BEGIN { printf "[install-tools]   done in %.1f s\n", b - a }'; }

SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi

missing_debs() {
  local p out=()
  for p in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then out+=("$p"); fi
  done
  echo "${out[@]:-}"
}

APT_UPDATED=0
apt_install() { # apt_install [apt options...] -- packages...
  local opts=() pkgs
  while [ "$1" != "--" ]; do opts+=("$1"); shift; done; shift
  pkgs="$(missing_debs "$@")"
  if [ -z "$pkgs" ]; then echo "[install-tools]   already installed: $*"; return 0; fi
  if [ "$APT_UPDATED" = 0 ]; then
    echo "[install-tools]   apt-get update"
    $SUDO apt-get update -qq
    APT_UPDATED=1
  fi
  echo "[install-tools]   apt-get install ${opts[*]:-} $pkgs"
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${opts[@]}" $pkgs >/dev/null
}

total_start=$(now)

if [ "${CHANCERY_SKIP_APT:-0}" != "1" ]; then
  begin "apt: chromium, CJK font, neovim, code-server build deps"
  # code-server's native modules (kerberos, node-pty, spdlog …) build with node-gyp against these.
  apt_install -- chromium fonts-wqy-microhei neovim libkrb5-dev libxkbfile-dev libsecret-1-dev pkg-config ripgrep
  done_step

  begin "apt: emacs-nox + elpa-eglot (no recommends)"
  apt_install --no-install-recommends -- emacs-nox elpa-eglot
  done_step
fi

CS_DIR="$TOOLS/code-server-$CODE_SERVER_VERSION"
CS_BIN="$CS_DIR/node_modules/.bin/code-server"
begin "npm: code-server@$CODE_SERVER_VERSION into $CS_DIR"
if [ -x "$CS_BIN" ] && [ -f "$CS_DIR/.complete" ]; then
  echo "[install-tools]   already installed: $("$CS_BIN" --version 2>/dev/null | head -1)"
else
  command -v rg >/dev/null || { echo "ripgrep (rg) is required: apt-get install -y ripgrep" >&2; exit 1; }
  rm -rf "$CS_DIR"
  mkdir -p "$CS_DIR"
  # A private TMPDIR for the install: @vscode/ripgrep's postinstall looks for its tarball in
  # $TMPDIR/vscode-ripgrep-cache-<version>/ before trying GitHub (unreachable here), so we put
  # Debian's rg there, packed under the name it expects.
  PRIV_TMP="$(mktemp -d "${TMPDIR:-/tmp}/chancery-cs-install.XXXXXX")"
  trap 'rm -rf "$PRIV_TMP"' EXIT
  mkdir -p "$PRIV_TMP/$RG_CACHE_NAME"
  tar -czf "$PRIV_TMP/$RG_CACHE_NAME/$RG_TARBALL" -C "$(dirname "$(command -v rg)")" rg
  echo '{ "name": "chancery-tools", "private": true }' > "$CS_DIR/package.json"
  # npm_config_unsafe_perm: code-server's postinstall refuses to run as root otherwise.
  # npm_config_yes: a global npmrc may set yes=false, which cancels node-gyp's npx.
  ( cd "$CS_DIR" && \
    TMPDIR="$PRIV_TMP" npm_config_unsafe_perm=true npm_config_yes=true \
    npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false \
    npm install --no-save --no-package-lock "code-server@$CODE_SERVER_VERSION" \
      > "$CS_DIR/npm-install.log" 2>&1 ) || {
    echo "[install-tools] npm install code-server failed; last lines of $CS_DIR/npm-install.log:" >&2
    tail -40 "$CS_DIR/npm-install.log" >&2
    exit 1
  }
  "$CS_BIN" --version >/dev/null
  touch "$CS_DIR/.complete"
  echo "[install-tools]   installed: $("$CS_BIN" --version | head -1)"
fi
done_step

awk -v a="$total_start" -v b="$(now)" 'BEGIN { printf "[install-tools] total %.1f s\n", b - a }'
echo "code-server: $CS_BIN"
