"""What a person typed and what a button sent, kept apart.

Rasa reads any message whose text starts with `/` as an intent command (`/greet@1.0 ...`): its regex
handler overrides the NLU, so the safety net's verdict is lost, and it logs the whole text as a warning
when the command is not a known intent. Typed text therefore never starts with `/` when it reaches Rasa:
a leading slash becomes a division slash (U+2215), which looks the same to a reader, survives the NLU's
own cleaning (NFC, control characters, spaces) and is not a prefix Rasa knows. Only a button's payload,
sent in a field of its own, may be an intent command, and only one of the intents and entities the domain
declares.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

INTENT_PREFIX = "/"
ESCAPED_PREFIX = "\u2215"
# Twice what the NLU reads (InputGuard keeps 2,000 characters), so that it can still tell the person their
# message was cut; nothing longer is stored.
MAX_MESSAGE_CHARS = 4_000
MAX_PAYLOAD_CHARS = 1_000
_PAYLOAD = re.compile(r"/(?P<intent>[A-Za-z0-9_]+)(?P<entities>\{.*\})?", re.DOTALL)


def _ignored_by_the_nlu(ch: str) -> bool:
    """Spaces and the characters InputGuard blanks (Unicode category C): Rasa sees the text without them."""
    return ch.isspace() or unicodedata.category(ch)[0] == "C"


def typed_text(text: str) -> str:
    """Typed text as Rasa may safely see it: capped in length, and never read as an intent command."""
    text = text[:MAX_MESSAGE_CHARS]
    for index, ch in enumerate(text):
        if _ignored_by_the_nlu(ch):
            continue
        if unicodedata.normalize("NFC", ch) == INTENT_PREFIX:
            return text[:index] + ESCAPED_PREFIX + text[index + 1 :]
        return text
    return text


def button_payload(payload: Any, domain: Any = None) -> str | None:
    """The payload when it is a button payload (`/intent` or `/intent{"entity": "value"}`) naming an intent and
    entities of `domain` (when one is given), else None."""
    if not isinstance(payload, str) or len(payload) > MAX_PAYLOAD_CHARS:
        return None
    match = _PAYLOAD.fullmatch(payload.strip())
    if not match:
        return None
    entities = {}
    if match.group("entities"):
        try:
            entities = json.loads(match.group("entities"))
        except (ValueError, RecursionError):
            return None
        if not isinstance(entities, dict):
            return None
    if domain is not None and (match.group("intent") not in domain.intents or not set(entities) <= set(domain.entities)):
        return None
    return payload.strip()
