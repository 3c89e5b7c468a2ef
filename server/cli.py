"""Command line of `fernhilfe-server`: `serve`, `expert add` to create accounts, `purge` and
`recording export` for the recordings."""

from __future__ import annotations

import argparse
import getpass
import logging
import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from protocol import limits

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
_USERNAME = re.compile(r"[A-Za-z0-9._@-]{1,64}")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="fernhilfe-server", description="Fernhilfe support server")
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="run the server (HTTPS and WSS on one port)")
    serve.add_argument("--data-dir", type=Path, required=True, help="database, CA and certificates")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=_port, default=8443, help="TCP port, 0 for any free one (default 8443)")
    serve.add_argument(
        "--retention-days", type=_retention, default=90, help="how long recordings are kept (default 90)"
    )
    serve.add_argument(
        "--screenshot-interval",
        type=_interval,
        default=10.0,
        metavar="S",
        help="at most one recorded screenshot per S seconds (default 10)",
    )
    serve.add_argument(
        "--number-ttl",
        type=_number_ttl,
        default=600.0,
        metavar="S",
        help="how long a new session number admits a customer, in seconds (default 600)",
    )

    serve.add_argument(
        "--allowed-tiers",
        type=_tiers,
        default=(1, 2, 3),
        metavar="1,2,3",
        help="the tiers experts may ask for, signed into every session descriptor (default 1,2,3)",
    )

    org_key = commands.add_parser("org-key", help="the organisation's signing key")
    org_key_commands = org_key.add_subparsers(dest="org_key_command", required=True)
    export_key = org_key_commands.add_parser(
        "export", help="print the public key clients embed (organisation_key in organisation.json)"
    )
    export_key.add_argument("--data-dir", type=Path, required=True)

    expert = commands.add_parser("expert", help="manage expert accounts")
    expert_commands = expert.add_subparsers(dest="expert_command", required=True)
    add = expert_commands.add_parser("add", help="add an expert; the password is read from a prompt or stdin")
    add.add_argument("username")
    add.add_argument("--data-dir", type=Path, required=True)
    add.add_argument("--name", help="display name shown to customers (default: the username)")
    add.add_argument("--organisation", default="", help="organisation shown to customers")

    purge = commands.add_parser("purge", help="destroy recordings older than the retention time")
    purge.add_argument("--data-dir", type=Path, required=True)
    purge.add_argument("--retention-days", type=_retention, default=90, help="(default 90)")

    recording = commands.add_parser("recording", help="recordings (the customer's evidence)")
    recording_commands = recording.add_subparsers(dest="recording_command", required=True)
    export = recording_commands.add_parser(
        "export", help="decrypt one session's recording into readable files; writes an audit entry"
    )
    export.add_argument("session", help="the session id")
    export.add_argument("--data-dir", type=Path, required=True)
    export.add_argument("--out", type=Path, required=True, help="a new or empty directory")
    export.add_argument("--reason", type=_reason, required=True, help="why, for the audit log")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit code."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        stream=sys.stderr, level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    if args.command == "serve":
        from server.web.serve import ServeOptions, serve

        options = ServeOptions(
            args.data_dir,
            args.host,
            args.port,
            args.retention_days,
            args.screenshot_interval,
            args.allowed_tiers,
            args.number_ttl,
        )
        return serve(options)
    if args.command == "org-key":
        return _export_org_key(args.data_dir)
    if args.command == "purge":
        return _purge(args.data_dir, args.retention_days)
    if args.command == "recording":
        return _export(args.session, args.data_dir, args.out, args.reason)
    return _add_expert(args.username, args.data_dir, args.name or args.username, args.organisation)


def _export_org_key(data_dir: Path) -> int:
    """Print the public key (creating the key pair on first use, as `serve` would)."""
    from server import organisation_key

    print(organisation_key.public_key_text(organisation_key.load_or_create(data_dir)))
    return EXIT_OK


def _purge(data_dir: Path, retention_days: int) -> int:
    from server.recording.purge import purge

    if not data_dir.is_dir():
        return _fail(f"{data_dir} is not a directory", EXIT_USAGE)
    purged = purge(data_dir, time.time(), retention_days, "cli")
    print(f"Purged {len(purged)} recording(s) older than {retention_days} days.")
    return EXIT_OK


def _export(session_id: str, data_dir: Path, out: Path, reason: str) -> int:
    from server.recording.export import ExportError, export_recording
    from server.recording.keyring import SESSION_ID
    from server.recording.records import TamperedRecording
    from server.recording.vault import NoRecording

    if not SESSION_ID.fullmatch(session_id):
        return _fail(f"{session_id!r} is not a session id", EXIT_USAGE)
    if not data_dir.is_dir():
        return _fail(f"{data_dir} is not a directory", EXIT_USAGE)
    try:
        summary = export_recording(data_dir, session_id, out, reason, time.time())
    except NoRecording:
        return _fail(f"no recording of session {session_id} (not recorded, or purged)", EXIT_FAILED)
    except ExportError as exc:
        return _fail(str(exc), EXIT_USAGE)
    except TamperedRecording as exc:
        return _fail(f"the recording was tampered with: {exc}; see {out / 'README.txt'}", EXIT_FAILED)
    print(
        f"Exported {summary.screenshots} screenshot(s), {summary.chat_messages} chat message(s) and "
        f"{summary.control_entries} control log entries of session {session_id} to {out}."
    )
    return EXIT_OK


def _add_expert(username: str, data_dir: Path, name: str, organisation: str) -> int:
    from server.store import DuplicateExpert, ExpertRecord, SqliteStore
    from server.store.passwords import MIN_PASSWORD_CHARS, hash_password

    if not _USERNAME.fullmatch(username):
        return _fail("a username is 1-64 letters, digits or . _ @ -", EXIT_USAGE)
    if len(name) > limits.MAX_NAME_CHARS or len(organisation) > limits.MAX_NAME_CHARS:
        return _fail(f"name and organisation are at most {limits.MAX_NAME_CHARS} characters", EXIT_USAGE)
    password = _read_password()
    if password is None:
        return _fail("the passwords do not match", EXIT_USAGE)
    if not password:
        return _fail("the password must not be empty", EXIT_USAGE)
    if len(password) < MIN_PASSWORD_CHARS:
        return _fail(f"the password must have at least {MIN_PASSWORD_CHARS} characters", EXIT_USAGE)
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    store = SqliteStore.open(data_dir)
    try:
        store.add_expert(ExpertRecord(username, name, organisation), hash_password(password))
    except DuplicateExpert:
        return _fail(f"an expert named {username!r} already exists", EXIT_FAILED)
    finally:
        store.close()
    print(f"Added expert {username!r} ({name}).")
    return EXIT_OK


def _read_password() -> str | None:
    """Prompt twice on a terminal; otherwise take one line from stdin. None if the two prompts differ."""
    if sys.stdin.isatty():
        first = getpass.getpass("Password: ")
        return first if getpass.getpass("Repeat password: ") == first else None
    return sys.stdin.readline().rstrip("\r\n")


def _fail(message: str, code: int) -> int:
    print(f"fernhilfe-server: error: {message}", file=sys.stderr)
    return code


def _port(text: str) -> int:
    value = int(text)
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError("a port is 0-65535")
    return value


def _interval(text: str) -> float:
    value = float(text)
    if not 0.1 <= value <= 86400:
        raise argparse.ArgumentTypeError("the screenshot interval is 0.1-86400 seconds")
    return value


def _number_ttl(text: str) -> float:
    value = float(text)
    if not 5 <= value <= 3600:
        raise argparse.ArgumentTypeError("a session number is valid for 5-3600 seconds")
    return value


def _reason(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError("say why the recording is exported")
    return text


def _tiers(text: str) -> tuple[int, ...]:
    try:
        tiers = tuple(sorted({int(part) for part in text.split(",")}))
    except ValueError:
        raise argparse.ArgumentTypeError("tiers are a comma-separated list such as 1,2") from None
    if 1 not in tiers or not set(tiers) <= {1, 2, 3}:
        raise argparse.ArgumentTypeError("tiers are 1, 2 and 3, and 1 is always allowed")
    return tiers


def _retention(text: str) -> int:
    value = int(text)
    if not 0 <= value <= 36500:
        raise argparse.ArgumentTypeError("retention is 0-36500 days")
    return value
