"""Insights: a synthetic week of conversations through the running assistant, then the report's numbers
and its suppression of small counts."""

import csv
import datetime
import sqlite3

import pytest

from bot.insights import open_insights, place_level
from bot.insights.report import summarise, write_report
from devtools.servers import running_assistant

MONDAY = datetime.date(2026, 11, 16)


def age_new_facts(db, day: datetime.date, seen: int) -> int:
    """Stamp the facts recorded since `seen` with the synthetic day (the week is played back in minutes)."""
    conn = sqlite3.connect(db)
    conn.execute("update facts set day = ? where id > ?", [day.isoformat(), seen])
    conn.commit()
    last = conn.execute("select coalesce(max(id), 0) from facts").fetchone()[0]
    conn.close()
    return last


@pytest.mark.e2e
def test_a_synthetic_week(tmp_path):
    db = tmp_path / "insights.db"
    seen = 0
    with running_assistant(extra_env={"INSIGHTS_DB": str(db)}) as assistant:
        for offset in range(7):
            day = MONDAY + datetime.timedelta(days=offset)
            for n in range(3):  # 21 professionals with a local-knowledge problem over the week
                sender = f"week-{offset}-{n}"
                assistant.send(sender, "I'm a GP")
                assistant.send(sender, "/concern_local_knowledge")
                assistant.send(sender, "/ask_examples")
            if offset < 3:  # 3 patients with a business-case question: under five, so suppressed
                assistant.send(f"biz-{offset}", "I'm a patient")
                assistant.send(f"biz-{offset}", "/concern_business_case")
            for n in range(2):  # 14 searches in Inverness, where the directory has nothing: unmet need
                sender = f"search-{offset}-{n}"
                assistant.send(sender, '/find_support{"place":"Inverness"}')
                assistant.send(sender, '/find_support{"support_kind":"talking_therapies"}')
            assistant.send(f"crisis-{offset}", "I want to die")
            assistant.send(f"week-{offset}-0", '/feedback{"feedback":"yes"}')
            seen = age_new_facts(db, day, seen)
    summary = summarise(open_insights(db), MONDAY, MONDAY + datetime.timedelta(days=6))
    assert summary.roles["professional"] == 21 and summary.roles["patient"] == 3
    assert summary.areas["local_knowledge"] == 21 and summary.areas["business_case"] == 3
    assert summary.followups["examples"] == 21
    assert summary.searches == 14 and summary.unmet_by_place["Inverness"] == 14
    assert summary.crisis == 7 and summary.feedback["yes"] == 7
    assert summary.conversations == 21 + 3 + 14 + 7

    out = write_report(summary, tmp_path / "report")
    page = out.read_text()
    assert "<5" in page and "data:image/png;base64," in page and "Inverness" in page
    rows = dict(csv.reader((tmp_path / "report" / "problem_areas.csv").open()))
    assert rows["local_knowledge"] == "21" and rows["business_case"] == "<5"
    # Nothing identifying is stored: no sender ids, no message text.
    stored = " ".join(str(r) for r in sqlite3.connect(db).execute("select * from facts"))
    assert "week-" not in stored and "I want to die" not in stored and "GP" not in stored


def test_place_level_is_coarse():
    assert place_level("ST4 7QB (around Stoke-on-Trent)") == "ST4"
    assert place_level("Leeds") == "Leeds" and place_level(None) is None


def test_empty_period(tmp_path):
    summary = summarise(open_insights(tmp_path / "i.db"), MONDAY, MONDAY)
    page = write_report(summary, tmp_path / "out").read_text()
    assert summary.conversations == 0 and "every count is under five" in page
