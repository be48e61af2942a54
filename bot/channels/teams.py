"""Microsoft Teams channel: POST /webhooks/teams/webhook, built on the ideas of Rasa's Bot Framework channel.

What Rasa's `BotFrameworkInput` gets wrong, and what this channel does instead:

- it downloads the signing keys with blocking `requests` in its constructor, so Rasa cannot start offline;
  here the keys are fetched with aiohttp on the first request, cached, and fetched again (at most once a
  minute) when a token names a key we do not know;
- it trusts the algorithm a token's header names and accepts any issuer; here only RS256 tokens issued by
  `https://api.botframework.com` for our app id pass, and the token's `serviceurl` claim (and the key's
  channel endorsements) must match the activity, as the Bot Framework authentication spec requires, so a
  token cannot be replayed to make the bot send its own access token elsewhere;
- it asks the multi-tenant address for the bot's access token; single-tenant bots must use their tenant's;
- it sends buttons as Hero cards; here they are Adaptive Cards 1.5 with messageBack actions whose payload
  comes back as the user's message;
- it does not strip `<at>` mentions, greet when the app is added, or notice Teams sending an activity again.

Replies are processed within the request, as the built-in does; the webhook never raises to the caller and
logs failures without the message text.
"""
from __future__ import annotations

import asyncio
import logging
import os
import re
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Awaitable, Callable, Dict, FrozenSet, Hashable, List, Optional, Text, Tuple
from urllib.parse import quote, urlsplit

import aiohttp
import jwt
import yarl
from jwt.algorithms import RSAAlgorithm
from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.http import json_object
from bot.channels.messages import channel_messages

logger = logging.getLogger(__name__)

BOT_FRAMEWORK_ISSUER = "https://api.botframework.com"
BOT_FRAMEWORK_SCOPE = "https://api.botframework.com/.default"
OPENID_METADATA_URL = "https://login.botframework.com/v1/.well-known/openidconfiguration"
AUTHORITY = "https://login.microsoftonline.com"
MULTI_TENANT = "botframework.com"
WELCOME_MESSAGE = "/greet"

CLOCK_SKEW_SECONDS = 300  # the Bot Framework SDKs allow five minutes
KEYS_TTL_SECONDS = 24 * 3600
KEY_REFETCH_INTERVAL_SECONDS = 60  # made-up key ids must not become a flood of requests to Microsoft
TOKEN_RENEW_MARGIN_SECONDS = 300
HTTP_TIMEOUT = aiohttp.ClientTimeout(total=10)
MAX_BODY_BYTES = 256_000
RECENT_ACTIVITIES = 5_000
RECENT_ACTIVITY_TTL_SECONDS = 15 * 60
MAX_CARD_ACTIONS = 6  # Teams shows at most six actions per action set (its Adaptive Card host config)

ADAPTIVE_CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"
ADAPTIVE_CARD_SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
ADAPTIVE_CARD_VERSION = "1.5"

_BEARER = re.compile(r"Bearer\s+(\S+)", re.IGNORECASE)
_MENTION = re.compile(r"<at>.*?</at>", re.IGNORECASE | re.DOTALL)


class AuthError(Exception):
    """The request does not carry a token the Bot Connector signed for this bot and this activity."""


class KeysUnavailable(Exception):
    """The Bot Connector's signing keys could not be fetched, so no token can be checked."""


class TokenError(Exception):
    """The bot could not get its own access token for the Bot Connector."""


def _log_failure(what: str, exc: BaseException) -> None:
    """The failure's kind at ERROR, its traceback (which may quote the message) only at DEBUG."""
    logger.error("teams: %s (%s)", what, type(exc).__name__)
    logger.debug("teams: %s", what, exc_info=exc)


class SigningKeys:
    """The Bot Connector's public keys (JWKS), fetched on first use and cached."""

    def __init__(self, metadata_url: str, jwks_url: Optional[str] = None) -> None:
        self.metadata_url = metadata_url
        self.jwks_url = jwks_url
        self._keys: Dict[str, Tuple[Any, Optional[FrozenSet[str]]]] = {}
        self._fetched_at = float("-inf")
        self._attempted_at: Optional[float] = None
        self._lock = asyncio.Lock()

    async def find(self, kid: str) -> Tuple[Any, Optional[FrozenSet[str]]]:
        """The public key with this id and the channels it is endorsed for (None when it names none)."""
        async with self._lock:
            now = time.monotonic()
            wanted = kid not in self._keys or now - self._fetched_at > KEYS_TTL_SECONDS
            if wanted and (self._attempted_at is None or now - self._attempted_at >= KEY_REFETCH_INTERVAL_SECONDS):
                self._attempted_at = now
                await self._fetch()
        if not self._keys:
            raise KeysUnavailable("no signing keys")
        if kid not in self._keys:
            raise AuthError("unknown signing key")
        return self._keys[kid]

    async def _fetch(self) -> None:
        try:
            async with aiohttp.ClientSession(timeout=HTTP_TIMEOUT) as http:
                jwks_url = self.jwks_url or (await _get_json(http, self.metadata_url))["jwks_uri"]
                listed = (await _get_json(http, jwks_url))["keys"]
        except (aiohttp.ClientError, asyncio.TimeoutError, KeyError, TypeError, ValueError) as exc:
            logger.warning("teams: could not fetch the signing keys (%s); keeping %d cached", type(exc).__name__,
                           len(self._keys))
            return
        keys = {}
        for jwk in listed if isinstance(listed, list) else []:
            try:
                public = RSAAlgorithm.from_jwk(jwk)
            except (jwt.InvalidKeyError, TypeError, ValueError, KeyError):
                continue  # not an RSA key: no Bot Connector token is signed with it
            endorsements = jwk.get("endorsements")
            keys[str(jwk.get("kid"))] = (public, frozenset(endorsements) if isinstance(endorsements, list) else None)
        if not keys:
            logger.warning("teams: the key set holds no RSA key; keeping %d cached", len(self._keys))
            return
        self._keys, self._fetched_at = keys, time.monotonic()


async def _get_json(http: aiohttp.ClientSession, url: str) -> Any:
    async with http.get(url) as reply:
        reply.raise_for_status()
        return await reply.json(content_type=None)


@dataclass(frozen=True)
class Caller:
    """What a verified token says about the activity it came with."""

    service_url: str
    channels: Optional[FrozenSet[str]]

    def sent(self, activity: Dict[str, Any]) -> bool:
        """Whether the token was issued for this activity's service URL and channel."""
        same_service = self.service_url.rstrip("/") == activity["serviceUrl"].rstrip("/")
        return same_service and (self.channels is None or activity.get("channelId") in self.channels)


class ConnectorAuth:
    """Checks the `Authorization: Bearer <JWT>` header the Bot Connector sends with every activity."""

    def __init__(self, app_id: str, keys: SigningKeys) -> None:
        self.app_id = app_id
        self.keys = keys

    async def verify(self, authorization: Optional[str]) -> Caller:
        match = _BEARER.fullmatch((authorization or "").strip())
        if not match:
            raise AuthError("no bearer token")
        token = match.group(1)
        try:
            kid = str(jwt.get_unverified_header(token).get("kid"))
        except jwt.PyJWTError:
            raise AuthError("malformed token") from None
        public_key, channels = await self.keys.find(kid)
        try:
            claims = jwt.decode(token, public_key, algorithms=["RS256"], audience=self.app_id,
                                issuer=BOT_FRAMEWORK_ISSUER, leeway=CLOCK_SKEW_SECONDS,
                                options={"require": ["exp", "iss", "aud"]})
        except jwt.PyJWTError as exc:
            raise AuthError(type(exc).__name__) from None
        service_url = claims.get("serviceurl")
        if not isinstance(service_url, str):
            raise AuthError("token names no serviceurl")
        return Caller(service_url, channels)


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
        self._token: Optional[str] = None
        self._renew_at = float("-inf")
        self._lock = asyncio.Lock()

    async def authorization(self, http: aiohttp.ClientSession) -> str:
        async with self._lock:
            if self._token is None or time.monotonic() >= self._renew_at:
                await self._fetch(http)
            return f"Bearer {self._token}"

    async def _fetch(self, http: aiohttp.ClientSession) -> None:
        form = {"grant_type": "client_credentials", "client_id": self.app_id, "client_secret": self.app_password,
                "scope": BOT_FRAMEWORK_SCOPE}
        async with http.post(self.url, data=form) as reply:
            body = await reply.json(content_type=None)
            if reply.status != 200 or not isinstance(body, dict) or "access_token" not in body:
                code = body.get("error") if isinstance(body, dict) else None
                raise TokenError(f"token endpoint answered {reply.status} {code or ''}".strip())
        self._token = str(body["access_token"])
        self._renew_at = time.monotonic() + int(body.get("expires_in", 0)) - TOKEN_RENEW_MARGIN_SECONDS


class RecentActivities:
    """Activities answered lately, bounded in number and age: Teams sends an activity again, with the same id,
    when the answer was slow."""

    def __init__(self, size: int = RECENT_ACTIVITIES, ttl: float = RECENT_ACTIVITY_TTL_SECONDS) -> None:
        self.size = size
        self.ttl = ttl
        self._seen: "OrderedDict[Hashable, float]" = OrderedDict()

    def seen_before(self, key: Hashable) -> bool:
        """Whether `key` came in within the TTL; remembers it either way."""
        now = time.monotonic()
        while self._seen and next(iter(self._seen.values())) < now - self.ttl:
            self._seen.popitem(last=False)
        if key in self._seen:
            return True
        if len(self._seen) >= self.size:
            self._seen.popitem(last=False)
        self._seen[key] = now
        return False


def valid_service_url(url: Any) -> bool:
    """https, or plain http to this machine only (for tests and the Bot Framework Emulator)."""
    if not isinstance(url, str):
        return False
    parts = urlsplit(url)
    if parts.scheme == "https":
        return bool(parts.hostname)
    return parts.scheme == "http" and parts.hostname in {"127.0.0.1", "localhost"}


def parse_activity(raw: bytes) -> Optional[Dict[str, Any]]:
    """The activity, or None when it is not one we can answer (not JSON, no ids, a service URL we refuse)."""
    activity = json_object(raw, MAX_BODY_BYTES)
    if activity is None or not isinstance(activity.get("type"), str):
        return None
    for party in ("conversation", "from", "recipient"):
        if not isinstance(activity.get(party), dict) or not isinstance(activity[party].get("id"), str):
            return None
    return activity if valid_service_url(activity.get("serviceUrl")) else None


def message_text(activity: Dict[str, Any]) -> str:
    """What the user said: the payload of one of our card buttons, else the text without `<at>` mentions."""
    value = activity.get("value")
    if isinstance(value, dict) and isinstance(value.get("payload"), str) and value["payload"].strip():
        return value["payload"].strip()
    text = activity.get("text")
    return _MENTION.sub("", text).strip() if isinstance(text, str) else ""


def bot_was_added(activity: Dict[str, Any]) -> bool:
    members = activity.get("membersAdded")
    bot_id = activity["recipient"]["id"]
    return isinstance(members, list) and any(isinstance(m, dict) and m.get("id") == bot_id for m in members)


def adaptive_card(text: str, buttons: List[Dict[str, Any]]) -> Dict[str, Any]:
    """The text and Rasa's buttons as an Adaptive Card; a click sends the button's payload back as `value`."""
    actions = [_submit_action(button) for button in buttons]
    action_sets = [{"type": "ActionSet", "actions": actions[i:i + MAX_CARD_ACTIONS]}
                   for i in range(0, len(actions), MAX_CARD_ACTIONS)]
    return {
        "$schema": ADAPTIVE_CARD_SCHEMA,
        "type": "AdaptiveCard",
        "version": ADAPTIVE_CARD_VERSION,
        "body": [{"type": "TextBlock", "text": text, "wrap": True}, *action_sets],
    }


def _submit_action(button: Dict[str, Any]) -> Dict[str, Any]:
    title = str(button.get("title", ""))
    return {
        "type": "Action.Submit",
        "title": title,
        "data": {"msteams": {"type": "messageBack", "text": title, "displayText": title},
                 "payload": str(button.get("payload") or title)},
    }


class TeamsOutput(OutputChannel):
    """Posts Rasa's replies to the conversation an activity came from. A failed post is logged, not raised, so
    Rasa still saves the conversation."""

    def __init__(self, http: aiohttp.ClientSession, token: ConnectorToken, activity: Dict[str, Any]) -> None:
        self.http = http
        self.token = token
        self.activity = activity
        self.sent = 0

    @classmethod
    def name(cls) -> Text:
        return "teams"

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        await self._post({"text": text, "textFormat": "plain"})

    async def send_text_with_buttons(self, recipient_id: Text, text: Text, buttons: List[Dict[str, Any]],
                                     **kwargs: Any) -> None:
        await self._post({"attachments": [{"contentType": ADAPTIVE_CARD_CONTENT_TYPE,
                                           "content": adaptive_card(text, buttons)}]})

    async def _post(self, content: Dict[str, Any]) -> None:
        incoming = self.activity
        reply = {"type": "message", "from": incoming["recipient"], "recipient": incoming["from"],
                 "conversation": {"id": incoming["conversation"]["id"]}, **content}
        if isinstance(incoming.get("id"), str):
            reply["replyToId"] = incoming["id"]
        conversation = quote(incoming["conversation"]["id"], safe="")
        url = yarl.URL(f"{incoming['serviceUrl'].rstrip('/')}/v3/conversations/{conversation}/activities",
                       encoded=True)
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
            _log_failure("could not send a reply", exc)
            return
        self.sent += 1


class TeamsInput(InputChannel):
    """Microsoft Teams through the Bot Connector, for a single-tenant Azure Bot."""

    @classmethod
    def name(cls) -> Text:
        return "teams"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "TeamsInput":
        """Keys of credentials.yml, each falling back to its environment variable; all may be missing."""
        credentials = credentials or {}

        def setting(key: str, env: Optional[str] = None) -> str:
            value = credentials.get(key)
            if value is None or str(value).strip() == "":
                value = os.environ.get(env, "") if env else ""
            return str(value).strip()

        return cls(setting("app_id", "TEAMS_APP_ID"), setting("app_password", "TEAMS_APP_PASSWORD"),
                   setting("tenant_id", "TEAMS_TENANT_ID"),
                   openid_metadata_url=setting("openid_metadata_url") or OPENID_METADATA_URL,
                   jwks_url=setting("jwks_url") or None, authority=setting("authority") or AUTHORITY)

    def __init__(self, app_id: str = "", app_password: str = "", tenant_id: str = "", *,
                 openid_metadata_url: str = OPENID_METADATA_URL, jwks_url: Optional[str] = None,
                 authority: str = AUTHORITY) -> None:
        """No network here: Rasa must start without Teams credentials and offline."""
        self.app_id = app_id
        self.auth = ConnectorAuth(app_id, SigningKeys(openid_metadata_url, jwks_url))
        self.token = ConnectorToken(app_id, app_password, token_url(authority, tenant_id))
        self.recent = RecentActivities()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        hook = Blueprint(f"teams_{id(self)}", __name__)

        @hook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok" if self.app_id else "not configured"})

        @hook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not self.app_id:
                return response.json(
                    {"error": "Teams is not configured: set TEAMS_APP_ID, TEAMS_APP_PASSWORD and TEAMS_TENANT_ID"},
                    status=503)
            try:
                caller = await self.auth.verify(request.headers.get("Authorization"))
            except KeysUnavailable:
                return response.json({"error": "signing keys unavailable"}, status=503)
            except AuthError as exc:
                logger.warning("teams: refused a request: %s", exc)
                return response.json({"error": "unauthorized"}, status=401)
            activity = parse_activity(request.body or b"")
            if activity is None:
                return response.json({"error": "not a Bot Framework activity"}, status=400)
            if not caller.sent(activity):
                logger.warning("teams: refused a token issued for another service URL or channel")
                return response.json({"error": "unauthorized"}, status=401)
            activity_id = activity.get("id")
            if isinstance(activity_id, str) and self.recent.seen_before((activity["conversation"]["id"], activity_id)):
                return response.empty(status=200)
            try:
                await self._answer(activity, on_new_message)
            except Exception as exc:  # the Bot Connector must get its 200 whatever went wrong here
                _log_failure("could not answer an activity", exc)
            return response.empty(status=200)

        return hook

    async def _answer(self, activity: Dict[str, Any], on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> None:
        if activity["type"] == "message":
            text = message_text(activity)
        elif activity["type"] == "conversationUpdate" and bot_was_added(activity):
            text = WELCOME_MESSAGE
        else:
            return
        async with aiohttp.ClientSession(timeout=HTTP_TIMEOUT) as http:
            output = TeamsOutput(http, self.token, activity)
            sender = activity["from"]["id"]
            try:
                await on_new_message(UserMessage(text, output, sender, input_channel=self.name()))
            except Exception as exc:  # the person must still get an answer; the error goes to the log
                _log_failure("the dialogue failed for one activity", exc)
            if not output.sent and activity["type"] == "message":
                await output.send_text_message(sender, channel_messages()["no_reply"])
