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
# Tier 3's launchers and helper transports are OS code this machine cannot run: they (and all
# they import) type-check as Windows and macOS code too.
elevation=(client/platform/elevate client/admin_helper client/services/admin_helper.py
    client/services/elevated_input.py client/admin_wiring.py)
for platform in win32 darwin; do
    echo "== mypy --platform $platform (administrator rights)"
    .venv/bin/mypy --platform "$platform" "${elevation[@]}"
done
echo "== pytest"
unset DISPLAY WAYLAND_DISPLAY
exec .venv/bin/pytest "$@"
