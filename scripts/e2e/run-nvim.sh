#!/usr/bin/env bash
# Neovim (Debian's 0.7.2) as an independent LSP client of `node dist/server.js --stdio`:
# runs test/e2e/nvim/test.lua headless on a copy of the fixture workspace. Exit non-zero on failure.
#   CHANCERY_SERVER   the server bundle (default: dist/server.js, built if missing)
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
command -v nvim >/dev/null || { echo "nvim not found: run scripts/e2e/install-tools.sh" >&2; exit 1; }
# docs/editors.md must show the set-up snippet this test runs (test/e2e/nvim/chancery.*).
node "$REPO/scripts/e2e/check-doc-snippets.mjs" nvim
export CHANCERY_SERVER="${CHANCERY_SERVER:-$REPO/dist/server.js}"
[ -f "$CHANCERY_SERVER" ] || (cd "$REPO" && npm run --silent build)

WORK="$(mktemp -d "${TMPDIR:-/tmp}/chancery-nvim.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
cp -r "$REPO/test/e2e/fixtures/workspace" "$WORK/ws"
export CHANCERY_FIXTURES="$WORK/ws"
# A private home so no user config, shada or swap files are read or written.
export HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/xdg/config" XDG_DATA_HOME="$WORK/xdg/data" \
  XDG_STATE_HOME="$WORK/xdg/state" XDG_CACHE_HOME="$WORK/xdg/cache"
mkdir -p "$HOME"

cd "$WORK/ws"
start=$(date +%s.%N)
set +e
timeout "${CHANCERY_NVIM_DEADLINE:-120}" nvim --headless -u NONE -i NONE -n \
  -c "luafile $REPO/test/e2e/nvim/test.lua" </dev/null
status=$?
set -e
awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "[nvim] took %.1f s\n", b - a }'
if [ $status -ne 0 ]; then echo "[nvim] FAILED (exit $status)"; exit 1; fi
echo "[nvim] passed"
