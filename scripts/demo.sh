#!/usr/bin/env bash
# Runs the whole product on this machine: the support server, the expert console in chromium,
# and the customer client beside it. Server and console keep running while the client is started
# again for the next try. Data and logs stay in .demo/ (delete it to start afresh).
#
# Works as root and as a normal user. Environment: FERNHILFE_PORT (default 8443, 0 = any free
# port), FERNHILFE_DEMO_DIR (default .demo), FERNHILFE_DEMO_BROWSER=0 to open no browser.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

demo=${FERNHILFE_DEMO_DIR:-.demo}
mkdir -p "$demo"
demo=$(cd "$demo" && pwd)
data=$demo/server
port=${FERNHILFE_PORT:-8443}

echo "Preparing Fernhilfe (the first run installs packages and can take a few minutes)…"
if ! bash scripts/setup.sh >"$demo/setup.log" 2>&1; then
    tail -n 20 "$demo/setup.log" >&2
    echo "Setup failed; the whole output is in $demo/setup.log" >&2
    exit 1
fi

if [[ ! -f $demo/expert-password ]]; then
    .venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(12))' >"$demo/expert-password"
    chmod 600 "$demo/expert-password"
    .venv/bin/fernhilfe-server expert add demo --data-dir "$data" --name "Demo Expert" \
        --organisation "Fernhilfe Demo" <"$demo/expert-password" >>"$demo/setup.log" 2>&1
fi

server= virtual_screen= browser= client=
cleanup() {
    for pid in $client $browser $server $virtual_screen; do
        kill "$pid" 2>/dev/null || true
    done
    wait 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

.venv/bin/fernhilfe-server serve --data-dir "$data" --port "$port" >"$demo/server.out" 2>"$demo/server.log" &
server=$!
for _ in $(seq 200); do
    grep -q "CA pin" "$demo/server.out" 2>/dev/null && break
    if ! kill -0 "$server" 2>/dev/null; then
        tail -n 20 "$demo/server.log" >&2
        echo "The support server did not start; its log is $demo/server.log" >&2
        exit 1
    fi
    sleep 0.1
done
# The client checks each session's identity against the organisation's key, as a built one does.
.venv/bin/fernhilfe-server org-key export --data-dir "$data" >"$demo/org.key" 2>>"$demo/server.log"
url=$(sed -n 's|^Fernhilfe server listening on \(https://[^ ]*\)$|\1|p' "$demo/server.out")
port=${url##*:}
port=${port%/}

if [[ -z ${DISPLAY:-} ]]; then
    # No desktop here: the client gets a virtual screen; open the console in a browser elsewhere.
    for number in $(seq 77 120); do
        [[ -e /tmp/.X11-unix/X$number || -e /tmp/.X$number-lock ]] || break
    done
    Xvfb ":$number" -screen 0 1920x1080x24 -nolisten tcp >"$demo/xvfb.log" 2>&1 &
    virtual_screen=$!
    export DISPLAY=:$number
    for _ in $(seq 50); do
        [[ -e /tmp/.X11-unix/X$number ]] && break
        sleep 0.1
    done
fi

# The console on the left, the customer's window on the right, so a newcomer sees both.
read -r width height < <(xdpyinfo 2>/dev/null | sed -n 's/^ *dimensions: *\([0-9]*\)x\([0-9]*\) .*/\1 \2/p') || true
width=${width:-1920} height=${height:-1080}
console_width=$((width * 3 / 5))
client_position="$((console_width + 40)),$((height / 5))"

spki=$(.venv/bin/python - "$data/server.pem" <<'PY'
import base64, hashlib, sys
from cryptography import x509
from cryptography.hazmat.primitives import serialization
cert = x509.load_pem_x509_certificate(open(sys.argv[1], "rb").read())
spki = cert.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
print(base64.b64encode(hashlib.sha256(spki).digest()).decode())
PY
)

console_note="Open it in a browser on this machine."
if [[ -n $virtual_screen ]]; then
    console_note="No desktop here: open it in a browser that can reach this machine."
elif [[ ${FERNHILFE_DEMO_BROWSER:-1} == 0 ]]; then
    console_note="Open it in your browser."
elif ! command -v chromium >/dev/null; then
    console_note="chromium is not installed: open it in your browser."
else
    browser_args=(--user-data-dir="$demo/chromium" --no-first-run --no-default-browser-check
        --ignore-certificate-errors-spki-list="$spki" --window-position=0,0
        --window-size="$console_width,$height")
    # Chromium refuses to run as root unless its sandbox is switched off.
    [[ $(id -u) -eq 0 ]] && browser_args+=(--no-sandbox)
    chromium "${browser_args[@]}" "$url" >"$demo/chromium.log" 2>&1 &
    browser=$!
    sleep 3
    if kill -0 "$browser" 2>/dev/null; then
        console_note="It is open in chromium on the left."
    else
        browser=
        console_note="The browser could not start ($(tail -n 1 "$demo/chromium.log")); see $demo/chromium.log and open it in your browser."
    fi
fi

cat <<EOF

==============================================================================
  Fernhilfe demo is running.

  Expert console:  $url
                   $console_note
  Sign in as:      demo
  Password:        $(cat "$demo/expert-password")

  In the console press "New session" and type its number into the customer's
  Fernhilfe window (on the right, display $DISPLAY).
  Logs: $demo/server.log, $demo/client.log, $demo/chromium.log, $demo/setup.log
==============================================================================
EOF

while true; do
    echo
    echo "Starting the customer client…"
    .venv/bin/fernhilfe --server "wss://127.0.0.1:$port" --ca "$data/ca.pem" --org-key "$demo/org.key" \
        --position "$client_position" >>"$demo/client.log" 2>&1 &
    client=$!
    echo "Customer client running (pid $client)."
    wait "$client" || true
    echo "The customer client has closed. Server and console keep running at $url"
    if ! read -r -p "Press Enter to start another customer, or type q and Enter to stop: " answer; then
        echo
        break
    fi
    [[ $answer == [qQ]* ]] && break
done
echo "Stopping the demo."
