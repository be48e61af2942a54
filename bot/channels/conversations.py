"""Conversation ids: namespaced by channel, and issued by the server where the client is a browser.

A conversation id is the key to a conversation: whoever sends it continues that conversation. So the
widget never chooses one. It asks the server, which answers with a random id and an HMAC of it under a
secret only the servers know (`WIDGET_SECRET`); a message counts only with an id the server signed.
Nothing is stored to issue one, so any replica can check any id. Every channel's ids live in their own
namespace (`widget:...`, `rest:...`, `teams:...`) and there is no shared default.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import os
import secrets

logger = logging.getLogger(__name__)

SECRET_ENV = "WIDGET_SECRET"
MIN_SECRET_CHARS = 32
MAX_SENDER_CHARS = 128
_ID_BYTES = 16
_MAC_BYTES = 16


def sender_id(channel: str, conversation: str) -> str:
    """The id Rasa keeps the conversation under: the channel's name, a colon, the channel's own id."""
    return f"{channel}:{conversation}"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


class ConversationIds:
    """Issues and checks signed conversation ids (`<random id>.<signature>`)."""

    def __init__(self, secret: bytes) -> None:
        self._secret = secret

    @classmethod
    def from_env(cls) -> ConversationIds:
        """The shared secret from WIDGET_SECRET; without it, one for this process only (and a warning: a
        conversation then cannot continue on another replica or after a restart)."""
        secret = os.environ.get(SECRET_ENV, "")
        if len(secret) >= MIN_SECRET_CHARS:
            return cls(secret.encode("utf-8"))
        if secret:
            raise ValueError(f"{SECRET_ENV} must be at least {MIN_SECRET_CHARS} characters long")
        logger.warning("%s is not set: widget conversations cannot move between replicas or survive a restart", SECRET_ENV)
        return cls(secrets.token_bytes(32))

    def _mac(self, conversation: str) -> str:
        return _b64(hmac.new(self._secret, conversation.encode("ascii"), hashlib.sha256).digest()[:_MAC_BYTES])

    def issue(self) -> str:
        conversation = _b64(secrets.token_bytes(_ID_BYTES))
        return f"{conversation}.{self._mac(conversation)}"

    def verify(self, token: object) -> str | None:
        """The conversation id in a token this server (or one sharing its secret) issued, else None."""
        if not isinstance(token, str) or len(token) > MAX_SENDER_CHARS or not token.isascii():
            return None
        conversation, _, mac = token.partition(".")
        if not conversation or not hmac.compare_digest(mac, self._mac(conversation)):
            return None
        return conversation
