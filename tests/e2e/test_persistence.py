"""Conversations are kept in SQLite, so a restart of Rasa loses nothing; what is kept is capped, namespaced by
channel and free of client metadata; and one person's conversation can be exported and deleted."""

import json
import sqlite3
import subprocess
import sys

import requests

from bot import REPO_ROOT
from bot.channels.inbound import MAX_MESSAGE_CHARS
from devtools.servers import running_assistant
from tests.e2e.helpers import buttons, texts


def stored(db, sender):
    """(type, data) of every event kept for the sender."""
    with sqlite3.connect(db) as conn:
        return [
            (kind, json.loads(data))
            for kind, data in conn.execute("select type_name, data from events where sender_id = ? order by id", (sender,))
        ]


def facts(insights_db, conversations):
    with sqlite3.connect(insights_db) as conn:
        marks = ", ".join("?" for _ in conversations)
        return conn.execute(f"select count(*) from facts where conversation in ({marks})", conversations).fetchone()[0]


def insights_ids(events):
    return [data["value"] for kind, data in events if kind == "slot" and data.get("name") == "insights_id"]


def test_a_restart_loses_nothing(tmp_path):
    db = tmp_path / "conversations.db"
    with running_assistant(tracker_db=db) as first:
        first.send("persist-1", "I'm a GP")
        first.send("persist-1", "patients keep getting bounced between the pain clinic and mental health")
    with running_assistant(tracker_db=db) as second:
        # The area and role survived: the follow-up applies to the same area and the role is not asked again.
        reply = second.send("persist-1", "any examples?")
        assert "Oldham" in texts(reply) or "Berkshire" in texts(reply) or "Buckinghamshire" in texts(reply)
        assert "I work in health or care" not in buttons(reply)
    assert len(stored(db, "rest:persist-1")) > 10


def test_what_is_kept_and_how_one_conversation_is_exported_and_deleted(tmp_path):
    db = tmp_path / "conversations.db"
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(f'tracker_store:\n  type: SQL\n  dialect: "sqlite"\n  db: "{db}"\n')
    with running_assistant(tracker_db=db) as assistant:
        insights_db = assistant.log_dir / "insights.db"
        rest = f"{assistant.rasa_url}/webhooks/rest/webhook"
        requests.post(
            rest, json={"sender": "keep-1", "message": "I'm a GP", "metadata": {"name": "Zebedee"}}, timeout=30
        ).raise_for_status()
        assistant.send("keep-1", "patients keep getting bounced between the pain clinic and mental health " * 200)
        widget = f"{assistant.rasa_url}/webhooks/widget"
        conversation = requests.post(f"{widget}/conversation", json={}, timeout=10).json()["conversation"]
        for body in (
            {"payload": "/greet"},
            {"message": "I'm a physio"},
            {"message": "ten minute appointments are too short to talk about mood"},
        ):
            requests.post(f"{widget}/webhook", json={"conversation": conversation, **body}, timeout=30).raise_for_status()
        widget_sender = f"widget:{conversation.split('.')[0]}"

        # Kept under each channel's own namespace, text capped, no client metadata.
        kept = stored(db, "rest:keep-1")
        said = [data for kind, data in kept if kind == "user"]
        assert len(said) == 2 and max(len(data["text"]) for data in said) <= MAX_MESSAGE_CHARS
        assert "Zebedee" not in json.dumps(kept)
        assert stored(db, "keep-1") == []
        widget_events = stored(db, widget_sender)
        assert widget_events and facts(insights_db, insights_ids(widget_events)) > 0

        # The person deletes their conversation from the widget.
        forgotten = requests.post(f"{widget}/forget", json={"conversation": conversation}, timeout=30)
        assert forgotten.json() == {"forgotten": True}
        assert stored(db, widget_sender) == []
        assert facts(insights_db, insights_ids(widget_events)) == 0

        # An operator exports, then deletes, another one.
        cli = [sys.executable, "-m", "bot"]
        options = ["--endpoints", str(endpoints), "--insights-db", str(insights_db)]
        exported = subprocess.run(
            [*cli, "export", "rest:keep-1", *options], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120
        )
        assert exported.returncode == 0, exported.stderr
        document = json.loads(exported.stdout)
        assert [e["text"] for e in document["events"] if e["event"] == "user"][0] == "I'm a GP"
        assert document["insights"] and {f["kind"] for f in document["insights"]} >= {"role"}
        deleted = subprocess.run(
            [*cli, "forget", "rest:keep-1", *options], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120
        )
        assert deleted.returncode == 0 and "insights fact(s)" in deleted.stdout, deleted.stderr
        assert stored(db, "rest:keep-1") == []
        assert facts(insights_db, insights_ids(kept)) == 0
