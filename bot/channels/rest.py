"""Rasa's REST channel, made safe for any request: POST /webhooks/rest/webhook.

    {"sender": "an id", "message": "what the person typed"}
    {"sender": "an id", "payload": "/ask_examples"}          (a button the assistant offered was clicked)

Rasa's own `RestInput` answers a body that is not a JSON object with a 500, answers nothing when the
dialogue fails, reads typed text that starts with `/` as an intent command, stores whatever `metadata` the
client sends, and puts every sender without an id into one shared "default" conversation. This one:

- accepts only `application/json` (415 otherwise) and answers a bad body with a 400 that says what is
  expected; the server refuses a body over its size limit (413) before reading it;
- needs a sender, and keeps the conversation under `rest:<sender>`, apart from the other channels;
- passes typed text as text (see `bot.channels.inbound`) and a button's payload as the intent it names;
- caps the text before Rasa stores it and drops client metadata (the assistant uses none);
- limits turns per conversation and per caller address, with a kind reply (429) past the limit;
- always replies: when the dialogue produced nothing, a short apology with the emergency numbers.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.conversations import MAX_SENDER_CHARS, sender_id
from bot.channels.http import client_address, is_json, json_object, limit_request_size, log_failure
from bot.channels.inbound import button_payload, typed_text
from bot.channels.limits import RateLimits
from bot.channels.logs import keep_tracebacks_out
from bot.channels.messages import channel_messages

logger = logging.getLogger(__name__)

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


class Refused(Exception):
    """A request the webhook answers with an error status and a message, without running the dialogue."""

    def __init__(self, status: int, error: str) -> None:
        super().__init__(error)
        self.status = status
        self.error = error

    def response(self) -> HTTPResponse:
        return response.json({"error": self.error}, status=self.status)


def json_body(request: Request) -> dict[str, Any]:
    """The body of a JSON webhook request, or Refused."""
    if not is_json(request):
        raise Refused(415, "Send the body as JSON, with the header Content-Type: application/json.")
    body = json_object(request.body or b"")
    if body is None:
        raise Refused(400, channel_messages()["bad_request"])
    return body


def agent_domain(request: Request) -> Any:
    """The loaded model's domain, or None before a model is loaded."""
    return getattr(getattr(request.app.ctx, "agent", None), "domain", None)


def message_text(body: dict[str, Any], domain: Any) -> str:
    """What Rasa is given: typed text made safe, or a button payload the domain knows; Refused otherwise."""
    if "payload" in body:
        payload = button_payload(body["payload"], domain) if "message" not in body else None
        if payload is None:
            raise Refused(
                400,
                "A payload is a button's, like /ask_examples, naming an intent the assistant knows; it comes without a message.",
            )
        return payload
    message = body.get("message", "")
    if not isinstance(message, str):
        raise Refused(400, channel_messages()["bad_request"])
    return typed_text(message)


class SafeRestInput(InputChannel):
    """Same URL as Rasa's REST channel; the JSON is described in the module's docstring."""

    def __init__(self) -> None:
        self.limits = RateLimits.from_env()

    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        hook = self.new_blueprint()

        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        hook.add_route(health, "/", methods=["GET"])
        self.add_webhook(hook, on_new_message)
        return hook

    def new_blueprint(self) -> Blueprint:
        """A blueprint with the server-wide protections every channel needs."""
        hook = Blueprint(f"{self.name()}_{id(self)}", __name__)
        hook.listener("before_server_start")(limit_request_size)
        hook.listener("before_server_start")(keep_tracebacks_out)
        return hook

    def conversation(self, body: dict[str, Any]) -> str:
        """The channel's own id for the conversation: here the client's sender, which must be given."""
        sender = body.get("sender")
        if isinstance(sender, int) and not isinstance(sender, bool):
            sender = str(sender)
        if not isinstance(sender, str) or not sender.strip() or len(sender) > MAX_SENDER_CHARS:
            raise Refused(400, channel_messages()["bad_request"])
        return sender

    def add_webhook(self, hook: Blueprint, on_new_message: OnNewMessage) -> None:
        """POST /webhook on the blueprint: one message in, the assistant's replies out."""

        async def receive(request: Request) -> HTTPResponse:
            try:
                body = json_body(request)
                conversation = self.conversation(body)
                text = message_text(body, agent_domain(request))
            except Refused as refused:
                return refused.response()
            verdict = self.limits.check(conversation, client_address(request))
            if not verdict.allowed:
                return response.json(
                    [{"recipient_id": conversation, "text": channel_messages()["rate_limited"]}],
                    status=429,
                    headers={"Retry-After": str(max(1, round(verdict.retry_after)))},
                )
            replies = await self.turn(on_new_message, text, sender_id(self.name(), conversation))
            return response.json([{**reply, "recipient_id": conversation} for reply in replies])

        hook.add_route(receive, "/webhook", methods=["POST"])

    async def turn(self, on_new_message: OnNewMessage, text: str, sender: str) -> list[dict[str, Any]]:
        """Run one turn of the dialogue; never raises, and never answers with nothing. No client metadata is
        passed on: the assistant uses none, and Rasa would store it with the message."""
        collector = CollectingOutputChannel()
        try:
            await on_new_message(UserMessage(text, collector, sender, input_channel=self.name()))
        except Exception as exc:  # the person must still get an answer; the error goes to the log
            log_failure(logger, "the dialogue failed for one message", exc)
        return collector.messages or [{"recipient_id": sender, "text": channel_messages()["no_reply"]}]
