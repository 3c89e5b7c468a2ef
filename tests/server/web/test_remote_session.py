"""Remote control and chat through the real server over TLS, and what the recording keeps of it."""

import asyncio
import re
import time

from protocol.messages import (
    Chat,
    Consent,
    Control,
    End,
    FrameAck,
    Key,
    PointerButton,
    PointerMove,
    ScreenInfo,
    SelectMonitor,
    Text,
    TierRelease,
    TierRequest,
    TierRevoke,
    Wheel,
)
from server.core.journal import ChatEntry, ControlEntry
from server.recording.export import export_recording
from server.recording.records import Screenshot
from tests.server.recording.pictures import png_pixels
from tests.support.fixtures import ANNA
from tests.support.scripted_expert import InputMessage
from tests.support.server_process import open_session_async as open_session

from .peers import ScriptedCustomer, expert_for, make_frame, recorded

ISO_SECOND = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
INPUT: list[InputMessage] = [
    PointerMove(monitor=0, x=10, y=20),
    PointerButton(monitor=0, x=10, y=20, button="right", down=True),
    PointerButton(monitor=0, x=10, y=20, button="right", down=False),
    Wheel(monitor=0, x=10, y=20, dx=0, dy=-2),
    Key(code="KeyA", down=True, modifiers=("control",)),
    Text(text="Grüße, Anna\n"),
]


def test_tier_2_input_control_and_chat_both_ways_are_relayed_and_recorded(server, tmp_path):
    async def scenario():
        ticket = await open_session(server, ANNA.username, ANNA.password)
        async with expert_for(server, ticket) as expert:
            customer = await ScriptedCustomer.sharing(server, ticket)
            await expert.wait_for_message(ScreenInfo)
            await customer.send_frame(make_frame(1, shade=40))
            await expert.wait_for_frames(1)

            await customer.send(Chat(text="Hallo, der Drucker geht nicht.", by="expert", at="gestern"))
            heard = await expert.wait_for_chat()
            assert (heard.by, heard.text) == ("customer", "Hallo, der Drucker geht nicht.")
            assert ISO_SECOND.fullmatch(heard.at)
            await expert.chat("Ich schaue es mir an.")
            said = await customer.wait_for(Chat)
            assert (said.by, said.text) == ("expert", "Ich schaue es mir an.")
            assert ISO_SECOND.fullmatch(said.at)

            await expert.request_tier(2)
            assert await customer.wait_for(TierRequest) == TierRequest(tier=2)
            await customer.send(Consent(tier=2, granted=True))
            await customer.send(Control(holder="expert"))
            await expert.wait_for_tier(2, "granted")
            await expert.wait_for_control("expert")
            for message in INPUT:
                await expert.send_input(message)
            since = customer.mark()
            await customer.wait_for(Text, since=since)
            assert [m for m in customer.messages[since:] if not isinstance(m, FrameAck)] == INPUT

            mark = expert.mark()
            await customer.send(Control(holder="customer"))
            await expert.wait_for_control("customer", since=mark)
            mark = expert.mark()
            await customer.send(Control(holder="expert"))
            await expert.wait_for_control("expert", since=mark)
            assert expert.holder == "expert"

            await expert.select_monitor(0)
            assert await customer.wait_for(SelectMonitor) == SelectMonitor(monitor=0)

            mark = expert.mark()
            await expert.release_tier(2)
            assert await customer.wait_for(TierRelease) == TierRelease(tier=2)
            await customer.send(TierRevoke(tier=2))
            await expert.wait_for_tier(2, "revoked", since=mark)

            assert await expert.end() == 1000
            assert await customer.wait_for(End) == End(reason="expert_ended", by="expert")
            await customer.close()
        return ticket

    ticket = asyncio.run(asyncio.wait_for(scenario(), 60))
    bodies = asyncio.run(
        recorded(server.data_dir, ticket.session_id, lambda found: "session_ended" in events(found))
    )
    assert events(bodies) == [
        "customer_joined",
        "tier_requested",
        "tier_granted",
        "tier_requested",
        "tier_granted",
        "holder_changed",
        "holder_changed",
        "holder_changed",
        "tier_released",
        "tier_revoked",
        "holder_changed",
        "session_ended",
    ]
    assert [(b.by, b.text) for b in bodies if isinstance(b, ChatEntry)] == [
        ("customer", "Hallo, der Drucker geht nicht."),
        ("expert", "Ich schaue es mir an."),
    ]
    shots = [b for b in bodies if isinstance(b, Screenshot)]
    assert len(shots) == 1 and (png_pixels(shots[0].png) == (40, 215, 128)).all()
    out = tmp_path / "export"
    summary = export_recording(server.data_dir, ticket.session_id, out, "Test", time.time())
    assert (summary.screenshots, summary.chat_messages, summary.ended) == (1, 2, True)
    assert "expert gave tier 2 (control mouse and keyboard) back" in (out / "control-log.txt").read_text()


def events(bodies):
    return [b.event for b in bodies if isinstance(b, ControlEntry)]
