"""Sending replies through the Bot Connector, with the bot's own access token.

Rasa's Bot Framework channel asks the multi-tenant address for the token; a single-tenant bot must use its
tenant's. A failed post is logged without the message text, never raised, so Rasa still saves the turn.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any
from urllib.parse import quote

import aiohttp
import yarl
from rasa.core.channels.channel import OutputChannel

from bot.channels.http import log_failure
from bot.channels.teams.cards import ADAPTIVE_CARD_CONTENT_TYPE, adaptive_card

logger = logging.getLogger(__name__)

BOT_FRAMEWORK_SCOPE = "https://api.botframework.com/.default"
AUTHORITY = "https://login.microsoftonline.com"
MULTI_TENANT = "botframework.com"
TOKEN_RENEW_MARGIN_SECONDS = 300


class TokenError(Exception):
    """The bot could not get its own access token for the Bot Connector."""


def token_url(authority: str, tenant_id: str) -> str:
    """The tenant's token address; the multi-tenant one only when no tenant is set."""
    return f"{authority.rstrip('/')}/{quote(tenant_id or MULTI_TENANT, safe='')}/oauth2/v2.0/token"


class ConnectorToken:
    """The bot's own access token for the Bot Connector (client-credentials grant), reused until shortly before
    it expires."""

    def __init__(self, app_id: str, app_password: str, url: str) -> None:
        self.app_id = app_id
        self.app_password = app_password
        self.url = url
        self._token: str | None = None
        self._renew_at = float("-inf")
        self._lock = asyncio.Lock()

    async def authorization(self, http: aiohttp.ClientSession) -> str:
        async with self._lock:
            if self._token is None or time.monotonic() >= self._renew_at:
                await self._fetch(http)
            return f"Bearer {self._token}"

    async def _fetch(self, http: aiohttp.ClientSession) -> None:
        form = {
            "grant_type": "client_credentials",
            "client_id": self.app_id,
            "client_secret": self.app_password,
            "scope": BOT_FRAMEWORK_SCOPE,
        }
        async with http.post(self.url, data=form) as reply:
            body = await reply.json(content_type=None)
            if reply.status != 200 or not isinstance(body, dict) or "access_token" not in body:
                code = body.get("error") if isinstance(body, dict) else None
                raise TokenError(f"token endpoint answered {reply.status} {code or ''}".strip())
        self._token = str(body["access_token"])
        self._renew_at = time.monotonic() + int(body.get("expires_in", 0)) - TOKEN_RENEW_MARGIN_SECONDS


class TeamsOutput(OutputChannel):
    """Posts Rasa's replies to the conversation an activity came from."""

    def __init__(self, http: aiohttp.ClientSession, token: ConnectorToken, activity: dict[str, Any]) -> None:
        self.http = http
        self.token = token
        self.activity = activity
        self.sent = 0

    @classmethod
    def name(cls) -> str:
        return "teams"

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self._post({"text": text, "textFormat": "plain"})

    async def send_text_with_buttons(self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any) -> None:
        await self._post({"attachments": [{"contentType": ADAPTIVE_CARD_CONTENT_TYPE, "content": adaptive_card(text, buttons)}]})

    async def _post(self, content: dict[str, Any]) -> None:
        incoming = self.activity
        reply = {
            "type": "message",
            "from": incoming["recipient"],
            "recipient": incoming["from"],
            "conversation": {"id": incoming["conversation"]["id"]},
            **content,
        }
        if isinstance(incoming.get("id"), str):
            reply["replyToId"] = incoming["id"]
        conversation = quote(incoming["conversation"]["id"], safe="")
        url = yarl.URL(f"{incoming['serviceUrl'].rstrip('/')}/v3/conversations/{conversation}/activities", encoded=True)
        try:
            headers = {"Authorization": await self.token.authorization(self.http)}
            async with self.http.post(url, json=reply, headers=headers) as answer:
                if answer.status >= 300:
                    logger.error("teams: the Bot Connector refused a reply with status %d", answer.status)
                    return
        except TokenError as exc:
            logger.error("teams: no access token for the Bot Connector: %s", exc)
            return
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as exc:
            log_failure(logger, "teams: could not send a reply", exc)
            return
        self.sent += 1
