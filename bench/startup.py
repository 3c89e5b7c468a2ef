"""Size of the one-file Linux client and its time from start to the session-number dialog.

This is the customer's first minute: the file they download, and how long after the double-click
the dialog is there. Each round starts a fresh copy, as a download, with its own HOME and TMPDIR
(so the one-file bootloader extracts cold into an empty folder), waits until the dialog's window
is mapped (polled with xdotool every 10 ms), then presses Esc the way a customer who changed
their mind would; the copy removes itself. The client is built first (build/linux.sh) if it is
missing or older than its sources. Run it on an X server:

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python -m bench.startup

The last line is machine-readable: `startup size_mb=… first_window_s=…` (MB of 10^6 bytes; the
median of the rounds in seconds). `--compare OTHER` also starts another one-file build (say, one
made from an earlier commit) in alternating rounds of the same run, and prints both and the ratio,
so a busy machine slows both alike.
"""

from __future__ import annotations

import argparse
import datetime
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

REPO = Path(__file__).resolve().parents[1]
EXECUTABLE = REPO / ".pyinstaller" / "dist" / "fernhilfe"
SOURCES = ("installer.spec", "build/linux.sh", "pyproject.toml", "client", "protocol", "resources")
DIALOG_TITLE = "^Fernhilfe remote support$"
ROUNDS = 5
POLL_S = 0.01
TIMEOUT_S = 60.0


def _source_files() -> Iterator[Path]:
    for name in SOURCES:
        path = REPO / name
        if path.is_file():
            yield path
        else:
            yield from (p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def ensure_built() -> Path:
    """The default build (resources/organisation.json), rebuilt when a source is newer."""
    newest = max(path.stat().st_mtime for path in _source_files())
    if not EXECUTABLE.exists() or EXECUTABLE.stat().st_mtime < newest:
        print("building the client with build/linux.sh ...", flush=True)
        subprocess.run(["bash", str(REPO / "build" / "linux.sh")], check=True)
    return EXECUTABLE


def _throwaway_ca(path: Path) -> None:
    """A certificate for --ca: the default build carries none, and the dialog needs one to open."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "bench CA")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))


def _dialog_window() -> str:
    found = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--name", DIALOG_TITLE],
        check=False,
        capture_output=True,
        text=True,
    )
    return found.stdout.split()[0] if found.stdout.split() else ""


def _one_start(executable: Path, ca: Path, scratch: Path) -> float:
    """Seconds from starting a fresh copy to its dialog's window being mapped."""
    home, temp = scratch / "home", scratch / "tmp"
    download = home / "Downloads" / executable.name
    download.parent.mkdir(parents=True)
    temp.mkdir()
    shutil.copy2(executable, download)
    env = {**os.environ, "HOME": str(home), "TMPDIR": str(temp), "LANGUAGE": "en"}
    start = time.perf_counter()
    process = subprocess.Popen(
        [str(download), "--server", "wss://127.0.0.1:9", "--ca", str(ca)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while not (window := _dialog_window()):
            if process.poll() is not None or time.perf_counter() - start > TIMEOUT_S:
                raise RuntimeError(f"no dialog (exit code {process.returncode})")
            time.sleep(POLL_S)
        elapsed = time.perf_counter() - start
        subprocess.run(["xdotool", "windowfocus", "--sync", window, "key", "Escape"], check=True)
        process.wait(TIMEOUT_S)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    if download.exists() or any(temp.iterdir()):
        raise RuntimeError("the client that was not kept left files behind")
    return elapsed


def _summary(label: str, executable: Path, samples: list[float]) -> tuple[float, float]:
    size_mb = executable.stat().st_size / 1e6
    median = statistics.median(samples)
    print(f"{label}size {size_mb:.1f} MB ({executable.stat().st_size / 2**20:.1f} MiB): {executable}")
    print(f"{label}first window: median {median:.3f} s, min {min(samples):.3f}, max {max(samples):.3f}")
    return size_mb, median


def main() -> None:
    parser = argparse.ArgumentParser(description="size and start time of the one-file client")
    parser.add_argument("--compare", type=Path, help="another one-file build, started in alternate rounds")
    args = parser.parse_args()
    if not os.environ.get("DISPLAY"):
        raise SystemExit("needs an X server: run it with xvfb-run (see the docstring)")
    executable = ensure_built()
    builds = [executable] if args.compare is None else [executable, args.compare.resolve()]
    samples: dict[Path, list[float]] = {build: [] for build in builds}
    with tempfile.TemporaryDirectory(prefix="fernhilfe-bench-") as folder:
        ca = Path(folder) / "ca.pem"
        _throwaway_ca(ca)
        for round_number in range(ROUNDS):
            for index, build in enumerate(builds):
                elapsed = _one_start(build, ca, Path(folder) / f"round{round_number}-{index}")
                samples[build].append(elapsed)
                label = "compared build" if index else "first window"
                print(f"round {round_number + 1}: {label} after {elapsed:.3f} s", flush=True)
    if args.compare is not None:
        other_mb, other_s = _summary("compared: ", args.compare, samples[builds[1]])
    size_mb, median = _summary("", executable, samples[executable])
    if args.compare is not None:
        ratios = f"size {size_mb / other_mb:.2f}, first window {median / other_s:.2f}"
        print(f"ratio to the compared build: {ratios}")
    print(f"startup size_mb={size_mb:.1f} first_window_s={median:.2f}")


if __name__ == "__main__":
    main()
