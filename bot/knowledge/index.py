"""Full-text search over the knowledge base, in a SQLite database built from the YAML.

Each searchable passage is one row: an area's problem or solution, one item to try, one challenge with
its ideas, one example, the patient view, a principle, or a fact about the guide. FTS5 with the Porter
stemmer ranks them (bm25), so "signposting" finds "signpost" and "trained" finds "training".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from bot.knowledge.models import About, Area, Principles

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
MAX_QUERY_WORDS = 32


@dataclass(frozen=True)
class Passage:
    """One search hit: where it lives in the knowledge base and its text."""

    area_id: str | None
    part: str
    ref_id: str
    title: str
    text: str
    score: float


def _rows(areas: dict[str, Area], principles: Principles, about: About) -> Iterator[dict]:
    for area in areas.values():
        base = {"area_id": area.id}
        yield {**base, "part": "problem", "ref_id": f"{area.id}.problem", "title": area.title, "text": area.problem}
        yield {**base, "part": "solution", "ref_id": f"{area.id}.solution", "title": area.title, "text": area.solution}
        for i, h in enumerate(area.problems_it_leads_to):
            yield {
                **base,
                "part": "problems_it_leads_to",
                "ref_id": f"{area.id}.problems.{i}",
                "title": h.heading,
                "text": h.text,
            }
        for i, h in enumerate(area.impact):
            yield {**base, "part": "impact", "ref_id": f"{area.id}.impact.{i}", "title": h.heading, "text": h.text}
        for item in area.what_to_try:
            yield {**base, "part": "what_to_try", "ref_id": f"{area.id}.{item.id}", "title": item.title, "text": item.text}
        for ch in area.challenges:
            ideas = " ".join(f"{idea.title}. {idea.text}" for idea in ch.ideas)
            yield {**base, "part": "challenges", "ref_id": f"{area.id}.{ch.id}", "title": ch.title, "text": f"{ch.text} {ideas}"}
        for ex in area.examples:
            text = " ".join(
                [", ".join(ex.organisations), ex.place or "", ex.what_they_did, ex.what_happened, " ".join(ex.figures)]
            )
            yield {**base, "part": "examples", "ref_id": ex.id, "title": ex.title, "text": text}
        pv = area.patient_view
        yield {
            **base,
            "part": "patient_view",
            "ref_id": f"{area.id}.patient_view",
            "title": area.title,
            "text": " ".join([pv.how_it_can_feel, pv.what_good_care_looks_like, *pv.what_you_can_ask_for]),
        }
    for p in principles.principles:
        yield {
            "area_id": None,
            "part": "principles",
            "ref_id": f"principles.{p.id}",
            "title": p.title,
            "text": f"{p.explanation} {p.for_patients}",
        }
    yield {
        "area_id": None,
        "part": "about",
        "ref_id": "about",
        "title": about.title,
        "text": " ".join([about.audience, about.how_to_use, about.how_it_was_made, *(f.text for f in about.key_facts)]),
    }


def to_match_query(text: str) -> str | None:
    """Make a safe FTS5 query from free text: each word quoted, OR-ed. None when no word is left."""
    words = [w.lower() for w in _WORD.findall(text)][:MAX_QUERY_WORDS]
    if not words:
        return None
    return " OR ".join('"' + w.replace('"', "") + '"' for w in dict.fromkeys(words))


class KnowledgeIndex:
    """A passage table with an FTS5 index, in memory by default or in the given SQLite file."""

    def __init__(self, areas: dict[str, Area], principles: Principles, about: About, path: str | Path | None = None):
        if path is None:
            self.db = sqlite_utils.Database(memory=True)
        else:
            Path(path).unlink(missing_ok=True)
            self.db = sqlite_utils.Database(path)
        table = self.db.table("passages")
        table.insert_all(_rows(areas, principles, about), pk="ref_id")
        table.enable_fts(["title", "text"], tokenize="porter", create_triggers=False)

    def search(self, text: str, limit: int = 5, area_id: str | None = None) -> list[Passage]:
        query = to_match_query(text)
        if query is None:
            return []
        sql = (
            "select p.area_id, p.part, p.ref_id, p.title, p.text, bm25(passages_fts) as score "
            "from passages_fts join passages p on p.rowid = passages_fts.rowid "
            "where passages_fts match :q" + (" and p.area_id = :area" if area_id else "") + " order by score limit :limit"
        )
        rows = self.db.execute(sql, {"q": query, "area": area_id, "limit": limit}).fetchall()
        return [Passage(row[0], row[1], row[2], row[3], row[4], -row[5]) for row in rows]
