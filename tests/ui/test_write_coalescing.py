"""ui/write_coalescing.py: a flush's messages reach the connection in one loop turn, and the frames written in one
loop turn reach the socket as one write, in order; closing sends what is pending, aborting drops it."""

from __future__ import annotations

import asyncio
import socket
from typing import Any

from ui.write_coalescing import CoalescingTransport, Flush, coalesced, each_message, one_item


class FakeTransport(asyncio.Transport):
    """Records writes and whether it was closed or aborted."""

    def __init__(self) -> None:
        super().__init__()
        self.writes: list[bytes] = []
        self.closed = False
        self.aborted = False

    def write(self, data: bytes) -> None:
        self.writes.append(bytes(data))

    def is_closing(self) -> bool:
        return self.closed or self.aborted

    def close(self) -> None:
        self.closed = True

    def abort(self) -> None:
        self.aborted = True

    def get_write_buffer_size(self) -> int:
        return 0

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        return {"peername": ("127.0.0.1", 5)}.get(name, default)


async def next_turn() -> None:
    await asyncio.sleep(0)


def test_writes_of_one_loop_turn_go_out_as_one_write_in_order() -> None:
    async def scenario() -> tuple[list[bytes], list[bytes], int]:
        real = FakeTransport()
        transport = CoalescingTransport(real, asyncio.get_running_loop())
        for n in range(45):
            transport.write(b"frame%d;" % n)
        transport.write(b"")  # nothing to send: no write
        before = list(real.writes)
        pending = transport.get_write_buffer_size()
        await next_turn()
        return before, real.writes, pending

    before, writes, pending = asyncio.run(scenario())
    assert before == []  # nothing reaches the socket before the turn is over
    assert pending == len(b"".join(b"frame%d;" % n for n in range(45)))
    assert writes == [b"".join(b"frame%d;" % n for n in range(45))]


def test_each_loop_turn_gets_its_own_write() -> None:
    async def scenario() -> list[bytes]:
        real = FakeTransport()
        transport = CoalescingTransport(real, asyncio.get_running_loop())
        transport.write(b"a")
        transport.writelines([b"b", bytearray(b"c")])
        await next_turn()
        transport.write(b"d")
        await next_turn()
        return real.writes

    assert asyncio.run(scenario()) == [b"abc", b"d"]


def test_close_sends_what_is_pending_first_and_abort_drops_it() -> None:
    async def scenario() -> tuple[FakeTransport, FakeTransport]:
        loop = asyncio.get_running_loop()
        closing, aborting = FakeTransport(), FakeTransport()
        for real in (closing, aborting):
            transport = CoalescingTransport(real, loop)
            transport.write(b"close frame")
            (transport.close if real is closing else transport.abort)()
            transport.write(b"after")  # the connection is closing: never written
        await next_turn()
        return closing, aborting

    closing, aborting = asyncio.run(scenario())
    assert closing.writes == [b"close frame"] and closing.closed
    assert aborting.writes == [] and aborting.aborted


def test_everything_else_is_the_real_transports() -> None:
    async def scenario() -> CoalescingTransport:
        return CoalescingTransport(FakeTransport(), asyncio.get_running_loop())

    transport = asyncio.run(scenario())
    assert transport.get_extra_info("peername") == ("127.0.0.1", 5)
    assert transport.is_closing() is False


class FakeProtocol:
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport

    connection_made_coalescing = coalesced(connection_made)


def test_a_protocol_gets_a_coalescing_transport_once() -> None:
    async def scenario() -> tuple[Any, Any]:
        protocol = FakeProtocol()
        protocol.connection_made_coalescing(FakeTransport())
        first = protocol.transport
        protocol.connection_made_coalescing(first)  # already coalescing: not wrapped again
        return first, protocol.transport

    first, second = asyncio.run(scenario())
    assert isinstance(first, CoalescingTransport) and second is first
    assert isinstance(first._transport, FakeTransport)


def test_frames_reach_a_real_socket_complete_and_in_order() -> None:
    frames = [bytes([n]) * (n * 97 % 3000 + 1) for n in range(200)]  # about 300 kB: several socket buffers

    async def scenario() -> bytes:
        loop = asyncio.get_running_loop()
        server_side, client_side = socket.socketpair()
        with server_side, client_side:
            server_side.setblocking(False)
            client_side.setblocking(False)
            transport, _ = await loop.connect_accepted_socket(asyncio.Protocol, server_side)
            coalescing = CoalescingTransport(transport, loop)  # type: ignore[arg-type]
            for frame in frames:
                coalescing.write(frame)
            received = bytearray()
            while len(received) < sum(map(len, frames)):
                received += await loop.sock_recv(client_side, 65536)
            transport.close()
            return bytes(received)

    assert asyncio.run(asyncio.wait_for(scenario(), 10)) == b"".join(frames)


class FakeRuntimeLoop:
    """Streamlit's runtime loop, reduced: for each message of a flush, send it, then yield a loop turn."""

    def __init__(self, queued: list[str]) -> None:
        self.queued = queued
        self.sent: list[str] = []
        self.turns = 0

    def flush_browser_queue(self) -> list[Any]:
        messages, self.queued = self.queued, []
        return messages

    def _send_message(self, session_info: object, msg: str) -> None:
        self.sent.append(msg)

    flush_as_one = one_item(flush_browser_queue)
    send_each = each_message(_send_message)

    def run_once(self) -> None:
        for msg in self.flush_as_one():
            self.send_each(None, msg)
            self.turns += 1  # asyncio.sleep(0) in Streamlit's loop


def test_a_flush_reaches_the_connection_in_one_loop_turn_in_order() -> None:
    runtime = FakeRuntimeLoop([f"msg{n}" for n in range(45)])
    runtime.run_once()
    assert runtime.sent == [f"msg{n}" for n in range(45)] and runtime.turns == 1
    runtime.run_once()  # nothing queued: no item, no turn
    assert runtime.turns == 1
    runtime.send_each(None, "plain")  # a message that is not a Flush goes through as it is
    assert runtime.sent[-1] == "plain" and isinstance(Flush(("a",)), tuple)
