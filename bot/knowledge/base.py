"""The knowledge base as the rest of the code sees it: lookups by area, part, example and free text."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

from bot.knowledge.index import KnowledgeIndex, Passage
from bot.knowledge.loader import KNOWLEDGE_DIR, load_files
from bot.knowledge.models import AREA_IDS, About, Area, Example, Principles

PARTS = (
    "problem",
    "solution",
    "problems_it_leads_to",
    "impact",
    "what_to_try",
    "challenges",
    "examples",
    "patient_view",
    "references",
)


class KnowledgeBase:
    """Validated guide content. Build it with `load_knowledge_base()`."""

    def __init__(self, areas: dict[str, Area], principles: Principles, about: About):
        self.areas = areas
        self.principles = principles
        self.about = about
        self._examples: dict[str, tuple[str, Example]] = {ex.id: (area.id, ex) for area in areas.values() for ex in area.examples}
        self._index: KnowledgeIndex | None = None

    def area(self, area_id: str) -> Area:
        try:
            return self.areas[area_id]
        except KeyError:
            raise KeyError(f"no area '{area_id}'; areas are {', '.join(AREA_IDS)}") from None

    def part(self, area_id: str, part: str) -> Any:
        if part not in PARTS:
            raise KeyError(f"no part '{part}'; parts are {', '.join(PARTS)}")
        return getattr(self.area(area_id), part)

    def example(self, example_id: str) -> tuple[str, Example]:
        """The area id and the example with this id."""
        try:
            return self._examples[example_id]
        except KeyError:
            raise KeyError(f"no example '{example_id}'") from None

    def all_examples(self) -> list[tuple[str, Example]]:
        return list(self._examples.values())

    def find_examples(self, name: str) -> list[tuple[str, Example]]:
        """Examples whose organisations, place or title mention every word of `name` (case-insensitive)."""
        words = re.findall(r"[^\W_]+", name.lower())
        if not words:
            return []
        hits = []
        for area_id, ex in self._examples.values():
            haystack = " ".join([*ex.organisations, ex.place or "", ex.nation or "", ex.title]).lower()
            if all(re.search(rf"\b{re.escape(w)}", haystack) for w in words):
                hits.append((area_id, ex))
        return hits

    def match_examples(self, text: str, names_only: bool = False) -> list[tuple[str, Example]]:
        """Examples a free-text question points to ("what did Oldham do?", "an example from Wales",
        "anything on physio training?"), best first; [] when nothing fits well.

        A word found in an example's organisations, place, nation or title counts twice; in its story
        once. Examples need a score of 2 or more (1 for a one-word question such as "IMPARTS"), and only
        those with the top score are returned. `names_only` looks only at organisations, places and nations
        (for a message that may be about something else entirely: "find some support" names no example).
        """
        words = [w for w in re.findall(r"[^\W_]+", text.lower()) if len(w) > 2 and w not in _QUESTION_WORDS]
        if names_only:
            # Only a name itself: a whole word ("Oldham", "Wales"), never a common word that happens to start
            # an organisation's name ("here" in Herefordshire, "patient" in a patient information centre).
            words = [w for w in words if w not in _COMMON_NAME_WORDS]
        if not words:
            return []
        scored = []
        for area_id, ex in self._examples.values():
            proper = [*ex.organisations, ex.place or "", ex.nation or ""]
            names = " ".join(proper if names_only else [*proper, ex.title]).lower()
            story = "" if names_only else f"{ex.what_they_did} {ex.what_happened}".lower()
            ending = r"s?\b" if names_only else ""
            score = sum(
                2 if re.search(rf"\b{re.escape(w)}{ending}", names) else 1 if re.search(rf"\b{re.escape(w)}", story) else 0
                for w in words
            )
            if score >= min(2, len(words)):
                scored.append((score, area_id, ex))
        if not scored:
            return []
        best = max(score for score, _, _ in scored)
        return [(area_id, ex) for score, area_id, ex in scored if score == best]

    def search(self, text: str, limit: int = 5, area_id: str | None = None) -> list[Passage]:
        """Ranked passages for free text, best first; [] when nothing matches."""
        if self._index is None:
            self._index = KnowledgeIndex(self.areas, self.principles, self.about)
        return self._index.search(text, limit=limit, area_id=area_id)

    def build_index_file(self, path: Path) -> Path:
        """Write the search database to `path` (for inspection with any SQLite tool)."""
        KnowledgeIndex(self.areas, self.principles, self.about, path=path)
        return path


# Words of a question that say nothing about which example is meant.
_QUESTION_WORDS = frozenset(
    """
    what which who where when how why did does do done tell about more anything any example examples ask
    see hear read share show shows give gives could please some support help find get need
    there the and for from with that this those these one ones was were are have has had can could would
    you your our they them their service services please show give find know like something else
    first second third last also just really want need good work worked working team teams did
""".split()
)


# Words in organisations' names that are everyday words in a message about care.
_COMMON_NAME_WORDS = frozenset(
    """
    patient patients pain health mental management hospital trust programme centre care clinic group self
    information education resource partnership foundation university practice practices community nhs
    physical people network local council primary msk iapt gp physio physiotherapy talking therapies
    back backs neck spine spinal healthy lower living well life wellbeing
""".split()
)


@functools.lru_cache(maxsize=4)
def load_knowledge_base(directory: Path = KNOWLEDGE_DIR) -> KnowledgeBase:
    """Load and validate once per directory; raises `KnowledgeBaseError` on any problem."""
    return KnowledgeBase(*load_files(Path(directory)))
