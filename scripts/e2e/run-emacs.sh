#!/usr/bin/env bash
# Emacs (Debian's 28) with eglot (Debian's elpa-eglot) as an independent LSP client of
# `node dist/server.js --stdio`: runs test/e2e/emacs/test.el in batch mode on a copy of the
# fixture workspace. Exit non-zero on failure.
#   CHANCERY_SERVER   the server bundle (default: dist/server.js, built if missing)
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
command -v emacs >/dev/null || { echo "emacs not found: run scripts/e2e/install-tools.sh" >&2; exit 1; }
# docs/editors.md must show the set-up snippet this test runs (test/e2e/emacs/chancery.*).
node "$REPO/scripts/e2e/check-doc-snippets.mjs" emacs
export CHANCERY_SERVER="${CHANCERY_SERVER:-$REPO/dist/server.js}"
[ -f "$CHANCERY_SERVER" ] || (cd "$REPO" && npm run --silent build)

WORK="$(mktemp -d "${TMPDIR:-/tmp}/chancery-emacs.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
cp -r "$REPO/test/e2e/fixtures/workspace" "$WORK/ws"
export CHANCERY_FIXTURES="$WORK/ws"
export HOME="$WORK/home"   # no user init file, no ~/.emacs.d writes
mkdir -p "$HOME"

cd "$WORK/ws"
start=$(date +%s.%N)
set +e
timeout "${CHANCERY_EMACS_DEADLINE:-120}" emacs --batch -Q -l "$REPO/test/e2e/emacs/test.el" </dev/null
status=$?
set -e
awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "[emacs] took %.1f s\n", b - a }'
if [ $status -ne 0 ]; then echo "[emacs] FAILED (exit $status)"; exit 1; fi
echo "[emacs] passed"
