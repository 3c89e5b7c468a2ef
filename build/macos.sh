#!/usr/bin/env bash
# Builds Fernhilfe.app on macOS, signs it with a Developer ID (hardened runtime), notarizes and
# staples it, and zips it for download. The app bundle is what customers double-click; a bare
# one-file Mach-O would open in Terminal. Prints the path of the zip as its last line.
#
#   build/macos.sh [--config FILE] [--identity "Developer ID Application: NAME (TEAMID)"]
#                  [--notary-profile PROFILE] [--dist DIR] [--work DIR]
#
# --identity        signs every binary and the bundle; without it the app is ad-hoc signed and
#                   Gatekeeper refuses it on customers' Macs (fine for a test only)
# --notary-profile  a notarytool keychain profile (xcrun notarytool store-credentials PROFILE);
#                   needs --identity. See build/README.md.
# Written for the bash 3.2 that macOS ships (hence no mapfile, realpath or bare empty arrays).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
config=$root/resources/organisation.json
dist=$root/.pyinstaller/dist
work=$root/.pyinstaller/work
identity=""
profile=""
while (($#)); do
    case $1 in
        --config) config=$(cd "$(dirname "$2")" && pwd)/$(basename "$2") ;;
        --identity) identity=$2 ;;
        --notary-profile) profile=$2 ;;
        --dist) dist=$(mkdir -p "$2" && cd "$2" && pwd) ;;
        --work) work=$(mkdir -p "$2" && cd "$2" && pwd) ;;
        *) echo "usage: $0 [--config FILE] [--identity ID] [--notary-profile PROFILE] [--dist DIR] [--work DIR]" >&2; exit 2 ;;
    esac
    shift 2
done
if [[ -n $profile && -z $identity ]]; then
    echo "notarization needs a Developer ID signature: pass --identity" >&2
    exit 2
fi
cd "$root"
if [[ ! -x .venv/bin/pyinstaller ]]; then
    python3 -m venv .venv
    .venv/bin/python -m pip install -q -e '.[dev]'
fi

signing=()
if [[ -n $identity ]]; then
    signing=(--codesign-identity "$identity" --entitlements "$root/build/entitlements.plist")
fi
.venv/bin/pyinstaller installer.spec --noconfirm --log-level WARN --workpath "$work" --distpath "$dist" \
    -- --config "$config" ${signing[@]+"${signing[@]}"}
app=$dist/Fernhilfe.app

if [[ -n $identity ]]; then
    codesign --verify --deep --strict --verbose=2 "$app"
    if [[ -n $profile ]]; then
        ditto -c -k --keepParent "$app" "$dist/Fernhilfe-notarize.zip"
        xcrun notarytool submit "$dist/Fernhilfe-notarize.zip" --keychain-profile "$profile" --wait
        xcrun stapler staple "$app"
        spctl --assess --type execute --verbose=2 "$app"
        rm "$dist/Fernhilfe-notarize.zip"
    else
        echo "WARNING: not notarized: Gatekeeper warns customers; pass --notary-profile" >&2
    fi
else
    echo "WARNING: not signed with a Developer ID: Gatekeeper refuses it on customers' Macs" >&2
fi
rm -f "$dist/Fernhilfe.zip"
ditto -c -k --keepParent "$app" "$dist/Fernhilfe.zip"
echo "$dist/Fernhilfe.zip"
