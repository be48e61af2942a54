"""The web chat widget's channel: the hardened REST webhook plus the widget's files and a demo page.

URLs (Rasa mounts channels under /webhooks/<name>):
  GET  /webhooks/widget/            the demo page
  GET  /webhooks/widget/widget.js   the widget (embed with one <script> tag)
  GET  /webhooks/widget/widget.css
  GET  /webhooks/widget/privacy     what happens to what people type
  POST /webhooks/widget/webhook     {"sender": "...", "message": "..."} -> the assistant's replies (JSON)
The webhook is stateless (REST), so it works behind several Rasa replicas without sticky sessions.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Awaitable, Callable, Text

from rasa.core.channels.channel import UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.rest import SafeRestInput

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
                               "connect-src 'self'; frame-ancestors 'self'",
}


class WidgetInput(SafeRestInput):
    @classmethod
    def name(cls) -> Text:
        return "widget"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        hook = Blueprint(f"widget_{id(self)}", __name__)
        self.add_webhook(hook, on_new_message)

        def serve(route: str):
            filename, content_type = FILES[route]

            async def handler(_: Request) -> HTTPResponse:
                body = (STATIC / filename).read_bytes()
                headers = dict(SECURITY_HEADERS) if filename.endswith(".html") else {"X-Content-Type-Options": "nosniff"}
                headers["Cache-Control"] = "no-cache"
                return response.raw(body, content_type=content_type, headers=headers)

            handler.__name__ = f"serve_{filename.replace('.', '_')}"
            return handler

        for route in FILES:
            hook.add_route(serve(route), f"/{route}", methods=["GET"])
        return hook
