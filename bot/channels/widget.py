"""The web chat widget's channel: the hardened REST webhook, with conversation ids the server issues, plus the
widget's files and a demo page.

URLs (Rasa mounts channels under /webhooks/<name>):
  GET  /webhooks/widget/               the demo page
  GET  /webhooks/widget/widget.js      the widget (embed with one <script> tag)
  GET  /webhooks/widget/widget.css
  GET  /webhooks/widget/privacy        what happens to what people type
  POST /webhooks/widget/conversation   {} -> {"conversation": "<signed id>"}: a new conversation
  POST /webhooks/widget/webhook        {"conversation": "...", "message": "..."} or {..., "payload": "/intent"}
                                       -> the assistant's replies (JSON); 401 for an id the server did not sign
  POST /webhooks/widget/forget         {"conversation": "..."} -> the conversation is deleted on the server
The webhook is stateless (REST), so it works behind several Rasa replicas without sticky sessions, as long
as they share WIDGET_SECRET.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.conversations import ConversationIds, sender_id
from bot.channels.http import client_address, log_failure
from bot.channels.messages import channel_messages
from bot.channels.rest import OnNewMessage, Refused, SafeRestInput, json_body

logger = logging.getLogger(__name__)

STATIC = Path(__file__).resolve().parent / "widget_static"
FILES = {
    "": ("index.html", "text/html; charset=utf-8"),
    "widget.js": ("widget.js", "application/javascript; charset=utf-8"),
    "widget.css": ("widget.css", "text/css; charset=utf-8"),
    "privacy": ("privacy.html", "text/html; charset=utf-8"),
}
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'; "
    "object-src 'none'",
}
UNKNOWN_CONVERSATION = "Unknown conversation: start one with POST conversation, next to this webhook."


class WidgetInput(SafeRestInput):
    def __init__(self) -> None:
        super().__init__()
        self.ids = ConversationIds.from_env()

    @classmethod
    def name(cls) -> str:
        return "widget"

    def conversation(self, body: dict[str, Any]) -> str:
        """The conversation id, when the server signed it; the browser never chooses one."""
        conversation = self.ids.verify(body.get("conversation"))
        if conversation is None:
            raise Refused(401, UNKNOWN_CONVERSATION)
        return conversation

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        hook = self.new_blueprint()
        self.add_webhook(hook, on_new_message)

        async def conversation(request: Request) -> HTTPResponse:
            return await self.start(request)

        async def forget(request: Request) -> HTTPResponse:
            return await self.forget(request)

        hook.add_route(conversation, "/conversation", methods=["POST"])
        hook.add_route(forget, "/forget", methods=["POST"])
        for route in FILES:
            hook.add_route(_serve(route), f"/{route}", methods=["GET"])
        return hook

    async def start(self, request: Request) -> HTTPResponse:
        """A new conversation id, signed. Counted against the caller's address like a message."""
        if not self.limits.address.check(client_address(request)).allowed:
            return response.json({"error": channel_messages()["rate_limited"]}, status=429)
        return response.json({"conversation": self.ids.issue()}, status=201)

    async def forget(self, request: Request) -> HTTPResponse:
        """Delete the conversation on the server: every event Rasa keeps, and its insights facts."""
        from bot.ops.conversations import existing_insights, forget_conversation

        try:
            conversation = self.conversation(json_body(request))
        except Refused as refused:
            return refused.response()
        if not self.limits.check(conversation, client_address(request)).allowed:
            return response.json({"error": channel_messages()["rate_limited"]}, status=429)
        agent = request.app.ctx.agent
        sender = sender_id(self.name(), conversation)
        try:
            async with agent.lock_store.lock(sender):
                await forget_conversation(agent.tracker_store, sender, existing_insights())
        except Exception as exc:  # the widget says it could not; the person can try again
            log_failure(logger, "could not forget a conversation", exc)
            return response.json({"error": "The conversation could not be deleted just now. Please try again."}, status=503)
        return response.json({"forgotten": True})


def _serve(route: str):
    filename, content_type = FILES[route]

    async def handler(_: Request) -> HTTPResponse:
        body = (STATIC / filename).read_bytes()
        headers = dict(SECURITY_HEADERS) if filename.endswith(".html") else {"X-Content-Type-Options": "nosniff"}
        headers["Cache-Control"] = "no-cache"
        return response.raw(body, content_type=content_type, headers=headers)

    handler.__name__ = f"serve_{filename.replace('.', '_')}"
    return handler
