"""Build trackers inline and run an action, as the action server would."""

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

DEFAULT_SLOTS = {
    "role": None,
    "area": None,
    "pending_area": None,
    "role_asked": False,
    "misses": 0,
    "last_reply": None,
    "repeats": 0,
    "offer": None,
    "place": None,
    "nation": None,
}


def tracker(
    intent: str,
    slots: dict[str, Any] | None = None,
    confidence: float = 0.95,
    ranking: list[dict[str, Any]] | None = None,
    text: str = "",
    events: list[dict[str, Any]] | None = None,
    **message: Any,
) -> Tracker:
    latest = {
        "intent": {"name": intent, "confidence": confidence},
        "intent_ranking": ranking or [{"name": intent, "confidence": confidence}],
        "entities": message.pop("entities", []),
        "text": text,
        **message,
    }
    return Tracker("test-user", {**DEFAULT_SLOTS, **(slots or {})}, latest, events or [], False, None, {}, "action_listen")


def said(*intents: str) -> list[dict[str, Any]]:
    """The user events of a conversation in which these intents were said, in order."""
    return [{"event": "user", "parse_data": {"intent": {"name": name}}} for name in intents]


def run(action, t: Tracker) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The messages sent and the slots set."""
    dispatcher = CollectingDispatcher()
    events = action.run(dispatcher, t, {})
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    return dispatcher.messages, slots


def responses(messages: list[dict[str, Any]]) -> list[str]:
    return [m.get("response") or m.get("text") for m in messages]
