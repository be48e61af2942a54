"""The deterministic crisis net: curated patterns from `data/safety/patterns.yml`.

It is deliberately simple and auditable: regular expressions over normalised text, with idioms blanked
out and negation checked only where a rule allows it. It errs towards firing: a false alarm costs a
person a few seconds, a miss could cost far more.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Optional, Pattern, Tuple

import yaml

from bot import DATA_DIR

PATTERNS_FILE = DATA_DIR / "safety" / "patterns.yml"
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
_NOT_WORD = re.compile(r"[^a-z0-9']+")
_CLAUSE_BREAK = re.compile(r"[.,;:!?\n]|\bbut\b|\bthough\b|\bhowever\b")


class SafetyConfigError(ValueError):
    """The patterns file is invalid; the message names the rule and pattern."""


@dataclass(frozen=True)
class Rule:
    id: str
    category: str
    negatable: bool
    patterns: Tuple[Pattern[str], ...]


@dataclass(frozen=True)
class SafetyResult:
    """What the net found. `fired` is True when the message must get crisis support."""

    fired: bool
    rule_id: Optional[str] = None
    category: Optional[str] = None
    matched: Optional[str] = None
    third_party: bool = False
    all_rules: Tuple[str, ...] = field(default_factory=tuple)


def normalise(text: str) -> str:
    """Lower case, compatibility-normalised, apostrophes straightened, punctuation to spaces."""
    text = unicodedata.normalize("NFKC", text or "").translate(_APOSTROPHES).lower()
    return " ".join(_NOT_WORD.sub(" ", text).split())


def _compile(pattern: str, where: str) -> Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise SafetyConfigError(f"{where}: pattern {pattern!r} is not a valid regular expression ({exc})") from None


class SafetyNet:
    """Checks one message at a time; thread-safe (holds only compiled patterns)."""

    def __init__(self, config: dict, source: str = "patterns"):
        try:
            self.rules = tuple(
                Rule(
                    id=r["id"],
                    category=r["category"],
                    negatable=bool(r.get("negatable", False)),
                    patterns=tuple(_compile(p, f"{source}: rule {r['id']}") for p in r["patterns"]),
                )
                for r in config["rules"]
            )
            self.safe_phrases = tuple(_compile(p, f"{source}: safe_phrases") for p in config["safe_phrases"])
            self.negation = _compile(config["negation_cues"], f"{source}: negation_cues")
            self.negation_window = int(config["negation_window_words"])
            self.informational_rules = frozenset(config["informational_rules"])
            self.informational = _compile(config["informational_context"], f"{source}: informational_context")
            self.personal = _compile(config["personal_cues"], f"{source}: personal_cues")
        except (KeyError, TypeError) as exc:
            raise SafetyConfigError(f"{source}: missing or malformed field {exc}") from None
        ids = [r.id for r in self.rules]
        if len(set(ids)) != len(ids):
            raise SafetyConfigError(f"{source}: rule ids must be unique")

    def _negated(self, text: str, start: int) -> bool:
        before = _CLAUSE_BREAK.split(text[:start])[-1].split()
        window = " ".join(before[-self.negation_window :])
        return bool(self.negation.search(window))

    def check(self, text: str) -> SafetyResult:
        raw = (text or "").lower()
        norm = normalise(text)
        for phrase in self.safe_phrases:
            norm = phrase.sub(" ", norm)
        # Negation is judged on the raw text so that clause breaks (commas, "but") are still visible.
        raw_norm = unicodedata.normalize("NFKC", raw).translate(_APOSTROPHES)
        hits: List[Tuple[Rule, str]] = []
        for rule in self.rules:
            for pattern in rule.patterns:
                for match in pattern.finditer(norm):
                    if rule.negatable and self._is_negated_in_raw(raw_norm, match.group(0)):
                        continue
                    hits.append((rule, match.group(0)))
                    break
                else:
                    continue
                break
        hits = [h for h in hits if not self._informational_only(h[0], norm)]
        if not hits:
            return SafetyResult(fired=False)
        rule, matched = hits[0]
        # Only when every hit is about someone else is this a report by a professional or carer.
        third_party = all(r.category == "third_party" for r, _ in hits)
        return SafetyResult(
            fired=True,
            rule_id=rule.id,
            category=rule.category,
            matched=matched,
            third_party=third_party,
            all_rules=tuple(r.id for r, _ in hits),
        )

    def _is_negated_in_raw(self, raw: str, matched: str) -> bool:
        # Find the matched words in the raw text (loosely, ignoring punctuation) to see what precedes.
        words = matched.split()
        loose = r"[^a-z0-9']+".join(re.escape(w) for w in words)
        found = re.search(loose, raw)
        if not found:
            return False
        return self._negated(raw, found.start())

    def _informational_only(self, rule: Rule, norm: str) -> bool:
        if rule.id not in self.informational_rules:
            return False
        return bool(self.informational.search(norm)) and not self.personal.search(norm)


@functools.lru_cache(maxsize=2)
def load_safety_net(path: Path = PATTERNS_FILE) -> SafetyNet:
    """Load and compile the patterns once; raises `SafetyConfigError` on a bad file."""
    try:
        config = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise SafetyConfigError(f"{path}: cannot be read ({exc})") from None
    return SafetyNet(config, source=str(path))
