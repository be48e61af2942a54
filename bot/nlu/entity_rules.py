"""Rule-based entities with spaCy: roles (normalised to professional / patient / carer), conditions and
places. A blank English pipeline tokenises; a PhraseMatcher finds the phrases from
`data/nlu/entity_rules.yml` and the town list; postcodes are matched by shape. No Rasa imports.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Dict, List, Optional

import spacy
from spacy.matcher import PhraseMatcher

from bot import DATA_DIR
from bot.datafiles import load_yaml
from bot.places import POSTCODE_RE, load_towns

RULES_FILE = DATA_DIR / "nlu" / "entity_rules.yml"
ROLE_VALUES = ("professional", "patient", "carer")
# English words that are also town names: matched only when capitalised ("Reading", not "reading").
AMBIGUOUS_TOWNS = {"reading", "bath", "wells", "street", "sale", "march", "deal", "hyde", "poole", "rugby",
                   "bury", "hastings", "lancing", "ware", "bangor", "washington", "crawley", "stone", "ely"}
_SELF_INTRO = re.compile(r"\b(i'?m|i am|i work as|working as|as|i'm an?|i am an?)\s+(an?\s+|the\s+)?$", re.IGNORECASE)
_POSSESSIVE = re.compile(r"\b(my|our)\s+$", re.IGNORECASE)


class EntityRulesError(ValueError):
    pass


class EntityRules:
    """Finds role, condition and place entities in a message."""

    def __init__(self, config: dict):
        self.nlp = spacy.blank("en")
        self.roles = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.markers = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.conditions = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.support_kinds = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.places_lower = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.places_exact = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        try:
            for value, phrases in config["roles"].items():
                if value not in ROLE_VALUES:
                    raise EntityRulesError(f"roles: '{value}' is not one of {ROLE_VALUES}")
                self.roles.add(value, [self.nlp.make_doc(p) for p in phrases])
            self.markers.add("professional", [self.nlp.make_doc(p) for p in config["professional_markers"]])
            for value, phrases in config["conditions"].items():
                self.conditions.add(value, [self.nlp.make_doc(p) for p in phrases])
            for value, phrases in config["support_kinds"].items():
                self.support_kinds.add(value, [self.nlp.make_doc(p) for p in phrases])
        except (KeyError, TypeError, AttributeError) as exc:
            raise EntityRulesError(f"{RULES_FILE}: missing or malformed section {exc}") from None
        towns = load_towns()
        self.places_lower.add("place", [self.nlp.make_doc(t[0].name) for n, t in towns.items() if n not in AMBIGUOUS_TOWNS])
        self.places_exact.add("place", [self.nlp.make_doc(t[0].name) for n, t in towns.items() if n in AMBIGUOUS_TOWNS])

    def role(self, text: str, doc=None) -> Optional[Dict]:
        """The speaker's role when the message says it clearly enough, else None."""
        doc = doc if doc is not None else self.nlp.make_doc(text)
        if self.markers(doc):
            _, start, end = self.markers(doc)[0]
            return {"value": "professional", "start": doc[start].idx, "end": doc[end - 1].idx + len(doc[end - 1])}
        best = None
        for match_id, start, end in self.roles(doc):
            value = self.nlp.vocab.strings[match_id]
            span = doc[start:end]
            before = text[: span.start_char]
            if value == "professional":
                if _POSSESSIVE.search(before):  # "my GP", "my physio": said by a patient
                    value = "patient"
                elif not _SELF_INTRO.search(before):
                    continue  # "GPs are busy" says nothing about who is speaking
            candidate = {"value": value, "start": span.start_char, "end": span.end_char}
            # A professional introduction wins; otherwise carer beats patient ("my husband's back").
            rank = {"professional": 3, "carer": 2, "patient": 1}[value]
            if best is None or rank > best[0]:
                best = (rank, candidate)
        return best[1] if best else None

    def extract(self, text: str) -> List[Dict]:
        if not text:
            return []
        doc = self.nlp.make_doc(text)
        entities: List[Dict] = []
        role = self.role(text, doc)
        if role:
            entities.append({"entity": "role", **role})
        seen = set()
        for match_id, start, end in self.conditions(doc):
            value = self.nlp.vocab.strings[match_id]
            if value not in seen:
                seen.add(value)
                span = doc[start:end]
                entities.append({"entity": "condition", "value": value, "start": span.start_char, "end": span.end_char})
        towns = load_towns()
        kinds = sorted(self.support_kinds(doc), key=lambda m: (m[1], -(m[2] - m[1])))
        if kinds:  # the first and longest mention: "pain group" rather than "group"
            match_id, start, end = kinds[0]
            span = doc[start:end]
            entities.append({"entity": "support_kind", "value": self.nlp.vocab.strings[match_id],
                             "start": span.start_char, "end": span.end_char})
        places = [doc[s:e] for _, s, e in self.places_lower(doc)] + [doc[s:e] for _, s, e in self.places_exact(doc)]
        for span in sorted(places, key=lambda s: (s.start_char, -len(s.text))):
            if any(e["entity"] == "place" and e["start"] <= span.start_char < e["end"] for e in entities):
                continue
            name = towns[span.text.lower()][0].name  # the town's own spelling, whatever the case typed
            entities.append({"entity": "place", "value": name, "start": span.start_char, "end": span.end_char})
        for m in POSTCODE_RE.finditer(text):
            full = m.group("inward") is not None
            # An outward code alone must be written in capitals ("ST4"), to avoid words like "b12".
            if not full and not m.group("outward").isupper():
                continue
            entities.append({"entity": "place", "value": m.group(0).upper(), "start": m.start(), "end": m.end()})
        return entities


@functools.lru_cache(maxsize=2)
def load_entity_rules(path: Path = RULES_FILE) -> EntityRules:
    return EntityRules(load_yaml(path, EntityRulesError))
