"""The session receipt as a self-contained HTML page in the customer's language (Qt translations).

Everything that came from the server or the chat is escaped: the page shows it as text only.
"""

from __future__ import annotations

from datetime import datetime
from html import escape

from PySide6.QtCore import QCoreApplication

from protocol.receipt import Receipt

STYLE = (
    "body{font-family:sans-serif;max-width:46em;margin:2em auto;color:#111}"
    "table{border-collapse:collapse;width:100%}td,th{border:1px solid #bbb;padding:4px 8px;text-align:left}"
    ".warn{color:#8a0010;font-weight:bold}.ok{color:#0b5a26;font-weight:bold}"
)


def local_time(at: float) -> str:
    """A time as the customer's clock shows it, with its offset from UTC."""
    return datetime.fromtimestamp(at).astimezone().strftime("%Y-%m-%d %H:%M:%S (UTC%z)")


def _tier_name(tier: int) -> str:
    names = {
        1: QCoreApplication.translate("Receipt", "Viewing the screen"),
        2: QCoreApplication.translate("Receipt", "Controlling mouse and keyboard"),
        3: QCoreApplication.translate("Receipt", "Administrator actions"),
    }
    return names.get(tier, str(tier))


def _change_name(change: str) -> str:
    return {
        "granted": QCoreApplication.translate("Receipt", "allowed"),
        "denied": QCoreApplication.translate("Receipt", "refused"),
        "revoked": QCoreApplication.translate("Receipt", "withdrawn"),
    }.get(change, change)


def _section(title: str, body: str) -> str:
    return f"<h2>{escape(title)}</h2>\n{body}\n"


def _table_section(title: str, headers: list[str], rows: list[list[str]]) -> str:
    """A titled table of `rows` under `headers`, or a titled "None." when there are none."""
    if not rows:
        none = QCoreApplication.translate("Receipt", "None.")
        return _section(title, f"<p>{escape(none)}</p>")
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in rows)
    return _section(title, f"<table><tr>{head}</tr>{body}</table>")


def receipt_html(receipt: Receipt, support_phone: str) -> str:
    """The whole page for `receipt`; `support_phone` is the organisation's official number."""
    language = QCoreApplication.translate("Receipt", "en")
    title = escape(QCoreApplication.translate("Receipt", "Fernhilfe session receipt"))
    parts = [
        f'<!DOCTYPE html>\n<html lang="{escape(language)}"><head><meta charset="utf-8">',
        f"<title>{title}</title><style>{STYLE}</style></head><body>",
        f"<h1>{title}</h1>",
    ]
    if receipt.verified:
        verified = QCoreApplication.translate("Receipt", "Verified: %1").replace("%1", receipt.organisation)
        identity = f'<p class="ok">{escape(verified)}</p>'
    else:
        unverified = QCoreApplication.translate(
            "Receipt", "The identity of the organisation was not verified."
        )
        identity = f'<p class="warn">{escape(unverified)}</p>'
    staff = ""
    if receipt.staff_id:
        staff_id = QCoreApplication.translate("Receipt", "staff ID %1").replace("%1", receipt.staff_id)
        staff = f" ({escape(staff_id)})"
    facts = [
        (QCoreApplication.translate("Receipt", "Organisation"), escape(receipt.organisation)),
        (QCoreApplication.translate("Receipt", "Expert"), escape(receipt.expert_name) + staff),
        (QCoreApplication.translate("Receipt", "Session"), escape(receipt.session_id)),
        (QCoreApplication.translate("Receipt", "Started"), escape(local_time(receipt.started_at))),
        (QCoreApplication.translate("Receipt", "Ended"), escape(local_time(receipt.ended_at))),
    ]
    parts.append(identity)
    parts.append(
        "<table>" + "".join(f"<tr><th>{escape(k)}</th><td>{v}</td></tr>" for k, v in facts) + "</table>"
    )
    tier_rows = [[local_time(t.at), _tier_name(t.tier), _change_name(t.change)] for t in receipt.tiers]
    parts.append(
        _table_section(
            QCoreApplication.translate("Receipt", "Permissions"),
            [
                QCoreApplication.translate("Receipt", "Time"),
                QCoreApplication.translate("Receipt", "Permission"),
                QCoreApplication.translate("Receipt", "Change"),
            ],
            tier_rows,
        )
    )
    if receipt.control_taken_back:
        took = [local_time(h.at) for h in receipt.holders if h.holder == "customer"]
        control = QCoreApplication.translate("Receipt", "Yes, you took control back: %1").replace(
            "%1", ", ".join(took)
        )
    else:
        control = QCoreApplication.translate("Receipt", "No, you did not take control back.")
    parts.append(
        _section(
            QCoreApplication.translate("Receipt", "Did you take control back?"), f"<p>{escape(control)}</p>"
        )
    )
    chat_rows = [
        [
            local_time(c.at),
            QCoreApplication.translate("Receipt", "You") if c.by == "customer" else receipt.expert_name,
            c.text,
        ]
        for c in receipt.chat
    ]
    parts.append(
        _table_section(
            QCoreApplication.translate("Receipt", "Chat"),
            [
                QCoreApplication.translate("Receipt", "Time"),
                QCoreApplication.translate("Receipt", "From"),
                QCoreApplication.translate("Receipt", "Message"),
            ],
            chat_rows,
        )
    )
    admin_rows = [[local_time(a.at), a.command, _outcome(a.outcome)] for a in receipt.admin_commands]
    parts.append(
        _table_section(
            QCoreApplication.translate("Receipt", "Administrator commands"),
            [
                QCoreApplication.translate("Receipt", "Time"),
                QCoreApplication.translate("Receipt", "Command"),
                QCoreApplication.translate("Receipt", "Result"),
            ],
            admin_rows,
        )
    )
    parts.append(
        _section(
            QCoreApplication.translate("Receipt", "Recording"),
            f"<p>{escape(_recording_text(receipt, support_phone))}</p>",
        )
    )
    parts.append("</body></html>\n")
    return "\n".join(parts)


def _outcome(outcome: str) -> str:
    if outcome == "failed":
        return QCoreApplication.translate("Receipt", "could not start")
    if outcome == "stopped":
        return QCoreApplication.translate("Receipt", "stopped")
    if not outcome:
        return QCoreApplication.translate("Receipt", "end not known")
    return QCoreApplication.translate("Receipt", "exit status %1").replace("%1", outcome)


def _recording_text(receipt: Receipt, support_phone: str) -> str:
    deletion = receipt.deletion_at
    if deletion is None:
        return QCoreApplication.translate("Receipt", "The session was not recorded.")
    text = QCoreApplication.translate(
        "Receipt",
        "The session was recorded (screenshots, chat and who controlled the computer). "
        "The recording is deleted on %1.",
    ).replace("%1", local_time(deletion).split(" ")[0])
    if support_phone:
        ask = QCoreApplication.translate(
            "Receipt", "To ask for it or for its deletion, call %1 at %2 and give the session %3."
        )
        ask = ask.replace("%2", support_phone)
    else:
        ask = QCoreApplication.translate(
            "Receipt", "To ask for it or for its deletion, contact %1 and give the session %3."
        )
    return text + " " + ask.replace("%1", receipt.organisation).replace("%3", receipt.session_id)
