"""Who may post to the Teams webhook: a token the Bot Connector signed for this bot and this activity.

What Rasa's `BotFrameworkInput` gets wrong, and what happens here instead:

- it downloads the signing keys with blocking `requests` in its constructor, so Rasa cannot start offline;
  here the keys are fetched with aiohttp on the first request, cached, and fetched again (at most once a
  minute) when a token names a key we do not know. One fetch runs at a time and no lock is held while it
  runs: a request whose key is already known never waits for the network;
- it trusts the algorithm a token's header names and accepts any issuer; here only RS256 tokens issued by
  `https://api.botframework.com` for our app id pass, and the token's `serviceurl` claim (and the key's
  channel endorsements) must match the activity, as the Bot Framework authentication spec requires, so a
  token cannot be replayed to make the bot send its own access token elsewhere.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from dataclasses import dataclass
from typing import Any

import aiohttp
import jwt
from jwt.algorithms import RSAAlgorithm

logger = logging.getLogger(__name__)

BOT_FRAMEWORK_ISSUER = "https://api.botframework.com"
OPENID_METADATA_URL = "https://login.botframework.com/v1/.well-known/openidconfiguration"
CLOCK_SKEW_SECONDS = 300  # the Bot Framework SDKs allow five minutes
KEYS_TTL_SECONDS = 24 * 3600
KEY_REFETCH_INTERVAL_SECONDS = 60  # made-up key ids must not become a flood of requests to Microsoft
HTTP_TIMEOUT = aiohttp.ClientTimeout(total=10)

_BEARER = re.compile(r"Bearer\s+(\S+)", re.IGNORECASE)

Key = tuple[Any, frozenset[str] | None]


class AuthError(Exception):
    """The request does not carry a token the Bot Connector signed for this bot and this activity."""


class KeysUnavailable(Exception):
    """The Bot Connector's signing keys could not be fetched, so no token can be checked."""


class SigningKeys:
    """The Bot Connector's public keys (JWKS), fetched on first use and cached."""

    def __init__(self, metadata_url: str, jwks_url: str | None = None) -> None:
        self.metadata_url = metadata_url
        self.jwks_url = jwks_url
        self._keys: dict[str, Key] = {}
        self._fetched_at = float("-inf")
        self._attempted_at: float | None = None
        self._fetching: asyncio.Future | None = None

    async def find(self, kid: str) -> Key:
        """The public key with this id and the channels it is endorsed for (None when it names none).

        Only a request whose key is unknown waits for a fetch; when the cached keys are merely old, they
        are used while fresh ones are fetched."""
        now = time.monotonic()
        stale = kid not in self._keys or now - self._fetched_at > KEYS_TTL_SECONDS
        if (
            stale
            and self._fetching is None
            and (self._attempted_at is None or now - self._attempted_at >= KEY_REFETCH_INTERVAL_SECONDS)
        ):
            self._attempted_at = now
            self._fetching = asyncio.ensure_future(self._fetch())
            self._fetching.add_done_callback(self._fetched)
        if kid not in self._keys and self._fetching is not None:
            await asyncio.shield(self._fetching)  # one request giving up must not cancel the others' fetch
        if not self._keys:
            raise KeysUnavailable("no signing keys")
        if kid not in self._keys:
            raise AuthError("unknown signing key")
        return self._keys[kid]

    def _fetched(self, _: asyncio.Future) -> None:
        self._fetching = None

    async def _fetch(self) -> None:
        try:
            async with aiohttp.ClientSession(timeout=HTTP_TIMEOUT) as http:
                jwks_url = self.jwks_url or (await _get_json(http, self.metadata_url))["jwks_uri"]
                listed = (await _get_json(http, jwks_url))["keys"]
        except (aiohttp.ClientError, asyncio.TimeoutError, KeyError, TypeError, ValueError) as exc:
            logger.warning("teams: could not fetch the signing keys (%s); keeping %d cached", type(exc).__name__, len(self._keys))
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
    channels: frozenset[str] | None

    def sent(self, activity: dict[str, Any]) -> bool:
        """Whether the token was issued for this activity's service URL and channel."""
        same_service = self.service_url.rstrip("/") == activity["serviceUrl"].rstrip("/")
        return same_service and (self.channels is None or activity.get("channelId") in self.channels)


class ConnectorAuth:
    """Checks the `Authorization: Bearer <JWT>` header the Bot Connector sends with every activity."""

    def __init__(self, app_id: str, keys: SigningKeys) -> None:
        self.app_id = app_id
        self.keys = keys

    async def verify(self, authorization: str | None) -> Caller:
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
            claims = jwt.decode(
                token,
                public_key,
                algorithms=["RS256"],
                audience=self.app_id,
                issuer=BOT_FRAMEWORK_ISSUER,
                leeway=CLOCK_SKEW_SECONDS,
                options={"require": ["exp", "iss", "aud"]},
            )
        except jwt.PyJWTError as exc:
            raise AuthError(type(exc).__name__) from None
        service_url = claims.get("serviceurl")
        if not isinstance(service_url, str):
            raise AuthError("token names no serviceurl")
        return Caller(service_url, channels)
