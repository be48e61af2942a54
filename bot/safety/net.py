"""The deterministic crisis net: curated patterns from `data/safety/patterns.yml`.

It is deliberately simple and auditable: regular expressions over normalised text, with idioms blanked
out, negation honoured only where a rule allows it, and informational questions ("suicide prevention
training") excused only for bare topic words. It errs towards firing: a false alarm costs a person a few
seconds, a miss could cost far more. The file's header explains each step.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Pattern, Tuple


from bot import DATA_DIR
from bot.datafiles import load_yaml

PATTERNS_FILE = DATA_DIR / "safety" / "patterns.yml"
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
_NOT_WORD = re.compile(r"[^a-z0-9']+")
# Clause breaks are judged on the raw text, where punctuation is still visible.
_CLAUSE_BREAK = re.compile(r"[.;:!?\n,]|\bbut\b|\bthough\b|\bhowever\b")


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
    all_rules: Tuple[str, ...] = ()
    # When the net did not fire: the risky-looking words are explained by a known idiom, a clear
    # negation or an informational question, so a statistical guess of `crisis` may be set aside.
    explained: bool = False


def _compile(pattern: str, where: str) -> Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise SafetyConfigError(f"{where}: pattern {pattern!r} is not a valid regular expression ({exc})") from None


class SafetyNet:
    """Checks one message at a time; holds only compiled patterns, so it is safe to share."""

    def __init__(self, config: dict, source: str = "patterns"):
        try:
            self.word_map: Dict[str, str] = {str(k): str(v) for k, v in config.get("word_map", {}).items()}
            meds = config["meds"]
            self.rules = tuple(
                Rule(
                    id=r["id"],
                    category=r["category"],
                    negatable=bool(r.get("negatable", False)),
                    patterns=tuple(
                        _compile(p.replace("{meds}", meds), f"{source}: rule {r['id']}") for p in r["patterns"]
                    ),
                )
                for r in config["rules"]
            )
            self.safe_phrases = tuple(_compile(p, f"{source}: safe_phrases") for p in config["safe_phrases"])
            self.negation_before = _compile(config["negation_before"], f"{source}: negation_before")
            self.negation_after = _compile(config["negation_after"], f"{source}: negation_after")
            self.informational_rules = frozenset(config["informational_rules"])
            self.informational = _compile(config["informational_context"], f"{source}: informational_context")
            self.personal_risk = _compile(config["personal_risk"], f"{source}: personal_risk")
        except (KeyError, TypeError, AttributeError) as exc:
            raise SafetyConfigError(f"{source}: missing or malformed field {exc}") from None
        ids = [r.id for r in self.rules]
        if len(set(ids)) != len(ids):
            raise SafetyConfigError(f"{source}: rule ids must be unique")
        unknown = self.informational_rules - set(ids)
        if unknown:
            raise SafetyConfigError(f"{source}: informational_rules names unknown rules {sorted(unknown)}")

    def normalise(self, text: str) -> str:
        """Lower case, compatibility-normalised, punctuation to spaces, text-speak mapped to words."""
        text = unicodedata.normalize("NFKC", text or "").translate(_APOSTROPHES).lower()
        words = [w.strip("'") for w in _NOT_WORD.sub(" ", text).split()]  # quotes, not apostrophes
        return " ".join(self.word_map.get(w, w) for w in words if w)

    def _clauses(self, text: str) -> List[str]:
        """The message split at clause breaks, each clause normalised."""
        raw = unicodedata.normalize("NFKC", text or "").translate(_APOSTROPHES).lower()
        return [c for c in (self.normalise(part) for part in _CLAUSE_BREAK.split(raw)) if c]

    def _negated(self, clause: str, start: int, end: int) -> bool:
        return bool(self.negation_before.search(clause[:start]) or self.negation_after.search(clause[end:]))

    def _scrub(self, text: str) -> str:
        for phrase in self.safe_phrases:
            text = phrase.sub(" ", text)
        return " ".join(text.split())

    def check(self, text: str) -> SafetyResult:
        normalised = self.normalise(text)
        whole = self._scrub(normalised)
        idiom = whole != " ".join(normalised.split())
        clauses = [self._scrub(c) for c in self._clauses(text)]
        hits: List[Tuple[Rule, str]] = []
        negated: List[bool] = []
        for rule in self.rules:
            matched = self._match_rule(rule, whole, clauses, negated)
            if matched is not None:
                hits.append((rule, matched))
        informational = bool(self.informational.search(whole)) and not self.personal_risk.search(whole)
        if informational:
            hits = [h for h in hits if h[0].id not in self.informational_rules]
        if not hits:
            return SafetyResult(fired=False, explained=idiom or informational or any(negated))
        rule, matched = hits[0]
        return SafetyResult(
            fired=True,
            rule_id=rule.id,
            category=rule.category,
            matched=matched,
            # Only when every hit is about someone else is this a report by a professional or carer.
            third_party=all(r.category == "third_party" for r, _ in hits),
            all_rules=tuple(r.id for r, _ in hits),
        )

    def _match_rule(self, rule: Rule, whole: str, clauses: List[str], negated: List[bool]) -> Optional[str]:
        """The first match of the rule, or None. Appends True to `negated` for each match set aside
        because it was negated."""
        for pattern in rule.patterns:
            if not rule.negatable:
                found = pattern.search(whole)
                if found:
                    return found.group(0)
                continue
            # Negatable rules are matched clause by clause so that a negation governs its own clause only;
            # patterns that span clauses ("...child... being hurt") are also tried on the whole message.
            for clause in clauses:
                for found in pattern.finditer(clause):
                    if not self._negated(clause, found.start(), found.end()):
                        return found.group(0)
                    negated.append(True)
            if not any(pattern.search(c) for c in clauses):
                found = pattern.search(whole)
                if found:
                    return found.group(0)
        return None


@functools.lru_cache(maxsize=2)
def load_safety_net(path: Path = PATTERNS_FILE) -> SafetyNet:
    """Load and compile the patterns once; raises `SafetyConfigError` on a bad file."""
    return SafetyNet(load_yaml(path, SafetyConfigError), source=str(path))
