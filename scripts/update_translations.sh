#!/usr/bin/env bash
# Refreshes resources/translations/fernhilfe_de.ts from the client's sources (lupdate does not
# search folders for Python files, so they are listed here) and compiles it to .qm. Translate new
# entries in the .ts (Qt Linguist or any XML editor), then run this again.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mapfile -t sources < <(git ls-files --cached --others --exclude-standard 'client/*.py')
.venv/bin/pyside6-lupdate "${sources[@]}" -no-obsolete -ts resources/translations/fernhilfe_de.ts
.venv/bin/pyside6-lrelease -silent resources/translations/fernhilfe_de.ts -qm resources/translations/fernhilfe_de.qm
