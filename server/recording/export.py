"""`recording export`: a recording as files a person can open, and an audit entry saying so.

    OUT/README.txt          what this is: which session, exported when, by whom and why, integrity
    OUT/control-log.txt     who the session was with, tier requests and answers, revocations, holder
                            changes, refusals, administrator commands, the end
    OUT/chat-log.txt        the chat
    OUT/screenshots/*.png   numbered, named by time (UTC) and monitor

The audit entry is on disk before anything is decrypted. If a record fails to authenticate, what
came before it is exported, README.txt says where it stopped, and the export fails.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from server.core.clock import iso
from server.core.journal import ChatEntry, ControlEntry, SessionFacts
from server.recording.audit import append_audit, operator
from server.recording.files import private_dir
from server.recording.records import RecordReader, Screenshot, TamperedRecording
from server.recording.vault import Vault

TIER_NAMES = {1: "view the screen", 2: "control mouse and keyboard", 3: "administrator actions"}
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class ExportError(RuntimeError):
    """The export cannot be written where asked."""


@dataclass
class ExportSummary:
    screenshots: int = 0
    chat_messages: int = 0
    control_entries: int = 0
    ended: bool = False
    torn_tail: bool = False


def export_recording(data_dir: Path, session_id: str, out: Path, reason: str, now: float) -> ExportSummary:
    """Write the recording of `session_id` to `out` (a new or empty directory). Raises `NoRecording`,
    `ExportError`, or `TamperedRecording` after exporting what was authentic."""
    reader = Vault(data_dir).read(session_id)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ExportError(f"{out} exists and is not an empty directory")
    append_audit(data_dir, now, "export", session=session_id, reason=reason, out=str(out.resolve()))
    shots = private_dir(private_dir(out) / "screenshots")
    summary = ExportSummary()
    problem: TamperedRecording | None = None
    with (
        (out / "control-log.txt").open("w", encoding="utf-8") as control,
        (out / "chat-log.txt").open("w", encoding="utf-8") as chat,
    ):
        control.write(f"Control log of session {session_id} (times in UTC)\n\n")
        chat.write(f"Chat of session {session_id} (times in UTC)\n\n")
        try:
            _write_records(reader, shots, control, chat, summary)
        except TamperedRecording as exc:
            problem = exc
    summary.torn_tail = reader.torn_tail
    _write_readme(out / "README.txt", session_id, reason, now, summary, problem=problem)
    if problem is not None:
        raise problem
    return summary


def _write_records(
    reader: RecordReader, shots: Path, control: TextIO, chat: TextIO, summary: ExportSummary
) -> None:
    for body in reader:
        match body:
            case SessionFacts():
                control.write(f"{iso(body.at)}  {introduce(body)}\n")
            case ControlEntry():
                control.write(f"{iso(body.at)}  {describe(body)}\n")
                summary.control_entries += 1
                summary.ended = summary.ended or body.event == "session_ended"
            case ChatEntry():
                lines = _printable(body.text).split("\n")
                indent = "\n" + " " * (len(iso(body.at)) + 2 + len(body.by) + 2)
                chat.write(f"{iso(body.at)}  {body.by}: {indent.join(lines)}\n")
                summary.chat_messages += 1
            case Screenshot():
                summary.screenshots += 1
                stamp = iso(body.at).replace(":", "-")
                name = f"{summary.screenshots:04d}_{stamp}_monitor-{body.monitor}.png"
                (shots / name).write_bytes(body.png)


def introduce(facts: SessionFacts) -> str:
    """Who the customer dealt with, as the receipt says it."""
    who = f"{_printable(facts.expert_name)} (staff id {_printable(facts.staff_id)})"
    vouched = (
        f"identity signed with the organisation's key, code {facts.code}"
        if facts.verified
        else "identity not signed"
    )
    return (
        f"session with {_printable(facts.organisation)}, expert {who}; {vouched}; "
        f"recording kept {facts.retention_days} days"
    )


def describe(entry: ControlEntry) -> str:
    """One control-log entry as a sentence."""
    tier = f"tier {entry.tier} ({TIER_NAMES.get(entry.tier or 0, 'unknown')})"
    detail = f" ({_printable(entry.detail)})" if entry.detail else ""
    match entry.event:
        case "customer_joined":
            return f"customer joined{detail}"
        case "tier_requested":
            return f"{entry.by} asked for {tier}"
        case "tier_granted":
            return f"{entry.by} granted {tier}"
        case "tier_denied":
            return f"{entry.by} refused {tier}{detail}"
        case "tier_revoked":
            return f"{entry.by} revoked {tier}"
        case "tier_released":
            return f"{entry.by} gave {tier} back"
        case "holder_changed":
            return f"{entry.holder} now holds mouse and keyboard{detail}"
        case "refused":
            return f"server refused a message from the {entry.by}{detail}"
        case "link_lost":
            return f"the customer's connection dropped{detail}"
        case "link_resumed":
            return f"the customer's connection resumed{detail}"
        case "session_ended":
            return f"session ended by {entry.by}{detail}"
        case "admin_unavailable":
            return f"{entry.by}'s administrator prompt gave no rights{detail}"
        case "admin_command":
            return f"{entry.by} ran as administrator{detail}"
        case "admin_output":
            # One entry stays one line: output is mostly lines, shown escaped.
            return f"administrator command output{detail}".replace("\n", "\\n")
        case "admin_exit":
            return f"administrator command ended{detail}"
        case "admin_refused":
            return f"{entry.by} did not run the administrator command{detail}"


def _printable(text: str) -> str:
    """Control characters shown as escapes, so a chat line cannot drive the reader's terminal."""
    return _CONTROL_CHARACTERS.sub(lambda match: f"\\x{ord(match[0]):02x}", text)


def _write_readme(
    path: Path,
    session_id: str,
    reason: str,
    now: float,
    summary: ExportSummary,
    *,
    problem: TamperedRecording | None,
) -> None:
    notes = []
    if problem is not None:
        notes.append(f"INTEGRITY FAILURE: {problem}. Nothing from that record on is included.")
    if summary.torn_tail:
        notes.append("The last record was cut off while it was being written (a crash); it is left out.")
    if not summary.ended and problem is None:
        notes.append("The recording has no end: the server stopped abruptly during the session.")
    if not notes:
        notes.append("Every record authenticated; the recording is complete.")
    path.write_text(
        f"Fernhilfe recording of session {session_id}\n\n"
        f"Exported: {iso(now)} by {operator()}\n"
        f"Reason: {_printable(reason)}\n\n"
        f"Screenshots: {summary.screenshots} (screenshots/)\n"
        f"Chat messages: {summary.chat_messages} (chat-log.txt)\n"
        f"Control log entries: {summary.control_entries} (control-log.txt)\n\n" + "\n".join(notes) + "\n",
        encoding="utf-8",
    )
