"""The receipt page the customer keeps: every fact of the session, in German and in English, the
recording's deletion date and how to ask for the recording or its deletion; chat shown as text."""

from client.receipt_file import save_receipt
from client.ui.receipt_html import local_time, receipt_html
from protocol.receipt import DAY_SECONDS, AdminCommandRecord, ChatLine, HolderChange, Receipt, TierChange

T0 = 1_700_000_000.0
RECEIPT = Receipt(
    session_id="s-42",
    organisation="Beispiel GmbH",
    expert_name="Anna Berger",
    staff_id="anna",
    verified=True,
    started_at=T0,
    ended_at=T0 + 600,
    ended_by="customer",
    end_reason="customer_ended",
    recorded=True,
    retention_days=90,
    tiers=(
        TierChange(T0 + 5, 1, "granted"),
        TierChange(T0 + 60, 2, "granted"),
        TierChange(T0 + 90, 2, "revoked"),
    ),
    holders=(HolderChange(T0 + 60, "expert"), HolderChange(T0 + 70, "customer")),
    chat=(ChatLine(T0 + 30, "customer", "<script>alert(1)</script> Grüße"),),
    admin_commands=(
        AdminCommandRecord(T0 + 80, "id -u", "0"),
        AdminCommandRecord(T0 + 85, "sleep 600", "stopped"),
    ),
)
DELETION_DAY = local_time(T0 + 90 * DAY_SECONDS).split(" ")[0]


def test_the_english_page_says_everything_that_happened(qapp):
    page = receipt_html(RECEIPT, "+49 30 1234567")
    assert '<html lang="en">' in page and "Verified: Beispiel GmbH" in page
    assert "Anna Berger (staff ID anna)" in page and "s-42" in page
    assert page.count("allowed") == 2 and "withdrawn" in page
    assert "Yes, you took control back: " + local_time(T0 + 70) in page
    assert "exit status 0" in page and "stopped" in page
    assert f"The recording is deleted on {DELETION_DAY}." in page
    assert (
        "To ask for it or for its deletion, call Beispiel GmbH at +49 30 1234567 and give the session s-42."
        in page
    )
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; Grüße" in page


def test_the_german_page_says_the_same_in_german(qapp, german):
    page = receipt_html(RECEIPT, "+49 30 1234567")
    assert '<html lang="de">' in page and "Bestätigt: Beispiel GmbH" in page
    assert "Mitarbeiterkennung anna" in page
    assert "Bildschirm ansehen" in page and "zurückgenommen" in page
    assert "Exit-Status 0" in page and "abgebrochen" in page
    assert DELETION_DAY in page and "gelöscht" in page
    assert "+49 30 1234567" in page and "s-42" in page
    for english in ("Verified:", "Permissions", "withdrawn", "The recording is deleted", "To ask for it"):
        assert english not in page


def test_without_an_official_number_the_page_says_whom_to_contact(qapp):
    page = receipt_html(RECEIPT, "")
    assert "To ask for it or for its deletion, contact Beispiel GmbH and give the session s-42." in page


def test_an_unverified_unrecorded_session_says_so(qapp):
    page = receipt_html(
        Receipt(**{**RECEIPT.__dict__, "verified": False, "staff_id": "", "recorded": False}), ""
    )
    assert "The identity of the organisation was not verified." in page
    assert "The session was not recorded." in page and "deleted on" not in page


def test_the_page_is_saved_as_a_file_the_customer_keeps(qapp, tmp_path):
    path = save_receipt(tmp_path / "Fernhilfe", RECEIPT, receipt_html(RECEIPT, ""))
    assert path.parent == tmp_path / "Fernhilfe" and path.name.endswith("-s-42.html")
    assert "Verified: Beispiel GmbH" in path.read_text(encoding="utf-8")
