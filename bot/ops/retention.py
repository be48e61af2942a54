"""Delete conversations older than the retention period from the configured SQL tracker store.

A conversation is deleted when its LAST event is older than the cutoff, so an old conversation that
someone came back to yesterday is kept whole. Works on any SQL tracker store Rasa supports (SQLite by
default, PostgreSQL in production); the connection comes from the same endpoints file Rasa uses.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path

DEFAULT_RETENTION = "30d"
_PERIOD = re.compile(r"^\s*(\d+)\s*([dhw])\s*$")
_SECONDS = {"h": 3600, "d": 86400, "w": 7 * 86400}


class RetentionError(ValueError):
    pass


def parse_period(text: str) -> float:
    """'30d' -> seconds. Hours (h), days (d) and weeks (w)."""
    match = _PERIOD.match(text or "")
    if not match:
        raise RetentionError(f"'{text}' is not a period like 30d, 12h or 2w")
    return int(match.group(1)) * _SECONDS[match.group(2)]


@dataclass
class PurgeResult:
    conversations: int
    events: int
    dry_run: bool


def _engine(endpoints: Path):
    import sqlalchemy
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.core.utils import AvailableEndpoints

    config = AvailableEndpoints.read_endpoints(str(endpoints)).tracker_store
    if config is None or str(config.type).upper() != "SQL":
        raise RetentionError(f"{endpoints}: the tracker store is not an SQL store; nothing to purge here")
    kwargs = config.kwargs
    url = SQLTrackerStore.get_db_url(
        kwargs.get("dialect", "sqlite"),
        config.url,
        kwargs.get("port"),
        kwargs.get("db", "rasa.db"),
        kwargs.get("username"),
        kwargs.get("password"),
        query=kwargs.get("query"),
    )
    return sqlalchemy.create_engine(url)


def purge(
    endpoints: str | Path, older_than: str = DEFAULT_RETENTION, dry_run: bool = False, now: float | None = None
) -> PurgeResult:
    import sqlalchemy

    cutoff = (now if now is not None else time.time()) - parse_period(older_than)
    engine = _engine(Path(endpoints))
    if not sqlalchemy.inspect(engine).has_table("events"):
        return PurgeResult(0, 0, dry_run)
    old = sqlalchemy.text("select sender_id from events group by sender_id having max(timestamp) < :cutoff")
    with engine.begin() as conn:
        senders = [row[0] for row in conn.execute(old, {"cutoff": cutoff})]
        events = 0
        if senders:
            count = sqlalchemy.text("select count(*) from events where sender_id in :senders").bindparams(
                sqlalchemy.bindparam("senders", expanding=True)
            )
            events = conn.execute(count, {"senders": senders}).scalar()
            if not dry_run:
                delete = sqlalchemy.text("delete from events where sender_id in :senders").bindparams(
                    sqlalchemy.bindparam("senders", expanding=True)
                )
                conn.execute(delete, {"senders": senders})
    engine.dispose()
    return PurgeResult(len(senders), events, dry_run)
