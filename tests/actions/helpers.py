"""Build trackers inline and run an action, as the action server would."""
from typing import Any, Dict, List, Optional, Tuple

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

DEFAULT_SLOTS = {"role": None, "area": None, "pending_area": None, "role_asked": False, "misses": 0,
                 "last_reply": None, "repeats": 0, "offer": None, "place": None, "nation": None}


def tracker(intent: str, slots: Optional[Dict[str, Any]] = None, confidence: float = 0.95,
            ranking: Optional[List[Dict[str, Any]]] = None, text: str = "", **message: Any) -> Tracker:
    latest = {"intent": {"name": intent, "confidence": confidence},
              "intent_ranking": ranking or [{"name": intent, "confidence": confidence}],
              "entities": message.pop("entities", []), "text": text, **message}
    return Tracker("test-user", {**DEFAULT_SLOTS, **(slots or {})}, latest, [], False, None, {}, "action_listen")


def run(action, t: Tracker) -> Tuple[List[Dict[str, Any]], Dict[str, Any]]:
    """The messages sent and the slots set."""
    dispatcher = CollectingDispatcher()
    events = action.run(dispatcher, t, {})
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    return dispatcher.messages, slots


def responses(messages: List[Dict[str, Any]]) -> List[str]:
    return [m.get("response") or m.get("text") for m in messages]
