"""What of a joined session survives a server restart: a plain snapshot and the session rebuilt from it.

Only sessions a customer joined are saved; a waiting session's number is a credential, so it is
never written here (it ends at a restart, as before). The snapshot holds the resume token's
SHA-256, never the token, so whoever reads the disk cannot resume a session. A rebuilt session
waits for its customer's `resume` as after any drop: tiers 1 and 2 as they were, no pending
request, no tier 3, nobody holding control.
"""

from __future__ import annotations

from typing import Any

from protocol.messages import Expert, TierState
from server.core.clock import Clock
from server.core.identity import IdentityPolicy
from server.core.session import SessionMachine, SessionSpec

FORMAT = 1
"""Bumped when the snapshot's fields change; a snapshot of another format is not restored."""

KEPT_TIERS = (1, 2)
"""Tier 3 never outlives its connection (it needs a new confirmation), so it is not saved."""

_RESTORED: dict[int, tuple[TierState, ...]] = {1: ("requested", "granted"), 2: ("granted",)}
"""The tier states a rebuilt session takes over; anything else starts afresh."""

Snapshot = dict[str, Any]


def fingerprint(session: SessionMachine) -> tuple[object, ...]:
    """Cheap to compute on every event: when it changes, the snapshot has to be written again."""
    tiers = tuple(session.tiers.get(tier) for tier in KEPT_TIERS)
    return (session.state, tiers, session.resume_hash, session.resume_address, session.identity_code)


def snapshot(session: SessionMachine) -> Snapshot | None:
    """The session as JSON-ready data, or None for one that must not survive (waiting or ended)."""
    if session.state not in ("joined", "active") or not session.resume_hash:
        return None
    spec = session.spec
    return {
        "format": FORMAT,
        "session_id": spec.session_id,
        "expert_username": spec.expert_username,
        "expert": {"name": spec.expert.name, "organisation": spec.expert.organisation},
        "number": spec.number,
        "created_at": spec.created_at,
        "expires_at": spec.expires_at,
        "recorded": spec.recorded,
        "retention_days": spec.retention_days,
        "state": session.state,
        "client": session.client,
        "identity_code": session.identity_code,
        "tiers": {str(t): session.tiers[t] for t in KEPT_TIERS if t in session.tiers},
        "resume_sha256": session.resume_hash.hex(),
        "resume_address": session.resume_address,
    }


def restore(saved: Snapshot, clock: Clock, identity: IdentityPolicy | None, lost_at: float) -> SessionMachine:
    """Rebuild a session from `snapshot`'s output; it waits for a resume as if its link dropped at
    `lost_at`. Raises `ValueError` for a snapshot this code did not write."""
    try:
        if saved["format"] != FORMAT or saved["state"] not in ("joined", "active"):
            raise ValueError(f"not a snapshot of format {FORMAT} of a joined session")
        spec = SessionSpec(
            session_id=str(saved["session_id"]),
            expert_username=str(saved["expert_username"]),
            expert=Expert(
                name=str(saved["expert"]["name"]), organisation=str(saved["expert"]["organisation"])
            ),
            number=str(saved["number"]),
            created_at=float(saved["created_at"]),
            expires_at=float(saved["expires_at"]),
            recorded=bool(saved["recorded"]),
            retention_days=int(saved["retention_days"]),
        )
        tiers: dict[int, TierState] = {}
        for tier, state in dict(saved["tiers"]).items():
            if state in _RESTORED.get(int(tier), ()):
                tiers[int(tier)] = state
        resume_hash = bytes.fromhex(str(saved["resume_sha256"]))
        address = str(saved["resume_address"])
        code = saved["identity_code"]
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"incomplete snapshot: {exc}") from None
    session = SessionMachine(spec, clock, identity)
    if 1 not in tiers:
        raise ValueError("a joined session's snapshot without tier 1")
    session.state = "active" if tiers[1] == "granted" else "joined"
    session.client = str(saved["client"])
    session.identity_code = None if code is None else str(code)
    session.ledger.states.update(tiers)
    session.ledger.pending = 1 if tiers.get(1) == "requested" else None
    session.resume_hash = resume_hash
    session.resume_address = address
    session.lost_at = lost_at
    session.continue_recording()
    return session
