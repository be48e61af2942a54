"""Conversations are kept in SQLite, so a restart of Rasa loses nothing."""
import sqlite3

from bot.servers import running_assistant
from tests.e2e.helpers import buttons, texts


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
    rows = sqlite3.connect(db).execute("select count(*) from events where sender_id = 'persist-1'").fetchone()[0]
    assert rows > 10
