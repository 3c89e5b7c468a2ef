#!/usr/bin/env bash
# Builds the one-file Linux client, an ELF the customer double-clicks, with an organisation's
# configuration embedded. Prints the path of the executable as its last line.
#
#   build/linux.sh [--config FILE] [--dist DIR] [--work DIR]
#
# --config  the organisation's JSON file (default resources/organisation.json); the PNG logo it
#           names, relative to the file, is embedded with it
# --dist    where the executable goes (default .pyinstaller/dist)
# --work    PyInstaller's scratch folder (default .pyinstaller/work)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
config=$root/resources/organisation.json
dist=$root/.pyinstaller/dist
work=$root/.pyinstaller/work
while (($#)); do
    case $1 in
        --config) config=$(realpath "$2") ;;
        --dist) dist=$(realpath -m "$2") ;;
        --work) work=$(realpath -m "$2") ;;
        *) echo "usage: $0 [--config FILE] [--dist DIR] [--work DIR]" >&2; exit 2 ;;
    esac
    shift 2
done
cd "$root"
[[ -x .venv/bin/pyinstaller ]] || bash scripts/setup.sh
for tool in objcopy readelf strip; do
    command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install binutils" >&2; exit 1; }
done

.venv/bin/pyinstaller installer.spec --noconfirm --log-level WARN \
    --workpath "$work" --distpath "$dist" -- --config "$config"
echo "$dist/fernhilfe"
