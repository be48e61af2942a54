"""Reading Bot Framework activities: which we answer, who and where they come from, and what the person said."""

from __future__ import annotations

import string
import time
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any
from urllib.parse import urlsplit

from bot.channels.http import json_object
from bot.channels.inbound import button_payload, typed_text

MAX_BODY_BYTES = 256_000
RECENT_ACTIVITIES = 5_000
RECENT_ACTIVITY_TTL_SECONDS = 15 * 60
TEAMS_CHANNEL = "msteams"
PERSONAL = "personal"
_MENTION_OPEN, _MENTION_CLOSE = "<at>", "</at>"
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)  # keeps every index in place


class RecentActivities:
    """Activities answered lately, bounded in number and age: Teams sends an activity again, with the same id,
    when the answer was slow."""

    def __init__(self, size: int = RECENT_ACTIVITIES, ttl: float = RECENT_ACTIVITY_TTL_SECONDS) -> None:
        self.size = size
        self.ttl = ttl
        self._seen: OrderedDict[Hashable, float] = OrderedDict()

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
    """https, or plain http to this machine only (for tests)."""
    if not isinstance(url, str):
        return False
    parts = urlsplit(url)
    if parts.scheme == "https":
        return bool(parts.hostname)
    return parts.scheme == "http" and parts.hostname in {"127.0.0.1", "localhost"}


def parse_activity(raw: bytes) -> dict[str, Any] | None:
    """The activity, or None when it is not one we can answer (not JSON, no ids, a service URL we refuse)."""
    activity = json_object(raw, MAX_BODY_BYTES)
    if activity is None or not isinstance(activity.get("type"), str):
        return None
    for party in ("conversation", "from", "recipient"):
        if not isinstance(activity.get(party), dict) or not isinstance(activity[party].get("id"), str):
            return None
    return activity if valid_service_url(activity.get("serviceUrl")) else None


def tenant_of(activity: dict[str, Any]) -> str | None:
    """The Microsoft 365 tenant the activity comes from, as Teams states it."""
    tenant = activity["conversation"].get("tenantId")
    if not isinstance(tenant, str):
        channel_data = activity.get("channelData")
        tenant = (
            channel_data.get("tenant", {}).get("id")
            if isinstance(channel_data, dict) and isinstance(channel_data.get("tenant"), dict)
            else None
        )
    return tenant if isinstance(tenant, str) else None


def is_personal(activity: dict[str, Any]) -> bool:
    """A one-to-one chat between the person and the bot (not a team channel or a group chat)."""
    return activity["conversation"].get("conversationType") == PERSONAL


def without_mentions(text: str) -> str:
    """The text with every complete `<at>...</at>` mention removed, in one pass (a regex with a lazy `.*?`
    takes quadratic time on many unclosed `<at>` tags)."""
    lower = text.translate(_ASCII_LOWER)
    kept: list[str] = []
    position = 0
    while True:
        start = lower.find(_MENTION_OPEN, position)
        end = lower.find(_MENTION_CLOSE, start + len(_MENTION_OPEN)) if start != -1 else -1
        if end == -1:
            kept.append(text[position:])
            return "".join(kept)
        kept.append(text[position:start])
        position = end + len(_MENTION_CLOSE)


def message_text(activity: dict[str, Any], domain: Any = None) -> str:
    """What the person said: the payload of one of our card buttons, else their typed text without mentions,
    which is never read as an intent command."""
    value = activity.get("value")
    if isinstance(value, dict):
        payload = button_payload(value.get("payload"), domain)
        if payload is not None:
            return payload
    text = activity.get("text")
    return typed_text(without_mentions(text).strip()) if isinstance(text, str) else ""


def bot_was_added(activity: dict[str, Any]) -> bool:
    members = activity.get("membersAdded")
    bot_id = activity["recipient"]["id"]
    return isinstance(members, list) and any(isinstance(m, dict) and m.get("id") == bot_id for m in members)
