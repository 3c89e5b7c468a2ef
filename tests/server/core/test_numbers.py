import hmac
import re
import secrets

from server.core import numbers


def test_new_number_is_nine_digits_and_avoids_taken_numbers(monkeypatch):
    draws = iter([482190337, 482190337, 7])
    monkeypatch.setattr(secrets, "randbelow", lambda _: next(draws))
    assert numbers.new_number({"482190337"}) == "000000007"


def test_new_numbers_vary():
    drawn = {numbers.new_number(set()) for _ in range(50)}
    assert all(re.fullmatch(r"[0-9]{9}", n) for n in drawn)
    assert len(drawn) > 45


def test_display_groups_in_threes():
    assert numbers.display_number("482190337") == "482 190 337"
    assert numbers.display_number("000000007") == "000 000 007"
    assert numbers.display_number("4821903371") == "482 190 3371"
    assert numbers.display_number("48219033712") == "482 190 337 12"
    assert numbers.display_number("482190337123") == "482 190 337 123"


def test_numbers_equal_uses_compare_digest(monkeypatch):
    calls = []
    real = hmac.compare_digest

    def spy(a, b):
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", spy)
    assert numbers.numbers_equal("482190337", "482190337")
    assert not numbers.numbers_equal("482190338", "482190337")
    assert not numbers.numbers_equal("4821903", "482190337")
    assert calls == [
        (b"482190337", b"482190337"),
        (b"482190338", b"482190337"),
        (b"4821903", b"482190337"),
    ]
