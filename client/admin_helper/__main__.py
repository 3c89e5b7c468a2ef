"""`fernhilfe-admin-helper`: the elevated helper's entry point (started only by the client).

Arguments: `--dir` the client's private folder, `--uid`/`--gid` the client's user (on Windows
`--user-sid` instead), `--client-pid` the client's process; the one-time token comes on the
first line of standard input, or from `--token-file` (deleted at once) where the operating
system's prompt passes no input along.
Run from source as a script (`python -I .../client/admin_helper/__main__.py`), it finds its
package next to itself, since elevation launchers clear the environment and working folder.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from client.admin_helper.gate import Gate


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="fernhilfe-admin-helper")
    parser.add_argument("--dir", type=Path, required=True)
    parser.add_argument("--uid", type=int, required=True)
    parser.add_argument("--gid", type=int, required=True)
    parser.add_argument("--client-pid", type=int, required=True)
    parser.add_argument("--token-file", type=Path)
    parser.add_argument("--user-sid", help="Windows: the client's user, whom the pipe admits")
    return parser.parse_args(argv)


def read_token(token_file: Path | None) -> str:
    if token_file is None:
        return sys.stdin.readline().strip()
    token = token_file.read_text(encoding="ascii").strip()
    token_file.unlink()
    return token


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="fernhilfe-admin-helper: %(levelname)s %(message)s")
    args = _arguments(sys.argv[1:] if argv is None else argv)
    token = read_token(args.token_file)
    if sys.platform == "win32":
        import ctypes

        from client.admin_helper.input_verb import apply
        from client.admin_helper.pipe import PipeListener, windows_gate
        from client.platform.inject.windows import WindowsInputInjector

        if args.user_sid is None:
            print("fernhilfe-admin-helper: --user-sid is required on Windows", file=sys.stderr)
            return 2
        # Physical pixels, as the client (Qt) sees them: per-monitor DPI awareness v2.
        ctypes.windll.user32.SetProcessDpiAwarenessContext(ctypes.c_void_p(-4))
        injector = WindowsInputInjector()
        gate = windows_gate(args.user_sid, args.client_pid, token)
        pipe = PipeListener(str(args.dir), gate, args.user_sid, lambda body: apply(body, injector))
        print("listening", flush=True)
        try:
            return pipe.run()
        finally:
            injector.close()
    else:
        from client.admin_helper.listener import UnixListener

        gate = Gate(user=str(args.uid), pid=args.client_pid, token=token)
        listener = UnixListener(args.dir, gate, args.uid, args.gid)

        def terminate(_signal: int, _frame: object) -> None:
            listener.stop()
            raise SystemExit(0)

        signal.signal(signal.SIGTERM, terminate)
        print("listening", flush=True)
        return listener.run()


if __name__ == "__main__":
    sys.exit(main())
