"""The knowledge base as the rest of the code sees it: lookups by area, part, example and free text."""
from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

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

    def __init__(self, areas: Dict[str, Area], principles: Principles, about: About):
        self.areas = areas
        self.principles = principles
        self.about = about
        self._examples: Dict[str, Tuple[str, Example]] = {
            ex.id: (area.id, ex) for area in areas.values() for ex in area.examples
        }
        self._index: Optional[KnowledgeIndex] = None

    def area(self, area_id: str) -> Area:
        try:
            return self.areas[area_id]
        except KeyError:
            raise KeyError(f"no area '{area_id}'; areas are {', '.join(AREA_IDS)}") from None

    def part(self, area_id: str, part: str) -> Any:
        if part not in PARTS:
            raise KeyError(f"no part '{part}'; parts are {', '.join(PARTS)}")
        return getattr(self.area(area_id), part)

    def example(self, example_id: str) -> Tuple[str, Example]:
        """The area id and the example with this id."""
        try:
            return self._examples[example_id]
        except KeyError:
            raise KeyError(f"no example '{example_id}'") from None

    def all_examples(self) -> List[Tuple[str, Example]]:
        return list(self._examples.values())

    def find_examples(self, name: str) -> List[Tuple[str, Example]]:
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

    def search(self, text: str, limit: int = 5, area_id: Optional[str] = None) -> List[Passage]:
        """Ranked passages for free text, best first; [] when nothing matches."""
        if self._index is None:
            self._index = KnowledgeIndex(self.areas, self.principles, self.about)
        return self._index.search(text, limit=limit, area_id=area_id)

    def build_index_file(self, path: Path) -> Path:
        """Write the search database to `path` (for inspection with any SQLite tool)."""
        KnowledgeIndex(self.areas, self.principles, self.about, path=path)
        return path


@functools.lru_cache(maxsize=4)
def load_knowledge_base(directory: Path = KNOWLEDGE_DIR) -> KnowledgeBase:
    """Load and validate once per directory; raises `KnowledgeBaseError` on any problem."""
    return KnowledgeBase(*load_files(Path(directory)))
