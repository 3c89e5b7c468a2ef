#!/usr/bin/env bash
# Regenerates the README's screenshots (docs/screenshots/*.png) from the real programs: the
# customer's windows, a real session's console in chromium and the customer's screen with its
# watermark. Runs on a virtual X server of its own; needs what scripts/setup.sh installs.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
[[ -x .venv/bin/python ]] || bash scripts/setup.sh
unset DISPLAY WAYLAND_DISPLAY
LANGUAGE=en QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1920x1080x24 -noreset" .venv/bin/python scripts/screenshots.py
