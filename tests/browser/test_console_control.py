"""Remote control, monitor switching and chat end to end: the console in chromium, the real
server, a scripted customer that grants control, says who holds it and records what arrives.

Coordinates are checked against the canvas's bounding box as chromium reports it, with the same
rule the console must follow: physical pixel = floor((client - box.left) * width / box.width).
"Nothing was sent" is checked without waiting on a clock: the console sends a chat message as
a marker after the actions, and the server relays one connection's messages in order, so once
the marker arrives every input sent before it has arrived too.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import Locator, Page, expect

from protocol.messages import (
    Chat,
    FrameAck,
    Key,
    Message,
    Monitor,
    PointerButton,
    PointerMove,
    SelectMonitor,
    Text,
    TierRelease,
    TierRequest,
    Wheel,
)
from tests.browser.conftest import screenshot
from tests.browser.console_page import join_and_grant, new_session, phase, status
from tests.browser.customer import ScriptedCustomer, desktop_tile, frame

pytestmark = pytest.mark.browser

MAIN = Monitor(id=0, x=0, y=0, width=1920, height=1080, scale=1.0, primary=True)
LEFT = Monitor(id=1, x=-1280, y=-200, width=1280, height=1024, scale=1.25, primary=False)
"""Bigger than the 1280 by 800 viewport; the second one left of and above the main one."""
SINK = "Keyboard to the customer's computer"
TIMES = "\N{MULTIPLICATION SIGN}"


@dataclass
class Shared:
    """The customer's side of the picture: screen_info sent, frames numbered and acknowledged."""

    customer: ScriptedCustomer
    monitors: list[Monitor]
    seq: int = 0
    sizes: dict[int, tuple[int, int]] = field(default_factory=dict)

    def keyframe(self, monitor: Monitor) -> None:
        self.seq += 1
        tile = desktop_tile(
            monitor.width, monitor.height, accent=(15, 92, 99) if monitor.primary else (150, 60, 30)
        )
        self.customer.send_frame(
            frame(
                self.seq,
                monitor.width,
                monitor.height,
                [tile],
                keyframe=True,
                monitor=monitor.id,
                origin=(monitor.x, monitor.y),
            )
        )
        self.customer.wait_for_equal(FrameAck(seq=self.seq))


def control_state(page: Page) -> Locator:
    return page.locator("#control-state")


def canvas(page: Page) -> Locator:
    return page.locator("canvas.screen-canvas:not([hidden])")


def share(page: Page, customer: ScriptedCustomer, monitors: list[Monitor] | None = None) -> Shared:
    """A new session, viewing granted, monitors announced and the main one drawn."""
    number = new_session(page)
    join_and_grant(page, customer, number)
    shared = Shared(customer, monitors or [MAIN])
    customer.send_screen_info(shared.monitors)
    shared.keyframe(shared.monitors[0])
    expect(canvas(page)).to_have_attribute("data-monitor", str(shared.monitors[0].id))
    return shared


def take_control(page: Page, customer: ScriptedCustomer) -> None:
    """Ask for control, see it requested, the customer grants it, the console shows it."""
    expect(control_state(page)).to_have_text("View only")
    mark = customer.mark()
    page.get_by_role("button", name="Ask for control").click()
    customer.wait_for_equal(TierRequest(tier=2), since=mark)
    expect(control_state(page)).to_have_text("Waiting for the customer to allow control…")
    expect(page.get_by_role("button", name="Ask for control")).to_be_disabled()
    customer.grant_control()
    expect(control_state(page)).to_have_text("You have control")
    expect(page.get_by_role("button", name="Release control")).to_be_enabled()


@pytest.fixture
def controlled(page: Page, customer: ScriptedCustomer) -> Iterator[Shared]:
    shared = share(page, customer, [MAIN, LEFT])
    take_control(page, customer)
    yield shared


def physical(page: Page, client_x: float, client_y: float, monitor: Monitor) -> tuple[int, int]:
    """The pixel the console must send for a point in the page, from the canvas's box."""
    box = canvas(page).bounding_box()
    assert box is not None
    x = math.floor((client_x - box["x"]) * monitor.width / box["width"])
    y = math.floor((client_y - box["y"]) * monitor.height / box["height"])
    return min(max(x, 0), monitor.width - 1), min(max(y, 0), monitor.height - 1)


def at_fraction(page: Page, fx: float, fy: float) -> tuple[float, float]:
    """A point in the page at a fraction of the visible canvas, on a whole CSS pixel."""
    box = canvas(page).bounding_box()
    assert box is not None
    return float(round(box["x"] + box["width"] * fx)), float(round(box["y"] + box["height"] * fy))


def marker(page: Page, customer: ScriptedCustomer, text: str, since: int | None = None) -> list[Message]:
    """Let two animation frames pass (coalesced moves go out), send a chat marker through the
    console and return the input that arrived before it (after `since`, default: now), in order."""
    mark = customer.mark() if since is None else since
    page.evaluate("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")
    page.get_by_label("Message to the customer").fill(text)
    page.get_by_role("button", name="Send", exact=True).click()
    customer.wait_for(lambda m: isinstance(m, Chat) and m.text == text, since=mark)
    before: list[Message] = []
    for message in customer.since(mark):
        if isinstance(message, Chat) and message.text == text:
            break
        before.append(message)
    return [m for m in before if isinstance(m, PointerMove | PointerButton | Wheel | Key | Text)]


def click_screen(page: Page, customer: ScriptedCustomer, x: float, y: float) -> list[Message]:
    """Click the customer's screen and wait until the release has reached the customer, so that a
    mark taken afterwards starts behind the whole click."""
    mark = customer.mark()
    page.mouse.click(x, y)
    return customer.wait_inputs(
        mark, lambda got: any(isinstance(m, PointerButton) and not m.down for m in got)
    )


def typed_text(messages: list[Message]) -> str:
    return "".join(m.text for m in messages if isinstance(m, Text))


def test_asking_for_control_shows_each_step_and_who_holds_the_input(page: Page, customer: ScriptedCustomer):
    share(page, customer, [MAIN, LEFT])
    permissions = page.get_by_role("list", name="Permissions")
    expect(permissions).to_contain_text("View: Granted")
    expect(permissions).to_contain_text("Control: Not asked")
    expect(permissions).to_contain_text("Admin rights: Not asked")
    screenshot(page, "11-control-view-only")

    take_control(page, customer)
    expect(permissions).to_contain_text("Control: Granted")
    expect(page.locator(".screen-host")).to_have_attribute("data-input", "expert")
    expect(page.locator(".keyboard-hint")).to_be_visible()
    page.mouse.move(*at_fraction(page, 0.6, 0.5))
    screenshot(page, "12-control-you-have-control")

    customer.take_control("customer")
    expect(control_state(page)).to_have_text("Customer has control — waiting until they stop using the mouse")
    expect(page.locator(".screen-host")).to_have_attribute("data-input", "customer")
    expect(page.get_by_role("button", name="Send keys")).to_be_disabled()
    screenshot(page, "13-control-customer-has-it")
    customer.take_control("expert")
    expect(control_state(page)).to_have_text("You have control")
    expect(page.get_by_role("button", name="Send keys")).to_be_enabled()


def test_pointer_maps_to_physical_pixels_when_fit_to_the_window(
    page: Page, customer: ScriptedCustomer, controlled: Shared
):
    box = canvas(page).bounding_box()
    assert box is not None
    assert box["width"] < MAIN.width  # scaled down to fit
    assert canvas(page).evaluate("c => [c.width, c.height]") == [MAIN.width, MAIN.height]

    # A move, then a left click elsewhere: each carries the physical pixel under the pointer.
    for fx, fy in [(0.25, 0.3), (0.5, 0.5), (0.9, 0.85)]:
        x, y = at_fraction(page, fx, fy)
        want = physical(page, x, y, MAIN)
        mark = customer.mark()
        page.mouse.move(x, y)
        customer.wait_for_equal(PointerMove(monitor=0, x=want[0], y=want[1]), since=mark)

    x, y = at_fraction(page, 0.1, 0.2)
    px, py = physical(page, x, y, MAIN)
    mark = customer.mark()
    page.mouse.click(x, y)
    inputs = customer.wait_inputs(
        mark, lambda got: any(isinstance(m, PointerButton) and not m.down for m in got)
    )
    buttons = [m for m in inputs if isinstance(m, PointerButton)]
    assert buttons == [
        PointerButton(monitor=0, x=px, y=py, button="left", down=True),
        PointerButton(monitor=0, x=px, y=py, button="left", down=False),
    ]

    # Right and middle buttons; the browser's context menu stays shut.
    page.evaluate(
        """() => {
            window.__menus = [];
            document.addEventListener('contextmenu', (e) => window.__menus.push(e.defaultPrevented));
        }"""
    )
    for button in ("right", "middle"):
        mark = customer.mark()
        page.mouse.click(x, y, button=button)
        got = customer.wait_inputs(
            mark, lambda got: len([m for m in got if isinstance(m, PointerButton)]) == 2
        )
        assert [(m.button, m.down, m.x, m.y) for m in got if isinstance(m, PointerButton)] == [
            (button, True, px, py),
            (button, False, px, py),
        ]
    assert page.evaluate("() => window.__menus") == [True]

    # The wheel, in notches; positive dy scrolls down.
    for dx, dy, notches in [(0, 100, (0, 1)), (0, -300, (0, -3)), (200, 0, (2, 0))]:
        mark = customer.mark()
        page.mouse.wheel(dx, dy)
        customer.wait_for_equal(Wheel(monitor=0, x=px, y=py, dx=notches[0], dy=notches[1]), since=mark)

    # A drag that leaves the canvas is clamped to its edge, and the button comes up there.
    start = at_fraction(page, 0.05, 0.5)
    sx, sy = physical(page, *start, MAIN)
    mark = customer.mark()
    page.mouse.move(*start)
    page.mouse.down()
    page.mouse.move(box["x"] - 60, box["y"] + box["height"] + 40, steps=4)
    page.mouse.up()
    got = customer.wait_inputs(
        mark, lambda got: any(isinstance(m, PointerButton) and not m.down for m in got)
    )
    assert [m for m in got if isinstance(m, PointerButton)] == [
        PointerButton(monitor=0, x=sx, y=sy, button="left", down=True),
        PointerButton(monitor=0, x=0, y=MAIN.height - 1, button="left", down=False),
    ]


def test_pointer_moves_are_coalesced_to_one_per_animation_frame(
    page: Page, customer: ScriptedCustomer, controlled: Shared
):
    x, y = at_fraction(page, 0.5, 0.5)
    page.mouse.move(x, y)
    marker(page, customer, "before the burst")
    # Fifty moves within one task: only the last position goes out, once.
    last = (x + 49 * 0.5, y + 49 * 0.25)
    mark = customer.mark()
    page.evaluate(
        """([x, y]) => {
            const canvas = document.querySelector('canvas.screen-canvas:not([hidden])');
            for (let i = 0; i < 50; i += 1) {
                canvas.dispatchEvent(new PointerEvent('pointermove', {
                    bubbles: true, clientX: x + i * 0.5, clientY: y + i * 0.25,
                    pointerType: 'mouse', button: -1,
                }));
            }
        }""",
        [x, y],
    )
    want = physical(page, *last, MAIN)
    assert marker(page, customer, "after the burst", since=mark) == [
        PointerMove(monitor=0, x=want[0], y=want[1])
    ]


def test_pointer_maps_to_physical_pixels_at_actual_size_while_scrolled(
    page: Page, customer: ScriptedCustomer, controlled: Shared
):
    page.get_by_role("button", name="Actual size (1:1)").click()
    expect(page.get_by_role("button", name="Actual size (1:1)")).to_have_attribute("aria-pressed", "true")
    box = canvas(page).bounding_box()
    assert box is not None
    assert (box["width"], box["height"]) == (MAIN.width, MAIN.height)  # one pixel each (DPR 1)
    stage = page.locator(".stage")
    stage.evaluate("s => s.scrollTo(500, 300)")
    expect(stage).to_have_js_property("scrollLeft", 500)
    stage_box = stage.bounding_box()
    assert stage_box is not None
    screenshot(page, "14-control-actual-size")

    # Whole CSS pixels: chromium gives pointer events fractions, wheel events none.
    x, y = float(round(stage_box["x"] + 40)), float(round(stage_box["y"] + 30))
    px, py = physical(page, x, y, MAIN)
    assert (px, py) == (math.floor(x - box["x"]) + 500, math.floor(y - box["y"]) + 300)
    mark = customer.mark()
    page.mouse.click(x, y)
    got = customer.wait_inputs(
        mark, lambda got: any(isinstance(m, PointerButton) and not m.down for m in got)
    )
    assert [m for m in got if isinstance(m, PointerButton)] == [
        PointerButton(monitor=0, x=px, y=py, button="left", down=True),
        PointerButton(monitor=0, x=px, y=py, button="left", down=False),
    ]

    # The wheel goes to the customer, not to the console's scrollbars.
    mark = customer.mark()
    page.mouse.wheel(0, 100)
    customer.wait_for_equal(Wheel(monitor=0, x=px, y=py, dx=0, dy=1), since=mark)
    assert stage.evaluate("s => [s.scrollLeft, s.scrollTop]") == [500, 300]

    page.get_by_role("button", name="Fit to window").click()
    fitted = canvas(page).bounding_box()
    assert fitted is not None and fitted["width"] < MAIN.width


def test_keyboard_text_keys_dead_keys_and_leaving_the_screen(
    page: Page, customer: ScriptedCustomer, controlled: Shared
):
    sink = page.get_by_label(SINK)
    click_screen(page, customer, *at_fraction(page, 0.5, 0.5))
    expect(sink).to_be_focused()

    mark = customer.mark()
    page.keyboard.type("Grüße äöü€@")
    typed = customer.wait_inputs(mark, lambda got: typed_text(got) == "Grüße äöü€@")
    assert all(isinstance(m, Text) for m in typed), typed  # Shift for G and @ is not sent

    mark = customer.mark()
    page.keyboard.press("Control+c")
    got = customer.wait_inputs(mark, lambda got: len(got) == 2)
    assert got == [
        Key(code="KeyC", down=True, modifiers=("control",)),
        Key(code="KeyC", down=False, modifiers=("control",)),
    ]

    mark = customer.mark()
    page.keyboard.press("Enter")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("F5")
    page.keyboard.press("Backspace")
    got = customer.wait_inputs(mark, lambda got: len(got) == 8)
    assert [(m.code, m.down, m.modifiers) for m in got if isinstance(m, Key)] == [
        ("Enter", True, ()),
        ("Enter", False, ()),
        ("Tab", True, ("shift",)),
        ("Tab", False, ("shift",)),
        ("F5", True, ()),
        ("F5", False, ()),
        ("Backspace", True, ()),
        ("Backspace", False, ()),
    ]
    expect(sink).to_be_focused()  # Tab went to the customer, not to the next control

    # A dead key sends nothing; the character it composes with the next key goes as text.
    cdp = page.context.new_cdp_session(page)
    mark = customer.mark()
    cdp.send(
        "Input.dispatchKeyEvent",
        {"type": "rawKeyDown", "key": "Dead", "code": "Equal", "windowsVirtualKeyCode": 221},
    )
    cdp.send(
        "Input.dispatchKeyEvent",
        {"type": "keyUp", "key": "Dead", "code": "Equal", "windowsVirtualKeyCode": 221},
    )
    cdp.send(
        "Input.dispatchKeyEvent",
        {"type": "keyDown", "key": "é", "code": "KeyE", "text": "é", "windowsVirtualKeyCode": 69},
    )
    cdp.send(
        "Input.dispatchKeyEvent", {"type": "keyUp", "key": "é", "code": "KeyE", "windowsVirtualKeyCode": 69}
    )
    cdp.detach()
    assert marker(page, customer, "after the dead key", since=mark) == [Text(text="é")]

    # Ctrl+Alt on their own leave the screen: the keyboard is the expert's again.
    click_screen(page, customer, *at_fraction(page, 0.5, 0.5))
    expect(sink).to_be_focused()
    mark = customer.mark()
    page.keyboard.down("Control")
    page.keyboard.down("Alt")
    page.keyboard.up("Alt")
    page.keyboard.up("Control")
    expect(page.get_by_role("button", name="Send keys")).to_be_focused()
    assert [m for m in marker(page, customer, "after leaving", since=mark) if isinstance(m, Key)] == []


def test_leaving_the_screen_releases_every_key_and_button_sent_down(
    page: Page, customer: ScriptedCustomer, controlled: Shared
):
    x, y = at_fraction(page, 0.4, 0.4)
    px, py = physical(page, x, y, MAIN)
    click_screen(page, customer, x, y)
    expect(page.get_by_label(SINK)).to_be_focused()
    mark = customer.mark()
    page.keyboard.down("Control")
    page.keyboard.down("ArrowLeft")
    page.mouse.down()
    customer.wait_inputs(mark, lambda got: any(isinstance(m, PointerButton) for m in got))
    page.get_by_label("Message to the customer").focus()  # the screen loses the focus
    got = customer.wait_inputs(mark, lambda got: len(got) >= 6)
    # Ctrl+click presses Ctrl itself; on blur every key and the button come up.
    assert got[:3] == [
        Key(code="ArrowLeft", down=True, modifiers=("control",)),
        Key(code="ControlLeft", down=True, modifiers=()),
        PointerButton(monitor=0, x=px, y=py, button="left", down=True),
    ]
    assert sorted(map(repr, got[3:])) == sorted(
        map(
            repr,
            [
                PointerButton(monitor=0, x=px, y=py, button="left", down=False),
                Key(code="ArrowLeft", down=False, modifiers=("control",)),
                Key(code="ControlLeft", down=False, modifiers=()),
            ],
        )
    )
    mark = customer.mark()
    page.mouse.up()
    page.keyboard.up("ArrowLeft")
    page.keyboard.up("Control")
    assert marker(page, customer, "after the blur", since=mark) == []


def test_send_keys_menu_sends_combinations_the_browser_keeps(
    page: Page, customer: ScriptedCustomer, controlled: Shared
):
    menu_button = page.get_by_role("button", name="Send keys")
    menu_button.click()
    expect(page.get_by_role("menu", name="Send keys")).to_be_visible()
    expect(menu_button).to_have_attribute("aria-expanded", "true")
    page.get_by_role("heading", level=1).click()  # a click elsewhere closes it
    expect(page.get_by_role("menu", name="Send keys")).to_be_hidden()
    expect(menu_button).to_have_attribute("aria-expanded", "false")
    menu_button.click()
    screenshot(page, "15-control-send-keys-menu")
    mark = customer.mark()
    page.get_by_role("menuitem", name="Ctrl+Alt+Del").click()
    expect(page.get_by_role("menu", name="Send keys")).to_be_hidden()
    got = customer.wait_inputs(mark, lambda got: len(got) == 2)
    assert got == [
        Key(code="Delete", down=True, modifiers=("control", "alt")),
        Key(code="Delete", down=False, modifiers=("control", "alt")),
    ]
    expect(page.get_by_label(SINK)).to_be_focused()  # back to the screen

    # The same with the keyboard only.
    menu_button.focus()
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("menuitem", name="Ctrl+Alt+Del")).to_be_focused()
    page.keyboard.press("End")
    expect(page.get_by_role("menuitem", name="Print Screen")).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.get_by_role("menu", name="Send keys")).to_be_hidden()
    expect(menu_button).to_be_focused()
    mark = customer.mark()
    page.keyboard.press("Enter")
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("menuitem", name="Alt+Tab")).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Control+Alt")  # leave the screen again
    menu_button.focus()
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    expect(page.get_by_role("menuitem", name="Windows key")).to_be_focused()
    page.keyboard.press("Space")
    got = customer.wait_inputs(mark, lambda got: len(got) == 4)
    assert got == [
        Key(code="Tab", down=True, modifiers=("alt",)),
        Key(code="Tab", down=False, modifiers=("alt",)),
        Key(code="MetaLeft", down=True, modifiers=()),
        Key(code="MetaLeft", down=False, modifiers=()),
    ]


def test_nothing_is_sent_while_the_customer_holds_control(
    page: Page, customer: ScriptedCustomer, controlled: Shared
):
    x, y = at_fraction(page, 0.3, 0.6)
    page.mouse.click(x, y)
    expect(page.get_by_label(SINK)).to_be_focused()
    marker(page, customer, "start")

    customer.take_control("customer")
    expect(control_state(page)).to_have_text("Customer has control — waiting until they stop using the mouse")
    mark = customer.mark()
    page.mouse.move(x + 30, y + 20)
    page.mouse.click(x + 30, y + 20)
    page.mouse.wheel(0, 300)
    page.keyboard.type("secret")
    page.keyboard.press("Enter")
    assert marker(page, customer, "while the customer holds control", since=mark) == []

    customer.take_control("expert")
    expect(control_state(page)).to_have_text("You have control")
    px, py = physical(page, x, y, MAIN)
    mark = customer.mark()
    page.mouse.click(x, y)
    customer.wait_for_equal(PointerButton(monitor=0, x=px, y=py, button="left", down=False), since=mark)


def test_releasing_refusing_and_taking_back_control(
    page: Page, customer: ScriptedCustomer, controlled: Shared
):
    # Releasing: keys held come up first, then tier_release; the customer answers tier_revoke.
    click_screen(page, customer, *at_fraction(page, 0.5, 0.5))
    page.keyboard.down("Shift")
    page.keyboard.down("ArrowDown")
    mark = customer.mark()
    page.get_by_role("button", name="Release control").click()
    customer.wait_for_equal(TierRelease(tier=2), since=mark)
    after = customer.since(mark)
    release_at = after.index(TierRelease(tier=2))
    assert Key(code="ArrowDown", down=False, modifiers=("shift",)) in after[:release_at]
    assert not [
        m for m in after[release_at:] if isinstance(m, PointerMove | PointerButton | Wheel | Key | Text)
    ]
    expect(control_state(page)).to_have_text("Giving control back…")
    page.keyboard.up("ArrowDown")
    page.keyboard.up("Shift")
    customer.revoke(2)
    expect(control_state(page)).to_have_text("You gave control back. View only.")
    expect(page.get_by_role("list", name="Permissions")).to_contain_text("Control: Revoked")
    expect(page.get_by_role("button", name="Ask for control")).to_be_enabled()
    expect(page.get_by_label(SINK)).to_be_disabled()

    # Asking again; the customer refuses.
    mark = customer.mark()
    page.get_by_role("button", name="Ask for control").click()
    customer.wait_for_equal(TierRequest(tier=2), since=mark)
    customer.refuse_control()
    expect(control_state(page)).to_have_text("The customer refused control. View only.")
    expect(page.get_by_role("list", name="Permissions")).to_contain_text("Control: Refused")
    screenshot(page, "16-control-refused")

    # Asking once more; granted, and then the customer switches back to view only.
    take_control_again(page, customer)
    customer.revoke(2)
    expect(control_state(page)).to_have_text("The customer took control back. View only.")
    expect(page.get_by_role("button", name="Send keys")).to_be_disabled()
    assert marker(page, customer, "after the revocation") == []


def take_control_again(page: Page, customer: ScriptedCustomer) -> None:
    mark = customer.mark()
    page.get_by_role("button", name="Ask for control").click()
    customer.wait_for_equal(TierRequest(tier=2), since=mark)
    customer.grant_control()
    expect(control_state(page)).to_have_text("You have control")


def test_switching_monitors_and_input_on_a_monitor_left_of_the_main_one(
    page: Page, customer: ScriptedCustomer, controlled: Shared
):
    picker = page.get_by_role("group", name="Customer's screens")
    main = picker.get_by_role("button", name=re.compile(r"^Screen 1 \(main\)"))
    left = picker.get_by_role("button", name=re.compile(r"^Screen 2"))
    expect(main).to_have_attribute("aria-pressed", "true")
    expect(left).to_contain_text(f"1280 {TIMES} 1024")

    mark = customer.mark()
    left.click()
    customer.wait_for_equal(SelectMonitor(monitor=1), since=mark)
    expect(left).to_have_attribute("aria-busy", "true")
    expect(page.locator(".stage-notice")).to_have_text("Switching to screen 2…")
    controlled.keyframe(LEFT)
    expect(left).to_have_attribute("aria-pressed", "true")
    expect(main).to_have_attribute("aria-pressed", "false")
    expect(canvas(page)).to_have_attribute("data-monitor", "1")
    assert canvas(page).evaluate("c => [c.width, c.height]") == [LEFT.width, LEFT.height]
    screenshot(page, "17-control-second-monitor")

    # Coordinates are relative to that monitor's top-left, whatever its origin (-1280, -200).
    x, y = at_fraction(page, 0.75, 0.25)
    px, py = physical(page, x, y, LEFT)
    clicked = click_screen(page, customer, x, y)
    assert PointerButton(monitor=1, x=px, y=py, button="left", down=True) in clicked

    # At 1:1 too.
    page.get_by_role("button", name="Actual size (1:1)").click()
    x, y = at_fraction(page, 0.1, 0.1)
    px, py = physical(page, x, y, LEFT)
    mark = customer.mark()
    page.mouse.click(x, y)
    customer.wait_for_equal(PointerButton(monitor=1, x=px, y=py, button="left", down=False), since=mark)

    mark = customer.mark()
    main.click()
    customer.wait_for_equal(SelectMonitor(monitor=0), since=mark)


def test_chat_both_ways_as_plain_text_with_unread_count_and_limit(page: Page, customer: ScriptedCustomer):
    number = new_session(page)
    customer.join(number.replace(" ", ""))
    phase(page, "joined")
    chat = page.get_by_role("complementary", name="Chat")
    expect(chat).to_be_visible()
    expect(chat).to_contain_text("No messages yet")

    hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> Hallo & <b>Tschüss</b>'
    customer.chat(hostile)
    log = page.get_by_role("log", name="Chat messages")
    expect(log.locator(".chat-text")).to_have_text([hostile])
    expect(log.locator(".chat-author")).to_have_text(["Customer"])
    expect(log.locator("time")).to_have_text([re.compile(r"^\d{1,2}:\d{2}")])
    assert log.locator("img, script, b").count() == 0
    assert page.evaluate("() => window.__pwned") is None

    field = page.get_by_label("Message to the customer")
    reply = "Danke, ich sehe es mir an.\nZweite Zeile <i>kursiv</i>"
    field.fill("Danke, ich sehe es mir an.")
    field.press("Shift+Enter")
    field.press_sequentially("Zweite Zeile <i>kursiv</i>")
    expect(page.locator("#chat-count")).to_have_text(f"{len(reply)} / 2000")
    mark = customer.mark()
    field.press("Enter")
    sent = customer.wait_for(lambda m: isinstance(m, Chat), since=mark)
    assert isinstance(sent, Chat)
    assert (sent.text, sent.by) == (reply, "expert")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d.*", sent.at), sent.at
    expect(log.locator(".chat-text")).to_have_text([hostile, reply])
    expect(field).to_have_value("")
    expect(field).to_be_focused()
    screenshot(page, "18-chat")

    # The limit: 2000 characters (code points), shown and enforced.
    field.fill("ä" * 2001)
    expect(page.locator("#chat-count")).to_have_text("2001 / 2000")
    expect(page.locator(".chat-note")).to_have_text("Too long by 1 characters")
    expect(page.get_by_role("button", name="Send", exact=True)).to_be_disabled()
    field.fill("😀" * 2000)
    expect(page.locator("#chat-count")).to_have_text("2000 / 2000")
    expect(page.get_by_role("button", name="Send", exact=True)).to_be_enabled()
    field.fill("   \n ")
    expect(page.get_by_role("button", name="Send", exact=True)).to_be_disabled()
    field.fill("")

    # Collapsed: messages from the customer are counted as unread.
    toggle = page.get_by_role("button", name=re.compile(r"^Chat"))
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(chat).to_be_hidden()
    customer.chat("Sind Sie noch da?")
    customer.chat("Hallo?")
    expect(toggle).to_have_accessible_name("Chat, 2 unread")
    expect(toggle).to_contain_text("2")
    screenshot(page, "19-chat-collapsed-unread")
    toggle.click()
    expect(chat).to_be_visible()
    expect(toggle).to_have_accessible_name("Chat")
    expect(log.locator(".chat-text")).to_have_count(4)


def test_the_customer_ending_while_the_expert_has_control(
    page: Page, customer: ScriptedCustomer, controlled: Shared
):
    page.mouse.click(*at_fraction(page, 0.5, 0.5))
    expect(page.get_by_label(SINK)).to_be_focused()
    customer.end()
    expect(status(page)).to_have_text("Session ended by the customer.")
    phase(page, "ended")
    expect(page.get_by_label("Message to the customer")).to_be_disabled()
    expect(page.locator(".chat-note")).to_have_text("The session has ended.")
    expect(page.get_by_role("list", name="Permissions")).to_contain_text("Control: Ended")
    assert page.evaluate("() => document.activeElement?.getAttribute('aria-label')") != SINK
    screenshot(page, "20-ended-after-control")


def test_reattaching_restores_tiers_and_holder(page: Page, customer: ScriptedCustomer, controlled: Shared):
    customer.take_control("customer")
    expect(control_state(page)).to_have_text("Customer has control — waiting until they stop using the mouse")
    page.reload()
    phase(page, "viewing")
    expect(control_state(page)).to_have_text("Customer has control — waiting until they stop using the mouse")
    expect(page.get_by_role("list", name="Permissions")).to_contain_text("Control: Granted")
    customer.take_control("expert")
    expect(control_state(page)).to_have_text("You have control")


HOLD_MESSAGES = """
(() => {
  // Test hook: hold back server messages containing window.__holdPattern, to stage a race.
  const Original = window.WebSocket;
  window.__holdPattern = null;
  window.__held = 0;
  window.WebSocket = class HoldingWebSocket extends Original {
    addEventListener(type, listener, options) {
      if (type !== 'message') return super.addEventListener(type, listener, options);
      return super.addEventListener(type, (event) => {
        const pattern = window.__holdPattern;
        if (typeof event.data === 'string' && pattern && event.data.includes(pattern)) {
          window.__held += 1;
          return;
        }
        listener(event);
      }, options);
    }
  };
})();
"""


def test_input_crossing_a_revocation_is_refused_and_the_console_attaches_again(
    page: Page, customer: ScriptedCustomer
):
    page.add_init_script(HOLD_MESSAGES)
    share(page, customer, [MAIN])
    take_control(page, customer)
    page.evaluate('() => { window.__holdPattern = \'"state":"revoked"\'; }')
    customer.revoke(2)
    page.wait_for_function("() => window.__held === 1")
    # The console has not heard of it yet: its click crosses the revocation and the server
    # refuses it (error not_allowed, close 4000). Nothing reaches the customer.
    expect(control_state(page)).to_have_text("You have control")
    page.evaluate("() => { window.__holdPattern = null; }")
    mark = customer.mark()
    page.mouse.click(*at_fraction(page, 0.5, 0.5))
    phase(page, "refused")
    expect(status(page)).to_have_text(re.compile(r"session changed meanwhile\. Reconnecting in 1 s"))
    # Attached again, the server states every tier anew: control is over, the picture stays.
    phase(page, "viewing")
    expect(control_state(page)).to_have_text("The customer took control back. View only.")
    expect(page.get_by_role("list", name="Permissions")).to_contain_text("Control: Revoked")
    assert customer.inputs_since(mark) == []
