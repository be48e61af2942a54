"""Retention: old conversations are deleted from SQLite and from PostgreSQL; recent ones stay."""

import asyncio
import time

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.ops.retention import RetentionError, parse_period, purge
from tests.ops.services import postgres

NOW = time.time()
DAY = 86400


def store_conversations(store: SQLTrackerStore) -> None:
    for sender, age_days in (("old", 45), ("recent", 2), ("came_back", 60)):
        events = [
            UserUttered("hello", timestamp=NOW - age_days * DAY),
            ActionExecuted("utter_greet", timestamp=NOW - age_days * DAY + 1),
        ]
        if sender == "came_back":
            events.append(UserUttered("hello again", timestamp=NOW - DAY))
        asyncio.run(store.save(DialogueStateTracker.from_events(sender, events)))


def senders(store: SQLTrackerStore) -> set:
    return set(asyncio.run(store.keys()))


def test_periods():
    assert parse_period("30d") == 30 * DAY and parse_period("12h") == 12 * 3600 and parse_period("2w") == 14 * DAY
    with pytest.raises(RetentionError):
        parse_period("a month")


def test_purge_sqlite(tmp_path):
    db = tmp_path / "conversations.db"
    store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(db))
    store_conversations(store)
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(f'tracker_store:\n  type: SQL\n  dialect: "sqlite"\n  db: "{db}"\n')
    dry = purge(endpoints, "30d", dry_run=True, now=NOW)
    assert dry.conversations == 1 and senders(store) == {"old", "recent", "came_back"}
    result = purge(endpoints, "30d", now=NOW)
    assert result.conversations == 1 and result.events == 2
    assert senders(store) == {"recent", "came_back"}


def test_purge_postgres(tmp_path, monkeypatch):
    with postgres() as pg:
        store = SQLTrackerStore(
            Domain.empty(),
            dialect="postgresql",
            host=pg["POSTGRES_HOST"],
            port=int(pg["POSTGRES_PORT"]),
            db=pg["POSTGRES_DB"],
            username=pg["POSTGRES_USER"],
            password=pg["POSTGRES_PASSWORD"],
        )
        store_conversations(store)
        for key, value in pg.items():
            monkeypatch.setenv(key, value)
        monkeypatch.setenv("ACTION_SERVER_URL", "http://127.0.0.1:1/webhook")
        monkeypatch.setenv("REDIS_HOST", "127.0.0.1")
        monkeypatch.setenv("REDIS_PORT", "1")
        monkeypatch.setenv("REDIS_PASSWORD", "unused")
        from bot import REPO_ROOT

        result = purge(REPO_ROOT / "deploy" / "endpoints.production.yml", "30d", now=NOW)
        assert result.conversations == 1
        assert senders(store) == {"recent", "came_back"}
        store.engine.dispose()


def test_a_store_that_is_not_sql_is_refused(tmp_path):
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text("action_endpoint:\n  url: http://localhost:5055/webhook\n")
    with pytest.raises(RetentionError, match="not an SQL store"):
        purge(endpoints)
