#!/usr/bin/env bash
# Prepares this machine for Fernhilfe: Debian packages (X server, browser, Qt's X11 libraries)
# and the Python virtual environment in .venv/. Safe to run again; it only does what is missing.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

packages=(
    python3-venv xvfb xauth xdotool xterm x11-utils x11-xserver-utils chromium fonts-dejavu-core
    libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
    libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libegl1 libgl1 libfontconfig1
    libdbus-1-3 libx11-6 libxi6 libxtst6
    # Wayland desktops (portal capture and input): a headless GNOME desktop for the tests
    mutter xdg-desktop-portal xdg-desktop-portal-gnome pipewire wireplumber gstreamer1.0-pipewire gstreamer1.0-tools gstreamer1.0-plugins-base wev xwayland zenity
    # the one-file build cuts ICU's data down to German and English (build/icu_data.py)
    icu-devtools gcc
)
# Administrator rights (tier 3): the tests let sudo stand in for pkexec.
packages+=(sudo)
# The motion path's VP8 video (protocol/libvpx.py), bundled into the one-file client.
packages+=(libvpx7)
# The peers bench/stream.py measures against on the same screen.
packages+=(tigervnc-scraping-server x11vnc)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
    echo "Installing system packages: ${missing[*]}"
    if [[ $(id -u) -eq 0 ]]; then
        sudo=()
    elif command -v sudo >/dev/null; then
        sudo=(sudo)
    else
        echo "Please install as root: apt-get install ${missing[*]}" >&2
        exit 1
    fi
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "Fernhilfe needs Python 3.11 or newer; $python is $("$python" --version)" >&2
    exit 1
fi
if [[ ! -x .venv/bin/python ]]; then
    echo "Creating the virtual environment in .venv/"
    "$python" -m venv .venv
fi
stamp=.venv/.fernhilfe-installed
wanted=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [[ ! -f $stamp || $(cat "$stamp") != "$wanted" ]]; then
    echo "Installing Python packages into .venv/"
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -e '.[dev]'
    echo "$wanted" >"$stamp"
fi
