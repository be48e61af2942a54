"""Insights are kept for a period of their own, and one conversation's facts can be exported and deleted."""

import datetime

import pytest

from bot.insights import open_insights
from bot.insights.retention import conversation_facts, forget_facts, purge_facts
from bot.ops.retention import RetentionError

TODAY = datetime.date(2027, 6, 30)


@pytest.fixture
def store(tmp_path):
    store = open_insights(tmp_path / "insights.db")
    for conversation, days_ago in (("old", 400), ("year", 360), ("new", 3)):
        for kind, value in (("role", "professional"), ("area", "local_knowledge")):
            store.record(conversation, "widget", kind, value, day=TODAY - datetime.timedelta(days=days_ago))
    return store


def conversations(store):
    return sorted({r["conversation"] for r in store.db.query("select conversation from facts")})


def test_facts_older_than_the_period_are_purged(store):
    assert purge_facts(store, "56w", today=TODAY, dry_run=True) == 2
    assert conversations(store) == ["new", "old", "year"]
    assert purge_facts(store, "56w", today=TODAY) == 2
    assert conversations(store) == ["new", "year"]
    assert purge_facts(store, "30d", today=TODAY) == 2
    assert conversations(store) == ["new"]


def test_a_period_must_be_one_we_can_read(store):
    with pytest.raises(RetentionError):
        purge_facts(store, "a while")


def test_one_conversations_facts_are_exported_and_forgotten(store):
    exported = conversation_facts(store, ["year"])
    assert [(f["kind"], f["value"], f["channel"]) for f in exported] == [
        ("role", "professional", "widget"),
        ("area", "local_knowledge", "widget"),
    ]
    assert conversation_facts(store, []) == [] and forget_facts(store, []) == 0
    assert forget_facts(store, ["year", "no-such"]) == 2
    assert conversations(store) == ["new", "old"]
