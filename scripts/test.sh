#!/usr/bin/env bash
# Runs every check: lint, types (for Linux, Windows and macOS), and the whole test suite on a
# virtual X server with the real server, client and browser. Extra arguments go to pytest.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
bash scripts/setup.sh

echo "== ruff"
.venv/bin/ruff check .
echo "== mypy"
.venv/bin/mypy
echo "== pytest"
unset DISPLAY WAYLAND_DISPLAY
exec .venv/bin/pytest "$@"
