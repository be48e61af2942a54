"""Microsoft Teams channel: POST /webhooks/teams/webhook, built on the ideas of Rasa's Bot Framework channel.

Before anything is read, the request must say it is JSON, and its token must be one the Bot Connector
signed for this bot (`auth`); only then is the body read, up to 256 kB. An activity is answered only when
it comes from Teams (`channelId` "msteams"), from the configured tenant, and from a one-to-one chat: the
assistant keeps a conversation per Teams conversation, and what someone tells it about themselves must not
show in a team channel or a group chat. Team and group-chat scopes need `allow_team_scope: true` (or
TEAMS_ALLOW_TEAM_SCOPE=true) here, and the same scopes in the app package.

Mentions are stripped, the app greets when it is added, an activity Teams sends again is answered once,
and each conversation has a rate limit (the Bot Connector's addresses are shared by everyone, so there is no
limit per address here). Replies are processed within the request, as Rasa's built-in channel does; the
webhook never raises to the caller and logs failures without the message text.
"""

from __future__ import annotations

import logging
import os
from typing import Any

import aiohttp
from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.conversations import sender_id
from bot.channels.http import is_json, limit_request_size, log_failure
from bot.channels.limits import RateLimiter, RateLimits
from bot.channels.logs import keep_tracebacks_out
from bot.channels.messages import channel_messages
from bot.channels.rest import OnNewMessage, agent_domain
from bot.channels.teams.activities import (
    MAX_BODY_BYTES,
    TEAMS_CHANNEL,
    RecentActivities,
    bot_was_added,
    is_personal,
    message_text,
    parse_activity,
    tenant_of,
)
from bot.channels.teams.auth import (
    HTTP_TIMEOUT,
    OPENID_METADATA_URL,
    AuthError,
    ConnectorAuth,
    KeysUnavailable,
    SigningKeys,
)
from bot.channels.teams.sender import AUTHORITY, ConnectorToken, TeamsOutput, token_url

logger = logging.getLogger(__name__)

WELCOME_MESSAGE = "/greet"
_TRUE = {"1", "true", "yes", "on"}


async def read_body(request: Request, max_bytes: int) -> bytes | None:
    """The body of a streamed request, or None as soon as it passes `max_bytes`."""
    chunks: list[bytes] = []
    size = 0
    assert request.stream is not None, "the route must be registered with stream=True"
    while True:
        chunk = await request.stream.read()
        if chunk is None:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            return None
        chunks.append(chunk)


def _declared_too_large(request: Request) -> bool:
    length = request.headers.get("content-length", "")
    return length.isdigit() and int(length) > MAX_BODY_BYTES


class TeamsInput(InputChannel):
    """Microsoft Teams through the Bot Connector, for a single-tenant Azure Bot."""

    @classmethod
    def name(cls) -> str:
        return "teams"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> TeamsInput:
        """Keys of credentials.yml, each falling back to its environment variable; all may be missing."""
        credentials = credentials or {}

        def setting(key: str, env: str | None = None) -> str:
            value = credentials.get(key)
            if value is None or str(value).strip() == "":
                value = os.environ.get(env, "") if env else ""
            return str(value).strip()

        return cls(
            setting("app_id", "TEAMS_APP_ID"),
            setting("app_password", "TEAMS_APP_PASSWORD"),
            setting("tenant_id", "TEAMS_TENANT_ID"),
            openid_metadata_url=setting("openid_metadata_url") or OPENID_METADATA_URL,
            jwks_url=setting("jwks_url") or None,
            authority=setting("authority") or AUTHORITY,
            allow_team_scope=setting("allow_team_scope", "TEAMS_ALLOW_TEAM_SCOPE").lower() in _TRUE,
        )

    def __init__(
        self,
        app_id: str = "",
        app_password: str = "",
        tenant_id: str = "",
        *,
        openid_metadata_url: str = OPENID_METADATA_URL,
        jwks_url: str | None = None,
        authority: str = AUTHORITY,
        allow_team_scope: bool = False,
    ) -> None:
        """No network here: Rasa must start without Teams credentials and offline."""
        self.app_id = app_id
        self.tenant_id = tenant_id
        self.allow_team_scope = allow_team_scope
        self.auth = ConnectorAuth(app_id, SigningKeys(openid_metadata_url, jwks_url))
        self.token = ConnectorToken(app_id, app_password, token_url(authority, tenant_id))
        self.recent = RecentActivities()
        self.limit = RateLimiter(RateLimits.from_env().sender.per_minute)
        if app_id and not tenant_id:
            logger.warning("teams: TEAMS_TENANT_ID is not set, so activities from any tenant are answered")

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        hook = Blueprint(f"teams_{id(self)}", __name__)
        hook.listener("before_server_start")(limit_request_size)
        hook.listener("before_server_start")(keep_tracebacks_out)

        @hook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok" if self.app_id else "not configured"})

        @hook.route("/webhook", methods=["POST"], stream=True)
        async def receive(request: Request) -> HTTPResponse:
            if not self.app_id:
                return response.json(
                    {"error": "Teams is not configured: set TEAMS_APP_ID, TEAMS_APP_PASSWORD and TEAMS_TENANT_ID"}, status=503
                )
            if not is_json(request):
                return response.json({"error": "an activity is sent as application/json"}, status=415)
            if _declared_too_large(request):
                return response.json({"error": "too large"}, status=413)
            try:
                caller = await self.auth.verify(request.headers.get("Authorization"))
            except KeysUnavailable:
                return response.json({"error": "signing keys unavailable"}, status=503)
            except AuthError as exc:
                logger.warning("teams: refused a request: %s", exc)
                return response.json({"error": "unauthorized"}, status=401)
            raw = await read_body(request, MAX_BODY_BYTES)
            if raw is None:
                return response.json({"error": "too large"}, status=413)
            activity = parse_activity(raw)
            if activity is None:
                return response.json({"error": "not a Bot Framework activity"}, status=400)
            if not caller.sent(activity):
                logger.warning("teams: refused a token issued for another service URL or channel")
                return response.json({"error": "unauthorized"}, status=401)
            refusal = self._refusal(activity)
            if refusal:
                logger.warning("teams: refused an activity: %s", refusal)
                return response.json({"error": refusal}, status=403)
            activity_id = activity.get("id")
            if isinstance(activity_id, str) and self.recent.seen_before((activity["conversation"]["id"], activity_id)):
                return response.empty(status=200)
            try:
                await self._answer(activity, on_new_message, agent_domain(request))
            except Exception as exc:  # the Bot Connector must get its 200 whatever went wrong here
                log_failure(logger, "teams: could not answer an activity", exc)
            return response.empty(status=200)

        return hook

    def _refusal(self, activity: dict[str, Any]) -> str | None:
        """Why an authenticated activity is not for this bot, or None."""
        if activity.get("channelId") != TEAMS_CHANNEL:
            return "not a Teams activity"
        if self.tenant_id and tenant_of(activity) != self.tenant_id:
            return "another tenant"
        return None

    async def _answer(self, activity: dict[str, Any], on_new_message: OnNewMessage, domain: Any) -> None:
        if activity["type"] == "message":
            text = message_text(activity, domain)
        elif activity["type"] == "conversationUpdate" and bot_was_added(activity):
            text = WELCOME_MESSAGE
        else:
            return
        async with aiohttp.ClientSession(timeout=HTTP_TIMEOUT) as http:
            output = TeamsOutput(http, self.token, activity)
            sender = sender_id(self.name(), activity["conversation"]["id"])
            kept_out = self._kept_out(activity, sender)
            if kept_out is not None:
                if kept_out and activity["type"] == "message":
                    await output.send_text_message(sender, channel_messages()[kept_out])
                return
            try:
                await on_new_message(UserMessage(text, output, sender, input_channel=self.name()))
            except Exception as exc:  # the person must still get an answer; the error goes to the log
                log_failure(logger, "teams: the dialogue failed for one activity", exc)
            if not output.sent and activity["type"] == "message":
                await output.send_text_message(sender, channel_messages()["no_reply"])

    def _kept_out(self, activity: dict[str, Any], sender: str) -> str | None:
        """None when the activity goes to the dialogue; else the message to send instead ("" for none): outside
        a personal chat (unless team scope is allowed), and past the conversation's rate limit (told once)."""
        if not self.allow_team_scope and not is_personal(activity):
            return "teams_personal_only"
        verdict = self.limit.check(sender)
        if not verdict.allowed:
            return "rate_limited" if verdict.first_refusal else ""
        return None
