"""Rasa's REST channel, made safe for any request.

Rasa's own `RestInput` answers a body that is not a JSON object (a list, invalid UTF-8, a number as the
sender) with a 500, and answers with nothing at all when the dialogue fails. This one answers a bad
request with a 400 that says what is expected, caps the size of what it reads, and always replies:
when the dialogue produced nothing, it sends a short apology with the emergency numbers.
"""
from __future__ import annotations

import logging
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.http import json_object
from bot.channels.messages import channel_messages

logger = logging.getLogger(__name__)


def parse_body(raw: bytes) -> Optional[Dict[str, Any]]:
    """The request as {"sender": str, "message": str, "metadata": dict}, or None when unusable."""
    body = json_object(raw)
    if body is None:
        return None
    sender, message = body.get("sender", "default"), body.get("message", "")
    if not isinstance(sender, (str, int)) or not isinstance(message, str):
        return None
    metadata = body.get("metadata")
    return {"sender": str(sender)[:128], "message": message, "metadata": metadata if isinstance(metadata, dict) else None}


class SafeRestInput(RestInput):
    """Same URL and JSON as Rasa's REST channel: POST /webhooks/rest/webhook."""

    @classmethod
    def name(cls) -> Text:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        hook = Blueprint(f"safe_rest_{id(self)}", __name__)

        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        hook.add_route(health, "/", methods=["GET"])
        self.add_webhook(hook, on_new_message)
        return hook

    def add_webhook(self, hook: Blueprint, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> None:
        """POST /webhook on the blueprint: one message in, the assistant's replies out."""

        async def receive(request: Request) -> HTTPResponse:
            body = parse_body(request.body or b"")
            if body is None:
                return response.json({"error": channel_messages()["bad_request"]}, status=400)
            collector = CollectingOutputChannel()
            try:
                await on_new_message(
                    UserMessage(body["message"], collector, body["sender"], input_channel=self.name(),
                                metadata=body["metadata"])
                )
            except Exception:  # the person must still get an answer; the error goes to the log
                logger.exception("the dialogue failed for one message")
            if not collector.messages:
                collector.messages.append({"recipient_id": body["sender"], "text": channel_messages()["no_reply"]})
            return response.json(collector.messages)

        hook.add_route(receive, "/webhook", methods=["POST"])
