"""Whole sessions through the real server: customer socket, scripted console, real frames."""

import asyncio

from protocol import decode_frame
from protocol.messages import (
    Consent,
    CustomerJoined,
    End,
    Error,
    FrameAck,
    Refresh,
    ScreenInfo,
    SessionInfo,
    TierRequest,
    TierStatus,
    Welcome,
)
from tests.support.fixtures import ANNA
from tests.support.server_process import open_session_async as open_session

from .peers import (
    SCREEN,
    expert_for,
    hello,
    make_frame,
    receive,
    receive_welcome,
    send,
    send_frame,
    session_state,
    sharing_customer,
    until_closed,
)


def run(scenario):
    asyncio.run(asyncio.wait_for(scenario, 60))


def test_full_session_with_frames_tiers_and_expert_end(server):
    async def scenario():
        ticket = await open_session(server, ANNA.username, ANNA.password)
        async with expert_for(server, ticket) as expert:
            assert expert.messages[0] == SessionInfo(
                session_id=ticket.session_id,
                number=ticket.number,
                state="waiting",
                expires_at=ticket.session["expires_at"],
            )
            async with await hello(server, ticket.number) as customer:
                welcome = await receive_welcome(customer)
                assert isinstance(welcome, Welcome) and welcome.resume_token
                assert welcome == Welcome(
                    protocol=1,
                    session_id=ticket.session_id,
                    expert=expert_welcome(),
                    recorded=True,
                    retention_days=90,
                    resume_token=welcome.resume_token,
                )
                assert await expert.wait_for_message(CustomerJoined) == CustomerJoined(client="web-test/1")
                await expert.wait_for_message(TierStatus, lambda m: m.state == "requested")
                assert session_state(server, ticket)["state"] == "joined"

                await send(customer, Consent(tier=1, granted=True))
                await expert.wait_for_message(TierStatus, lambda m: m.tier == 1 and m.state == "granted")
                await expert.wait_for_message(SessionInfo, lambda m: m.state == "active")
                await send(customer, SCREEN)
                assert await expert.wait_for_message(ScreenInfo) == SCREEN

                sent = []
                for seq in range(1, 6):
                    sent.append(await send_frame(customer, make_frame(seq, shade=seq * 40)))
                    if seq % 2 == 0 or seq == 5:
                        acks = [await receive(customer) for _ in range(2 if seq % 2 == 0 else 1)]
                        assert all(isinstance(a, FrameAck) for a in acks)
                await expert.wait_for_frames(5)
                raw = [r.data for r in expert.received if r.frame is not None]
                assert raw == sent
                assert expert.frames == [decode_frame(data) for data in sent]

                await expert.request_tier(2)
                assert await receive(customer) == TierRequest(tier=2)
                await send(customer, Consent(tier=2, granted=True))
                await expert.wait_for_message(TierStatus, lambda m: m.tier == 2 and m.state == "granted")

                assert await expert.end() == 1000
                closing = await until_closed(customer)
                assert closing.messages == [End(reason="expert_ended", by="expert")]
                assert closing.code == 1000
        record = session_state(server, ticket)
        assert record["state"] == "ended" and record["ended_at"] is not None

    run(scenario())


def expert_welcome():
    from protocol.messages import Expert

    return Expert(name=ANNA.name, organisation=ANNA.organisation)


def test_customer_end_is_relayed_to_the_console(server):
    async def scenario():
        ticket = await open_session(server, ANNA.username, ANNA.password)
        async with expert_for(server, ticket) as expert, await sharing_customer(server, ticket) as customer:
            await expert.wait_for_message(ScreenInfo)
            await send(customer, End(reason="customer_ended"))
            await customer.close()
            assert await expert.wait_for_message(End) == End(reason="customer_ended", by="customer")
            assert await expert.wait_closed() == 1000

    run(scenario())


def test_consent_denied_ends_the_session(server):
    async def scenario():
        ticket = await open_session(server, ANNA.username, ANNA.password)
        async with expert_for(server, ticket) as expert, await hello(server, ticket.number) as customer:
            await receive_welcome(customer)
            await send(customer, Consent(tier=1, granted=False))
            await expert.wait_for_message(TierStatus, lambda m: m.state == "denied")
            await send(customer, End(reason="consent_denied"))
            assert (await until_closed(customer)).code == 1000
            assert await expert.wait_for_message(End) == End(reason="consent_denied", by="customer")
        assert session_state(server, ticket)["state"] == "ended"

    run(scenario())


def test_frames_before_consent_are_refused(server):
    async def scenario():
        ticket = await open_session(server, ANNA.username, ANNA.password)
        async with expert_for(server, ticket) as expert, await hello(server, ticket.number) as customer:
            await receive_welcome(customer)
            await send_frame(customer, make_frame(1))
            closing = await until_closed(customer)
            assert [m.code for m in closing.messages if isinstance(m, Error)] == ["not_allowed"]
            assert len(closing.messages) == 1
            assert closing.code == 4000
            assert await expert.wait_for_message(End) == End(reason="connection_lost", by="server")
            assert expert.frames == []

    run(scenario())


def test_server_acks_frames_while_no_console_is_attached_and_a_late_console_gets_a_refresh(server):
    async def scenario():
        ticket = await open_session(server, ANNA.username, ANNA.password)
        async with await sharing_customer(server, ticket) as customer:
            for seq in (1, 2, 3):
                await send_frame(customer, make_frame(seq))
                assert await receive(customer) == FrameAck(seq=seq)
            async with expert_for(server, ticket) as expert:
                assert await receive(customer) == Refresh()
                assert [type(m) for m in expert.messages[:1]] == [SessionInfo]
                await expert.wait_for_message(ScreenInfo)
                assert [m.TYPE for m in expert.messages] == [
                    "session",
                    "customer_joined",
                    "identity_code",
                    "tier_state",
                    "screen_info",
                ]
                data = await send_frame(customer, make_frame(4))
                await expert.wait_for_frames(1)
                assert expert.received[-1].data == data
                assert await receive(customer) == FrameAck(seq=4)
                await expert.end()

    run(scenario())


def test_second_console_takes_over(server):
    async def scenario():
        ticket = await open_session(server, ANNA.username, ANNA.password)
        async with await sharing_customer(server, ticket) as customer:
            first = expert_for(server, ticket)
            await first.connect()
            assert await receive(customer) == Refresh()
            async with expert_for(server, ticket) as second:
                assert await first.wait_closed() == 4009
                busy = first.messages[-1]
                assert isinstance(busy, Error) and busy.code == "session_busy"
                await second.wait_for_message(ScreenInfo)
                assert await receive(customer) == Refresh()
                await send_frame(customer, make_frame(1))
                await second.wait_for_frames(1)
                await second.end()
            await first.close()

    run(scenario())
