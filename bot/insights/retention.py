"""How long insights are kept, and erasing or exporting the facts of one conversation.

Facts hold no text and no sender id, but a conversation's facts share its random insights id, which the
conversation itself keeps (the `insights_id` slot): while the conversation exists, its facts can be found
from it. So facts are purged after a retention period of their own, and go with their conversation when a
person asks for it to be forgotten.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from bot.insights.store import InsightsStore
from bot.ops.retention import parse_period

DEFAULT_INSIGHTS_RETENTION = "56w"  # a year's reports, and the same weeks of the year before to compare


def purge_facts(
    store: InsightsStore, older_than: str = DEFAULT_INSIGHTS_RETENTION, today: datetime.date | None = None, dry_run: bool = False
) -> int:
    """Delete (or count) the facts recorded on days before the retention period; returns how many."""
    days = int(parse_period(older_than) // 86400)
    cutoff = ((today or datetime.date.today()) - datetime.timedelta(days=days)).isoformat()
    if "facts" not in store.db.table_names():
        return 0
    count = store.db.execute("select count(*) from facts where day < ?", [cutoff]).fetchone()[0]
    if count and not dry_run:
        with store.db.conn:
            store.db.execute("delete from facts where day < ?", [cutoff])
    return count


def _placeholders(ids: list[str]) -> str:
    return ", ".join("?" for _ in ids)


def conversation_facts(store: InsightsStore, conversations: Iterable[str]) -> list[dict]:
    """Every fact recorded for these insights ids, oldest first."""
    ids = list(conversations)
    if not ids:
        return []
    return list(
        store.db.query(
            f"select conversation, day, channel, kind, value from facts where conversation in ({_placeholders(ids)}) order by id",
            ids,
        )
    )


def forget_facts(store: InsightsStore, conversations: Iterable[str]) -> int:
    """Delete every fact recorded for these insights ids; returns how many."""
    ids = list(conversations)
    if not ids:
        return 0
    with store.db.conn:
        cursor = store.db.execute(f"delete from facts where conversation in ({_placeholders(ids)})", ids)
    return cursor.rowcount
