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


def _t(text: str) -> str:
    return QCoreApplication.translate("Receipt", text)


def local_time(at: float) -> str:
    """A time as the customer's clock shows it, with its offset from UTC."""
    return datetime.fromtimestamp(at).astimezone().strftime("%Y-%m-%d %H:%M:%S (UTC%z)")


def _tier_name(tier: int) -> str:
    names = {
        1: _t("Viewing the screen"),
        2: _t("Controlling mouse and keyboard"),
        3: _t("Administrator actions"),
    }
    return names.get(tier, str(tier))


def _change_name(change: str) -> str:
    return {"granted": _t("allowed"), "denied": _t("refused"), "revoked": _t("withdrawn")}.get(change, change)


def _section(title: str, body: str) -> str:
    return f"<h2>{escape(title)}</h2>\n{body}\n"


def _table(headers: list[str], rows: list[list[str]], empty: str) -> str:
    if not rows:
        return f"<p>{escape(empty)}</p>"
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def receipt_html(receipt: Receipt, support_phone: str) -> str:
    """The whole page for `receipt`; `support_phone` is the organisation's official number."""
    parts = [
        f'<!DOCTYPE html>\n<html lang="{escape(_t("en"))}"><head><meta charset="utf-8">',
        f"<title>{escape(_t('Fernhilfe session receipt'))}</title><style>{STYLE}</style></head><body>",
        f"<h1>{escape(_t('Fernhilfe session receipt'))}</h1>",
    ]
    if receipt.verified:
        identity = f'<p class="ok">{escape(_t("Verified: %1").replace("%1", receipt.organisation))}</p>'
    else:
        identity = f'<p class="warn">{escape(_t("The identity of the organisation was not verified."))}</p>'
    staff = f" ({escape(_t('staff ID %1').replace('%1', receipt.staff_id))})" if receipt.staff_id else ""
    facts = [
        (_t("Organisation"), escape(receipt.organisation)),
        (_t("Expert"), escape(receipt.expert_name) + staff),
        (_t("Session"), escape(receipt.session_id)),
        (_t("Started"), escape(local_time(receipt.started_at))),
        (_t("Ended"), escape(local_time(receipt.ended_at))),
    ]
    parts.append(identity)
    parts.append(
        "<table>" + "".join(f"<tr><th>{escape(k)}</th><td>{v}</td></tr>" for k, v in facts) + "</table>"
    )
    tier_rows = [[local_time(t.at), _tier_name(t.tier), _change_name(t.change)] for t in receipt.tiers]
    parts.append(
        _section(
            _t("Permissions"), _table([_t("Time"), _t("Permission"), _t("Change")], tier_rows, _t("None."))
        )
    )
    if receipt.control_taken_back:
        took = [local_time(h.at) for h in receipt.holders if h.holder == "customer"]
        control = _t("Yes, you took control back: %1").replace("%1", ", ".join(took))
    else:
        control = _t("No, you did not take control back.")
    parts.append(_section(_t("Did you take control back?"), f"<p>{escape(control)}</p>"))
    chat_rows = [
        [local_time(c.at), _t("You") if c.by == "customer" else receipt.expert_name, c.text]
        for c in receipt.chat
    ]
    parts.append(
        _section(_t("Chat"), _table([_t("Time"), _t("From"), _t("Message")], chat_rows, _t("None.")))
    )
    admin_rows = [[local_time(a.at), a.command, a.outcome] for a in receipt.admin_commands]
    parts.append(
        _section(
            _t("Administrator commands"),
            _table([_t("Time"), _t("Command"), _t("Result")], admin_rows, _t("None.")),
        )
    )
    parts.append(_section(_t("Recording"), f"<p>{escape(_recording_text(receipt, support_phone))}</p>"))
    parts.append("</body></html>\n")
    return "\n".join(parts)


def _recording_text(receipt: Receipt, support_phone: str) -> str:
    deletion = receipt.deletion_at
    if deletion is None:
        return _t("The session was not recorded.")
    text = _t(
        "The session was recorded (screenshots, chat and who controlled the computer). "
        "The recording is deleted on %1."
    ).replace("%1", local_time(deletion).split(" ")[0])
    if support_phone:
        ask = _t("To ask for it or for its deletion, call %1 at %2 and give the session %3.")
        ask = ask.replace("%2", support_phone)
    else:
        ask = _t("To ask for it or for its deletion, contact %1 and give the session %3.")
    return text + " " + ask.replace("%1", receipt.organisation).replace("%3", receipt.session_id)
