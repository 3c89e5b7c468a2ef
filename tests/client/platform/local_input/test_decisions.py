"""Which events the Windows and macOS watches ignore as our own: checked on any system."""

import os

import pytest

from client.platform.inject.base import INJECTION_TAG
from client.platform.local_input.base import LocalInputError
from client.platform.local_input.macos import MacLocalInputWatch, is_own_event
from client.platform.local_input.windows import (
    LLKHF_INJECTED,
    LLMHF_INJECTED,
    WindowsLocalInputWatch,
    is_own_injection,
)

LLMHF_LOWER_IL_INJECTED = 0x02
LLKHF_EXTENDED = 0x01


@pytest.mark.parametrize("injected_flag", [LLMHF_INJECTED, LLKHF_INJECTED])
def test_windows_ignores_only_injected_events_with_our_tag(injected_flag):
    assert is_own_injection(injected_flag, INJECTION_TAG, injected_flag)
    assert is_own_injection(
        injected_flag | LLKHF_EXTENDED | LLMHF_LOWER_IL_INJECTED, INJECTION_TAG, injected_flag
    )
    assert not is_own_injection(0, 0, injected_flag)  # a real device
    assert not is_own_injection(injected_flag, 0, injected_flag)  # the on-screen keyboard, say
    assert not is_own_injection(injected_flag, 0xFF515700, injected_flag)  # pen and touch signature
    assert not is_own_injection(0, INJECTION_TAG, injected_flag)  # a device driver reusing the number


def test_keyboard_and_mouse_flags_are_not_confused():
    assert not is_own_injection(LLMHF_INJECTED, INJECTION_TAG, LLKHF_INJECTED)


def test_macos_ignores_events_of_our_process_or_with_our_tag():
    own = os.getpid()
    assert is_own_event(own, 0, own)
    assert is_own_event(0, INJECTION_TAG, own)
    assert not is_own_event(0, 0, own)  # hardware
    assert not is_own_event(own + 1, 0, own)  # another program acting for the person


@pytest.mark.parametrize("watch", [WindowsLocalInputWatch, MacLocalInputWatch])
def test_the_watches_of_other_systems_refuse_to_open_here(watch):
    with pytest.raises(LocalInputError):
        watch()
