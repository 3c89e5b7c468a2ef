#!/usr/bin/env bash
# Runs the whole product on this machine: the support server, the expert console in chromium,
# and the customer client. Data stays in .demo/ (delete it to start afresh).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
bash scripts/setup.sh

data=.demo/server
port=${FERNHILFE_PORT:-8443}
mkdir -p .demo
if [[ ! -f .demo/expert-password ]]; then
    .venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(12))' >.demo/expert-password
    chmod 600 .demo/expert-password
    .venv/bin/fernhilfe-server expert add demo --data-dir "$data" --name "Demo Expert" \
        --organisation "Fernhilfe Demo" <.demo/expert-password
fi

.venv/bin/fernhilfe-server serve --data-dir "$data" --port "$port" >.demo/server.out 2>.demo/server.log &
server=$!
virtual_screen=
cleanup() {
    kill "$server" 2>/dev/null || true
    [[ -n $virtual_screen ]] && kill "$virtual_screen" 2>/dev/null || true
    wait 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 100); do
    grep -q "CA pin" .demo/server.out 2>/dev/null && break
    kill -0 "$server" 2>/dev/null || { cat .demo/server.log >&2; exit 1; }
    sleep 0.1
done
cat .demo/server.out

if [[ -z ${DISPLAY:-} ]]; then
    # No desktop here: give the client a virtual screen; the console in a browser elsewhere shows it.
    Xvfb :77 -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
    virtual_screen=$!
    export DISPLAY=:77
    echo "No desktop found: the client runs on the virtual screen $DISPLAY."
fi

spki=$(.venv/bin/python - "$data/server.pem" <<'PY'
import base64, hashlib, sys
from cryptography import x509
from cryptography.hazmat.primitives import serialization
cert = x509.load_pem_x509_certificate(open(sys.argv[1], "rb").read())
spki = cert.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
print(base64.b64encode(hashlib.sha256(spki).digest()).decode())
PY
)
echo
echo "Expert console: https://127.0.0.1:$port/  user: demo  password: $(cat .demo/expert-password)"
if [[ -z $virtual_screen ]] && command -v chromium >/dev/null; then
    chromium --user-data-dir="$root/.demo/chromium" --no-first-run --ignore-certificate-errors-spki-list="$spki" \
        "https://127.0.0.1:$port/" >/dev/null 2>&1 &
fi
echo "Create a session in the console, then type its number into the Fernhilfe window."
.venv/bin/fernhilfe --server "wss://127.0.0.1:$port" --ca "$data/ca.pem"
