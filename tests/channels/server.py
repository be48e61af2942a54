"""A channel served as `rasa run` serves it, without Rasa's model: Sanic on 127.0.0.1, on an event loop in a
background thread, with a stand-in for Rasa's agent. The tests drive it from the main thread."""

from __future__ import annotations

import asyncio
import itertools
import socket
import threading
from types import SimpleNamespace
from typing import Any

from rasa.core.channels.channel import InputChannel, register
from sanic import Sanic

_app_names = itertools.count()


class LoopThread:
    """An event loop in a daemon thread: the servers run there, the tests drive them from the main thread."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self._thread.start()

    def run(self, coro: Any, timeout: float = 30) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(5)
        self.loop.close()


async def serve_channel(channel: InputChannel, agent: Any) -> tuple[Any, str]:
    """The channel mounted by Rasa's own `register`, its start-up listeners run, on a free port of 127.0.0.1.
    `agent` stands in for Rasa's: `handle_message`, and whatever else the channel asks of it."""
    app = Sanic(f"channel_test_{next(_app_names)}", configure_logging=False)
    app.ctx.agent = agent
    register([channel], app, route="/webhooks/")
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = await app.create_server(sock=sock, return_asyncio_server=True, access_log=False)  # listening
    await server.startup()
    await server.before_start()
    return server, f"http://127.0.0.1:{sock.getsockname()[1]}"


async def close_server(server: Any) -> None:
    server.close()
    for connection in list(server.connections):  # a client's idle keep-alive connection must not outlive the loop
        connection.close_if_idle()
    await server.wait_closed()


class StandInAgent:
    """What a channel asks of Rasa's agent: `handle_message` (answers "echo: <text>", or raises when `fail` is
    set), the loaded model's `domain`, and the tracker and lock stores. Keeps every message it is given."""

    def __init__(
        self, intents: tuple[str, ...] = ("greet", "ask_examples", "find_support"), entities: tuple[str, ...] = ("place",)
    ) -> None:
        from rasa.core.lock_store import InMemoryLockStore
        from rasa.core.tracker_store import AwaitableTrackerStore, InMemoryTrackerStore
        from rasa.shared.core.domain import Domain

        self.messages: list = []
        self.fail = False
        self.domain = SimpleNamespace(intents=list(intents), entities=list(entities))
        self.tracker_store = AwaitableTrackerStore(InMemoryTrackerStore(Domain.empty()))
        self.lock_store = InMemoryLockStore()

    async def handle_message(self, message: Any) -> None:
        self.messages.append(message)
        if self.fail:
            raise RuntimeError(f"the dialogue broke on {message.text!r}")
        await message.output_channel.send_response(message.sender_id, {"text": f"echo: {message.text}"})


class Served:
    """A channel served on its own loop thread, until `close`."""

    def __init__(self, channel: InputChannel, agent: Any) -> None:
        self.loop = LoopThread()
        self.agent = agent
        self.server, self.url = self.loop.run(serve_channel(channel, agent))
        self.app = self.server.app

    def close(self) -> None:
        self.loop.run(close_server(self.server))
        self.loop.stop()
