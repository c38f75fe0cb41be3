"""A session's queued messages leave in one socket write, instead of one write and one event-loop turn each
(installed by ui/serve.py).

Streamlit sends every ForwardMsg (one per element) as its own websocket frame. Its runtime loop hands the
messages of a flush to the connection one at a time, with an `asyncio.sleep(0)` after each, and uvicorn writes
each frame to the socket at once: about 45 loop turns and 45 `send` system calls per Explore rerun. Here

- the runtime loop gets a flush as one item (`one_item` / `each_message`), so all its messages reach the
  connection's send queue in one turn, and Streamlit's sender task frames them all in its next turn;
- the connection's transport collects the writes of one loop turn and writes them as one buffer when the turn is
  over (`CoalescingTransport`, a `call_soon`: no added wait).

The browser receives the same frames, in the same order.
"""

from __future__ import annotations

import asyncio
import functools
from typing import Any, Callable


class CoalescingTransport:
    """An asyncio transport whose writes within one loop iteration reach the real transport as one write.

    Everything else (closing, flow control, extra info) is the real transport's; closing sends what is pending
    first, aborting drops it."""

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop) -> None:
        self._transport = transport
        self._loop = loop
        self._pending: list[bytes] = []

    def write(self, data: bytes) -> None:
        if not data:
            return
        if not self._pending:
            self._loop.call_soon(self.flush)
        self._pending.append(bytes(data))

    def writelines(self, chunks: Any) -> None:
        for chunk in chunks:
            self.write(chunk)

    def flush(self) -> None:
        """Write what is pending now (a no-op when nothing is, or once the connection is closing)."""
        if not self._pending:
            return
        data = b"".join(self._pending)
        self._pending.clear()
        if not self._transport.is_closing():
            self._transport.write(data)

    def get_write_buffer_size(self) -> int:
        return self._transport.get_write_buffer_size() + sum(map(len, self._pending))

    def close(self) -> None:
        self.flush()
        self._transport.close()

    def abort(self) -> None:
        self._pending.clear()
        self._transport.abort()

    def __getattr__(self, name: str) -> Any:  # is_closing, pause_reading, get_extra_info, ...
        return getattr(self._transport, name)


def coalesced(connection_made: Callable[..., None]) -> Callable[..., None]:
    """A protocol's `connection_made`, handing it a CoalescingTransport around the real one."""

    @functools.wraps(connection_made)
    def connection_made_coalescing(self: Any, transport: asyncio.BaseTransport) -> None:
        if isinstance(transport, asyncio.Transport) and not isinstance(transport, CoalescingTransport):
            transport = CoalescingTransport(transport, asyncio.get_running_loop())  # type: ignore[assignment]
        connection_made(self, transport)

    return connection_made_coalescing


class Flush(tuple):
    """The messages of one flush of a session's queue, handed to Streamlit's runtime loop as a single item."""


def one_item(flush_browser_queue: Callable[[Any], list[Any]]) -> Callable[[Any], list[Any]]:
    """`AppSession.flush_browser_queue`, returning its messages as one Flush (or nothing)."""

    @functools.wraps(flush_browser_queue)
    def flush(self: Any) -> list[Any]:
        messages = flush_browser_queue(self)
        return [Flush(messages)] if messages else []

    return flush


def each_message(send_message: Callable[..., None]) -> Callable[..., None]:
    """`Runtime._send_message`, sending each message of a Flush in turn (and any other message as it is)."""

    @functools.wraps(send_message)
    def send(self: Any, session_info: Any, msg: Any) -> None:
        for message in msg if isinstance(msg, Flush) else (msg,):
            send_message(self, session_info, message)

    return send
