"""Where insights are kept: one SQLite table of anonymous facts, one row per fact."""

from __future__ import annotations

import datetime
import os
import re
from pathlib import Path

import sqlite_utils

from bot import REPO_ROOT

DEFAULT_DB = REPO_ROOT / "models" / "insights.db"
KINDS = {"role", "area", "followup", "example", "support_search", "place", "unmet_need", "crisis", "feedback", "feedback_reason"}
_OUTWARD = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)\b")


def place_level(place: str | None) -> str | None:
    """A place coarse enough to identify nobody: a postcode's district ('ST4') or a town's name."""
    if not place:
        return None
    text = str(place).strip()
    match = _OUTWARD.match(text.upper())
    if match:
        return match.group(1)
    return text.split(" (")[0][:60]


class InsightsStore:
    def __init__(self, db: sqlite_utils.Database):
        self.db = db
        if "facts" not in db.table_names():
            db.table("facts").create(
                {"id": int, "conversation": str, "day": str, "channel": str, "kind": str, "value": str}, pk="id"
            )
            db.table("facts").create_index(["day"])
            db.table("facts").create_index(["kind", "day"])

    def record(
        self, conversation: str, channel: str | None, kind: str, value: str | None, day: datetime.date | None = None
    ) -> None:
        if kind not in KINDS:
            raise ValueError(f"unknown insight kind '{kind}'")
        self.db.table("facts").insert(
            {
                "conversation": conversation,
                "day": (day or datetime.date.today()).isoformat(),
                "channel": (channel or "unknown")[:32],
                "kind": kind,
                "value": None if value is None else str(value)[:80],
            }
        )


def open_insights(path: str | Path | None = None) -> InsightsStore:
    path = Path(path or os.environ.get("INSIGHTS_DB") or DEFAULT_DB)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(path)
    # Facts are written on every turn: write-ahead logging without a sync per insert keeps that cheap
    # (a crash may lose the last moment's facts, never corrupt the file).
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    return InsightsStore(db)
