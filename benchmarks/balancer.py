"""A tiny round-robin TCP load balancer with sticky sessions, for the load benchmark (loopback only).

Each new client connection goes to the next backend, unless its first request
carries the ``stlb`` cookie, which pins it to the backend that answered that
client first (the balancer adds ``Set-Cookie: stlb=<n>`` to that first
response).  This is what a hosted load balancer's session affinity does, and
Streamlit needs it: a session's websocket and its file uploads must reach the
same server process.  After the first request head the bytes are piped both
ways untouched, so websockets work.
"""

from __future__ import annotations

import asyncio
import contextlib
import re

COOKIE = "stlb"
_COOKIE_RE = re.compile(rb"(?im)^cookie:.*\b" + COOKIE.encode() + rb"=(\d+)")


class Balancer:
    def __init__(self, backends: list[tuple[str, int]], host: str = "127.0.0.1"):
        self.backends = backends
        self.host = host
        self.port = 0
        self.connections = [0] * len(backends)
        self._next = 0
        self._server: asyncio.base_events.Server | None = None

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._serve, self.host, 0)
        self.port = self._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._server.wait_closed(), timeout=5)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
            writer.close()
            return
        pinned = _COOKIE_RE.search(head)
        if pinned and int(pinned.group(1)) < len(self.backends):
            index, new_client = int(pinned.group(1)), False
        else:
            index, new_client = self._next, True
            self._next = (self._next + 1) % len(self.backends)
        self.connections[index] += 1
        try:
            up_reader, up_writer = await asyncio.open_connection(*self.backends[index])
        except OSError:
            writer.close()
            return
        up_writer.write(head)
        await up_writer.drain()
        await asyncio.gather(self._pipe(reader, up_writer),
                             self._pipe(up_reader, writer, set_cookie=index if new_client else None),
                             return_exceptions=True)

    @staticmethod
    async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, set_cookie: int | None = None) -> None:
        try:
            if set_cookie is not None:  # the first response head: pin this client to its backend
                head = await reader.readuntil(b"\r\n\r\n")
                line = f"Set-Cookie: {COOKIE}={set_cookie}; Path=/\r\n".encode()
                writer.write(head[:-2] + line + b"\r\n")
            while True:
                chunk = await reader.read(65536)
                if not chunk:
                    break
                writer.write(chunk)
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            pass
        finally:
            with contextlib.suppress(Exception):
                writer.close()
