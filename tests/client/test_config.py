"""The built-in configuration and the development overrides decide where the client connects."""

import json

import pytest

from client.config import ConfigError, load_config
from client.resources import resources_dir
from client.transport import ca_fingerprint
from tests.client.peer import make_ca_and_server_cert


@pytest.fixture
def ca_pem(tmp_path):
    ca_path, _, _ = make_ca_and_server_cert(tmp_path)
    return ca_path


def write_config(tmp_path, **values):
    path = tmp_path / "organisation.json"
    base = {"organisation": "Beispiel GmbH", "server_url": "wss://support.example:443"}
    path.write_text(json.dumps({**base, **values}), encoding="utf-8")
    return path


def test_the_built_in_server_ca_and_pin_are_used(tmp_path, ca_pem):
    pem = ca_pem.read_text()
    pin = ca_fingerprint(pem.encode())
    config = load_config(config_path=write_config(tmp_path, ca_certificate_pem=pem, ca_pin_sha256=pin))
    assert config.organisation == "Beispiel GmbH"
    assert config.trust.url == "wss://support.example:443"
    assert config.trust.ca_pem == pem.encode()
    assert config.trust.pin == pin


def test_development_overrides_replace_server_and_ca(tmp_path, ca_pem):
    built_in = write_config(tmp_path, ca_pin_sha256="ab" * 32)
    config = load_config("wss://127.0.0.1:9999", ca_pem, config_path=built_in)
    assert config.trust.url == "wss://127.0.0.1:9999"
    assert config.trust.ca_pem == ca_pem.read_bytes()
    assert config.trust.pin is None


def test_a_client_without_a_ca_refuses_to_start(tmp_path):
    with pytest.raises(ConfigError, match="--ca"):
        load_config(config_path=write_config(tmp_path))


def test_plain_websocket_addresses_are_refused(tmp_path, ca_pem):
    with pytest.raises(ConfigError, match="wss://"):
        load_config("ws://127.0.0.1:8443", ca_pem, config_path=write_config(tmp_path))


def test_a_missing_ca_file_is_a_clear_error(tmp_path):
    with pytest.raises(ConfigError, match="cannot read the CA certificate"):
        load_config(ca_file=tmp_path / "nope.pem", config_path=write_config(tmp_path))


def test_the_shipped_configuration_is_readable():
    with pytest.raises(ConfigError, match="no server certificate"):
        load_config()


def test_the_logo_is_found_next_to_the_configuration(tmp_path, ca_pem):
    config = load_config(ca_file=ca_pem, config_path=write_config(tmp_path, logo="branding/logo.png"))
    assert config.logo == tmp_path / "branding" / "logo.png"
    assert load_config(ca_file=ca_pem, config_path=write_config(tmp_path)).logo is None


def test_the_shipped_configuration_names_a_logo_that_exists():
    shipped = resources_dir() / "organisation.json"
    logo = json.loads(shipped.read_text(encoding="utf-8"))["logo"]
    assert (shipped.parent / logo).is_file()


def test_the_rest_before_remote_control_resumes_is_configurable(tmp_path, ca_pem):
    assert load_config(ca_file=ca_pem, config_path=write_config(tmp_path)).yield_rest_s == 1.5
    config = load_config(ca_file=ca_pem, config_path=write_config(tmp_path, yield_rest_seconds=3))
    assert config.yield_rest_s == 3.0


@pytest.mark.parametrize(
    ("key", "value"),
    [
        *(("yield_rest_seconds", rest) for rest in (0, 0.1, 11, "1.5", True, None)),
        *(("session_number_digits", digits) for digits in (6, 13, 9.0, "9", True, None)),
    ],
)
def test_an_unreasonable_rest_or_number_length_is_refused(tmp_path, ca_pem, key, value):
    with pytest.raises(ConfigError, match=key):
        load_config(ca_file=ca_pem, config_path=write_config(tmp_path, **{key: value}))


def test_the_number_length_defaults_to_what_the_server_issues(tmp_path, ca_pem):
    assert load_config(ca_file=ca_pem, config_path=write_config(tmp_path)).session_number_digits == 9
    config = load_config(ca_file=ca_pem, config_path=write_config(tmp_path, session_number_digits=7))
    assert config.session_number_digits == 7
