"""The operator commands, as a volunteer or manager would run them."""

import csv

from bot.cli import main
from tests.directory.helpers import SEED, write_csv
from tests.directory.test_import import row


def test_kb_check_and_report(capsys):
    assert main(["kb", "check"]) == 0
    assert "6 areas, 19 examples, 5 principles" in capsys.readouterr().out
    assert main(["kb", "report"]) == 0
    assert "local_knowledge" in capsys.readouterr().out


def test_kb_search(capsys):
    assert main(["kb", "search", "yoga", "--limit", "1"]) == 0
    assert "business_case" in capsys.readouterr().out


def test_directory_validate_reports_lines_and_fields(tmp_path, capsys):
    path = write_csv(tmp_path / "f.csv", [row(), row(id="x", categories="nonsense")])
    assert main(["directory", "validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert "line 3: categories: 'nonsense'" in out and "2 rows checked, 1 with problems" in out


def test_directory_import_export_stale(tmp_path, capsys):
    db = str(tmp_path / "d.db")
    seeded = len(list(csv.DictReader(SEED.open(encoding="utf-8"))))
    assert main(["directory", "import", str(SEED), "--db", db]) == 0
    assert f"imported {seeded} of {seeded}" in capsys.readouterr().out
    out_file = tmp_path / "out.csv"
    assert main(["directory", "export", str(out_file), "--db", db]) == 0
    assert len(list(csv.DictReader(out_file.open()))) == seeded
    assert main(["directory", "stale", "--months", "12", "--db", db]) == 0
    assert "not checked in the last 12 months" in capsys.readouterr().out


def test_directory_import_of_a_missing_file_is_a_clear_error(tmp_path, capsys):
    assert main(["directory", "import", str(tmp_path / "nope.csv"), "--db", str(tmp_path / "d.db")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_purge_dry_run(tmp_path, capsys):
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(f'tracker_store:\n  type: SQL\n  dialect: "sqlite"\n  db: "{tmp_path / "c.db"}"\n')
    assert main(["purge", "--older-than", "30d", "--endpoints", str(endpoints), "--dry-run"]) == 0
    assert "would delete 0 conversation(s)" in capsys.readouterr().out
    assert main(["purge", "--older-than", "soon", "--endpoints", str(endpoints)]) == 2


def test_insights_report_and_bad_dates(tmp_path, capsys):
    out = tmp_path / "report"
    assert (
        main(
            [
                "insights",
                "report",
                "--from",
                "2026-11-01",
                "--to",
                "2026-11-30",
                "--out",
                str(out),
                "--db",
                str(tmp_path / "i.db"),
            ]
        )
        == 0
    )
    assert (out / "report.html").exists() and (out / "summary.csv").exists()
    assert main(["insights", "report", "--from", "yesterday", "--to", "2026-11-30"]) == 2
    assert main(["insights", "report", "--from", "2026-11-30", "--to", "2026-11-01"]) == 2


def _tracker_store(tmp_path):
    """A SQLite tracker store holding two conversations, one with insights facts, and its endpoints file."""
    import asyncio

    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot.insights import open_insights

    db = tmp_path / "conversations.db"
    store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(db))
    for sender, words, insights_id in (("widget:abc", "my back hurts", "i-1"), ("rest:other", "hello", "i-2")):
        tracker = DialogueStateTracker.from_events(sender, [UserUttered(words), SlotSet("insights_id", insights_id)])
        asyncio.run(store.save(tracker))
    insights = open_insights(tmp_path / "insights.db")
    insights.record("i-1", "widget", "area", "local_knowledge")
    insights.record("i-2", "rest", "area", "business_case")
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(f'tracker_store:\n  type: SQL\n  dialect: "sqlite"\n  db: "{db}"\n')
    return store, endpoints, ["--endpoints", str(endpoints), "--insights-db", str(tmp_path / "insights.db")]


def test_export_writes_the_conversation_and_its_insights(tmp_path, capsys):
    import json

    _, _, options = _tracker_store(tmp_path)
    assert main(["export", "widget:abc", *options]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["sender"] == "widget:abc"
    assert [e["text"] for e in document["events"] if e["event"] == "user"] == ["my back hurts"]
    assert [(f["conversation"], f["value"]) for f in document["insights"]] == [("i-1", "local_knowledge")]
    out = tmp_path / "export.json"
    assert main(["export", "widget:abc", *options, "--out", str(out)]) == 0
    assert json.loads(out.read_text())["events"] == document["events"]
    assert main(["export", "widget:nobody", *options]) == 1


def test_forget_deletes_one_conversation_and_its_insights(tmp_path, capsys):
    import asyncio
    import sqlite3

    store, _, options = _tracker_store(tmp_path)
    assert main(["forget", "widget:abc", *options]) == 0
    assert "deleted 2 event(s) and 1 insights fact(s) of widget:abc" in capsys.readouterr().out
    assert set(asyncio.run(store.keys())) == {"rest:other"}
    facts = sqlite3.connect(tmp_path / "insights.db").execute("select conversation from facts").fetchall()
    assert facts == [("i-2",)]
    assert main(["forget", "widget:abc", *options]) == 1
    assert "nothing deleted" in capsys.readouterr().err


def test_forget_and_export_need_a_store_they_can_reach(tmp_path, capsys):
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text("action_endpoint:\n  url: http://localhost:5055/webhook\n")
    assert main(["forget", "rest:me", "--endpoints", str(endpoints)]) == 2
    assert "kept in memory" in capsys.readouterr().err


def test_insights_purge(tmp_path, capsys):
    import datetime

    from bot.insights import open_insights

    db = tmp_path / "i.db"
    open_insights(db).record("c", "rest", "area", "x", day=datetime.date.today() - datetime.timedelta(days=500))
    assert main(["insights", "purge", "--db", str(db), "--dry-run"]) == 0
    assert "would delete 1 insights fact(s) older than 56w" in capsys.readouterr().out
    assert main(["insights", "purge", "--db", str(db)]) == 0
    assert "deleted 1" in capsys.readouterr().out
    assert main(["insights", "purge", "--db", str(db), "--older-than", "soon"]) == 2
