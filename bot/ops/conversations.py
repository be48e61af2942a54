"""Erase or export one person's conversation: every event Rasa keeps for it, and the insights facts
recorded for it (found through the `insights_id` slot the conversation holds).

Used by `python -m bot forget SENDER` and `python -m bot export SENDER`, and by the widget's "Delete
conversation" button. Works on the tracker stores this project uses: SQL (SQLite, PostgreSQL), Redis and
in memory. Rasa imports stay inside the functions, as everywhere in `bot.ops`.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.insights.retention import conversation_facts, forget_facts
from bot.insights.store import DEFAULT_DB, InsightsStore, open_insights

INSIGHTS_SLOT = "insights_id"


class ConversationStoreError(ValueError):
    """The conversation cannot be reached in the store the endpoints file names; the message says why."""


@dataclass(frozen=True)
class Forgotten:
    events: int
    facts: int


def insights_ids(events: list[dict[str, Any]]) -> list[str]:
    """The insights ids a conversation was given (one, unless its slots were reset)."""
    ids = [e.get("value") for e in events if e.get("event") == "slot" and e.get("name") == INSIGHTS_SLOT]
    return sorted({str(i) for i in ids if i})


def existing_insights(path: str | Path | None = None) -> InsightsStore | None:
    """The insights database when it exists here (INSIGHTS_DB or the default), without creating one."""
    path = Path(path or os.environ.get("INSIGHTS_DB") or DEFAULT_DB)
    return open_insights(path) if path.is_file() else None


def tracker_store(endpoints: str | Path) -> Any:
    """The tracker store an endpoints file names; refused when it keeps conversations in memory only."""
    from rasa.core.tracker_store import create_tracker_store
    from rasa.core.utils import AvailableEndpoints

    config = AvailableEndpoints.read_endpoints(str(endpoints)).tracker_store
    if config is None or config.type is None:
        raise ConversationStoreError(
            f"{endpoints}: conversations are kept in memory by a running server, not in a store this command can reach"
        )
    return create_tracker_store(config)


async def conversation_events(store: Any, sender: str) -> list[dict[str, Any]]:
    """Every event of the conversation, as Rasa stores them (empty when there is none)."""
    from rasa.shared.core.trackers import EventVerbosity

    tracker = await store.retrieve_full_tracker(sender)
    return tracker.current_state(EventVerbosity.ALL)["events"] if tracker else []


async def export_conversation(store: Any, sender: str, insights: InsightsStore | None) -> dict[str, Any]:
    """The conversation and its insights facts, as one JSON-ready document."""
    events = await conversation_events(store, sender)
    facts = conversation_facts(insights, insights_ids(events)) if insights else []
    return {
        "sender": sender,
        "exported_at": datetime.datetime.now(datetime.timezone.utc).isoformat(),
        "events": events,
        "insights": facts,
    }


async def forget_conversation(store: Any, sender: str, insights: InsightsStore | None) -> Forgotten:
    """Delete the conversation's events and its insights facts."""
    events = await conversation_events(store, sender)
    if events:
        _delete_tracker(store, sender)  # first: when it cannot be deleted, nothing is
    facts = forget_facts(insights, insights_ids(events)) if insights else 0
    return Forgotten(len(events), facts)


def _delete_tracker(store: Any, sender: str) -> None:
    """Rasa 3.6's tracker stores cannot delete; this reaches past its wrappers to the store itself."""
    from rasa.core.tracker_store import InMemoryTrackerStore, RedisTrackerStore, SQLTrackerStore

    while hasattr(store, "_tracker_store"):  # AwaitableTrackerStore, FailSafeTrackerStore
        store = store._tracker_store
    if isinstance(store, SQLTrackerStore):
        with store.session_scope() as session:
            session.query(store.SQLEvent).filter(store.SQLEvent.sender_id == sender).delete(synchronize_session=False)
            session.commit()
    elif isinstance(store, InMemoryTrackerStore):
        store.store.pop(sender, None)
    elif isinstance(store, RedisTrackerStore):
        store.red.delete(store.key_prefix + sender)
    else:
        raise ConversationStoreError(f"deleting a conversation from a {type(store).__name__} is not supported")
