"""The organisation's configuration built into the client, and the development overrides."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from client.core.caller_check import CallerCheck
from client.core.input_policy import DEFAULT_REST_S
from client.core.organisation_key import parse_public_key
from client.core.session_number import DEFAULT_DIGITS, is_valid_length
from client.platform.elevate import DEFAULT_LAUNCHER
from client.resources import resources_dir
from client.transport import ServerTrust
from protocol import limits

CONFIG_FILE = "organisation.json"
MIN_REST_S = 0.2
MAX_REST_S = 10.0


class ConfigError(Exception):
    """The client has no usable server configuration."""


@dataclass(frozen=True)
class ClientConfig:
    organisation: str
    trust: ServerTrust
    support_phone: str
    logo: Path | None = None
    """The organisation's logo (PNG), named in the file relative to it; None when it names none."""
    yield_rest_s: float = DEFAULT_REST_S
    """How long the customer's own input must rest before remote control resumes."""
    session_number_digits: int = DEFAULT_DIGITS
    """The fewest digits the organisation's server issues (it issues more while many sessions wait):
    the number field accepts this many up to the protocol's longest."""
    identity_key: bytes | None = None
    """The organisation's Ed25519 public key: a client that has one ends any session whose
    descriptor does not verify against it."""
    caller_check: CallerCheck | None = None
    """Set when the organisation asks customers whether they called it themselves."""
    elevation_launcher: tuple[str, ...] = DEFAULT_LAUNCHER
    """Linux: the program that asks for the administrator password and starts the helper as root."""


def support_phone_of(config_path: Path | None = None) -> str:
    """The organisation's phone number from the built-in file, or "": for the messages that say
    Fernhilfe cannot start, which must name it even when the rest of the file is unusable."""
    path = config_path or resources_dir() / CONFIG_FILE
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    return str(raw.get("support_phone") or "") if isinstance(raw, dict) else ""


def load_config(
    server: str | None = None,
    ca_file: Path | None = None,
    pin: str | None = None,
    config_path: Path | None = None,
    org_key_file: Path | None = None,
) -> ClientConfig:
    """Merge the built-in configuration with `--server`, `--ca`, `--pin` and `--org-key`.

    An overriding CA replaces the built-in pin and organisation key unless `pin` and
    `org_key_file` are given too.
    """
    path = config_path or resources_dir() / CONFIG_FILE
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from None
    url = server or str(raw.get("server_url") or "")
    if ca_file is not None:
        try:
            ca_pem = ca_file.read_bytes()
        except OSError as exc:
            raise ConfigError(f"cannot read the CA certificate {ca_file}: {exc}") from None
        chosen_pin = pin
        key_text = ""
    else:
        ca_pem = str(raw.get("ca_certificate_pem") or "").encode("ascii")
        chosen_pin = pin or str(raw.get("ca_pin_sha256") or "") or None
        key_text = str(raw.get("organisation_key") or "")
    if org_key_file is not None:
        try:
            key_text = org_key_file.read_text(encoding="ascii")
        except (OSError, ValueError) as exc:
            raise ConfigError(f"cannot read the organisation key {org_key_file}: {exc}") from None
    try:
        identity_key = parse_public_key(key_text) if key_text.strip() else None
    except ValueError as exc:
        raise ConfigError(str(exc)) from None
    if not url.startswith("wss://"):
        raise ConfigError(f"the server address must start with wss:// (got {url!r})")
    if not ca_pem.strip():
        raise ConfigError("no server certificate is configured; pass --ca FILE")
    logo = str(raw.get("logo") or "")
    rest = raw.get("yield_rest_seconds", DEFAULT_REST_S)
    if isinstance(rest, bool) or not isinstance(rest, int | float) or not MIN_REST_S <= rest <= MAX_REST_S:
        raise ConfigError(f"yield_rest_seconds must be a number from {MIN_REST_S} to {MAX_REST_S}")
    digits = raw.get("session_number_digits", DEFAULT_DIGITS)
    if isinstance(digits, bool) or not isinstance(digits, int) or not is_valid_length(digits):
        raise ConfigError(
            f"session_number_digits must be a whole number from {limits.SESSION_NUMBER_MIN_DIGITS}"
            f" to {limits.SESSION_NUMBER_MAX_DIGITS}"
        )
    organisation = str(raw.get("organisation") or "Fernhilfe")
    phone = str(raw.get("support_phone") or "")
    ask_caller = raw.get("ask_who_called", False)
    if not isinstance(ask_caller, bool) or (ask_caller and not phone):
        raise ConfigError("ask_who_called must be true or false, and true needs a support_phone")
    return ClientConfig(
        organisation=organisation,
        trust=ServerTrust(url=url, ca_pem=ca_pem, pin=chosen_pin),
        support_phone=str(raw.get("support_phone") or ""),
        logo=path.parent / logo if logo else None,
        yield_rest_s=float(rest),
        session_number_digits=digits,
        identity_key=identity_key,
        caller_check=CallerCheck(organisation, phone) if ask_caller else None,
    )
