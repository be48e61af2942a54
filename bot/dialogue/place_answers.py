"""Reading a reply to "Where would you like support near?" that is not a place (data/dialogue/place_answers.yml).

People answer that question in many ways besides a town: "anywhere", "not sure", "near me", "I'd rather
not say", "never mind", "yes". Read as place names, each got "I don't know where 'near me' is". This
module says what such a reply means, so the support form can answer it (actions/support.py). Pure, no
Rasa. A reply that names a real place is read as the place before this module is asked.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from re import Pattern

from bot import DATA_DIR
from bot.datafiles import compile_patterns, load_yaml

PLACE_ANSWERS_FILE = DATA_DIR / "dialogue" / "place_answers.yml"
# In the order they are tried: the first kind with a matching pattern wins.
KINDS = ("stop", "decline", "anywhere", "near_me", "how_to_help", "what_can_i_do", "unsure", "agree", "request")


class PlaceAnswersError(ValueError):
    """The place answers file is malformed; the message names the kind and pattern."""


@dataclass(frozen=True)
class PlaceAnswers:
    max_words: int
    patterns: tuple[tuple[str, tuple[Pattern[str], ...]], ...]


@functools.lru_cache(maxsize=2)
def load_place_answers(path: Path = PLACE_ANSWERS_FILE) -> PlaceAnswers:
    raw = load_yaml(path, PlaceAnswersError) or {}
    if not isinstance(raw, dict):
        raise PlaceAnswersError(f"{path}: expected a mapping of kinds to patterns")
    max_words = raw.pop("max_words", None)
    if not isinstance(max_words, int) or max_words < 1:
        raise PlaceAnswersError(f"{path}: max_words must be a positive whole number, found {max_words!r}")
    if set(raw) != set(KINDS):
        raise PlaceAnswersError(f"{path}: needs exactly the kinds {KINDS}, found {sorted(raw)}")
    for kind in KINDS:
        if not isinstance(raw[kind], list) or not raw[kind]:
            raise PlaceAnswersError(f"{path}: {kind}: needs a list of patterns")
    patterns = tuple((kind, compile_patterns(raw[kind], PlaceAnswersError, path, kind)) for kind in KINDS)
    return PlaceAnswers(max_words, patterns)


def normalise(text: str) -> str:
    """Lower case, straight apostrophes, letters, digits and apostrophes only, single spaces."""
    lowered = (text or "").lower().replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(re.sub(r"[^\w']+", " ", lowered).split())


def read_place_answer(text: str) -> str | None:
    """The kind of reply (one of KINDS), or None when it is none of them (perhaps a place we don't know)."""
    answers = load_place_answers()
    words = normalise(text)
    if not words or len(words.split()) > answers.max_words:
        return None
    for kind, patterns in answers.patterns:
        if any(p.search(words) for p in patterns):
            return kind
    return None


def looks_like_a_name(text: str, max_words: int = 4) -> bool:
    """Short enough to be a place name we don't know ("Narnia", "Little Snoring"), so worth quoting back.
    A longer reply is quoted back as a sentence, which reads oddly ("I don't know where 'I feel...' is")."""
    words = normalise(text).split()
    return 0 < len(words) <= max_words and not text.rstrip().endswith("?")
