"""Rule-based entities with spaCy: roles (normalised to professional / patient / carer), conditions and
places. A blank English pipeline tokenises; PhraseMatchers find the phrases from `data/entities/entity_rules.yml`,
the UK town list and everyday names (`bot.places`) and the nations; postcodes are matched by shape.
Place names that are also everyday words follow `place_words` in the rules file. No Rasa imports.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from pathlib import Path

import spacy
from spacy.matcher import PhraseMatcher

from bot import DATA_DIR
from bot.datafiles import load_yaml
from bot.places import POSTCODE_RE
from bot.places.gazetteer import load_aliases, normalise, town_index

RULES_FILE = DATA_DIR / "entities" / "entity_rules.yml"
ROLE_VALUES = ("professional", "patient", "carer")
NEVER, CAPITALISED, LOWER = "never", "capitalised", "lower"
_SELF_INTRO = re.compile(r"\b(i'?m|i am|i work as|working as|as|i'm an?|i am an?)\s+(an?\s+|the\s+)?$", re.IGNORECASE)
_POSSESSIVE = re.compile(r"\b(my|our)\s+$", re.IGNORECASE)
# "GP here.", "Physio here, quick question": a role named and then "here" introduces the writer.
_HERE_AFTER = re.compile(r"^\s*(here|speaking)\b", re.IGNORECASE)
# The bare words for a patient ("patient", "service user") say who is writing only in an introduction:
# "a patient mentioned..." is usually a professional speaking of someone else.
_BARE_PATIENT = {"patient", "service user"}
# "My mum will literally kill me if I miss physio": a relative who would tell the writer off says nothing
# about caring for them; the writer is most likely the patient.
_THREATENS_ME = re.compile(
    r"^\s*('ll|'d|will|would|is going to|'s going to|is gonna|'s gonna|gonna)\s+(literally\s+|actually\s+|absolutely\s+)?"
    r"(kill|murder|strangle|throttle)\s+me\b",
    re.IGNORECASE,
)
_SENTENCE_END = {".", "!", "?", "\n"}


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
            words = config["place_words"]
            self.never: set[str] = {normalise(w) for w in words["never"]}
            self.capitalised: set[str] = {normalise(w) for w in words["capitalised"]}
            self.never_zipf, self.never_population = float(words["never_zipf"]), int(words["never_population"])
            self.capitalised_zipf = float(words["capitalised_zipf"])
            self.lower_case_population = int(words["lower_case_population"])
            self.not_after = _words_before(words["not_after"])
            self.months = {normalise(w) for w in words["months"]}
            self.date_words = _words_before(words["date_words"])
            self.month_place_cues = re.compile(
                r"\b(?:" + "|".join(re.escape(w) for w in words["month_place_cues"]) + r")\b", re.IGNORECASE
            )
            self.nation_not_after = _words_before(config["nation_not_after"])
            self.nation_not_before = {str(w).lower() for w in config["nation_not_before"]}
            nations = config["nations"]
            if not isinstance(nations, dict) or not all(isinstance(v, list) for v in nations.values()):
                raise TypeError("nations")
        except (KeyError, TypeError, AttributeError, ValueError) as exc:
            raise EntityRulesError(f"{RULES_FILE}: missing or malformed section {exc}") from None
        # Phrases that mean something else here ("back", "group") are never places.
        self.concern_words = {
            normalise(p)
            for section in ("conditions", "support_kinds", "roles")
            for phrases in config[section].values()
            for p in phrases
        }
        self.concern_words |= {normalise(p) for p in config["professional_markers"]}
        self.place_values: dict[str, str] = {}
        self.nation_values: dict[str, str] = {}
        lower: list[str] = []
        exact: list[str] = []
        for key, found in town_index().items():
            rule = self.place_rule(key, found[0].word_zipf, max(t.population for t in found))
            if rule == NEVER:
                continue
            self.place_values[key] = found[0].name
            names = {t.name for t in found}
            (exact if rule == CAPITALISED else lower).extend(v for n in names for v in _variants(n))
        for key, (written, targets) in load_aliases().items():
            self.place_values.pop(key, None)
            rule = self.place_rule(key, None, 0)
            if rule == NEVER:
                continue
            self.place_values[key] = targets[0].name if len(targets) == 1 else written
            (exact if rule == CAPITALISED else lower).extend(_variants(written))
        for nation, phrases in nations.items():
            for phrase in phrases:
                self.nation_values[normalise(phrase)] = nation
                (exact if phrase.isupper() else lower).append(phrase)
        self.places_lower.add("place", [self.nlp.make_doc(p) for p in sorted(set(lower))])
        self.places_exact.add("place", [self.nlp.make_doc(p) for p in sorted(set(exact))])

    def place_rule(self, key: str, word_zipf: float | None, population: int) -> str:
        """How a place name may be read in a sentence: never, only capitalised, or in any case."""
        if key in self.never or key in self.concern_words or len(key) < 3:
            return NEVER
        if key in self.capitalised:
            return CAPITALISED
        if word_zipf is not None and " " in key:  # "Church Street": capitalised; "Fort William": any case
            return CAPITALISED if word_zipf >= self.never_zipf else LOWER
        if word_zipf is not None:
            if word_zipf >= self.never_zipf and population < self.never_population:
                return NEVER
            if word_zipf >= self.capitalised_zipf and population < self.lower_case_population:
                return CAPITALISED
        return LOWER

    def role(self, text: str, doc=None) -> dict | None:
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
            introduced = bool(_SELF_INTRO.search(before) or _HERE_AFTER.match(text[span.end_char :]))
            if value == "professional":
                if _POSSESSIVE.search(before):  # "my GP", "my physio": said by a patient
                    value = "patient"
                elif not introduced:
                    continue  # "GPs are busy" says nothing about who is speaking
            elif value == "patient" and span.text.lower() in _BARE_PATIENT and not introduced:
                continue
            elif value == "carer" and _THREATENS_ME.match(text[span.end_char :]):
                continue
            candidate = {"value": value, "start": span.start_char, "end": span.end_char}
            # A professional introduction wins; otherwise carer beats patient ("my husband's back").
            rank = {"professional": 3, "carer": 2, "patient": 1}[value]
            if best is None or rank > best[0]:
                best = (rank, candidate)
        return best[1] if best else None

    def extract(self, text: str) -> list[dict]:
        if not text:
            return []
        doc = self.nlp.make_doc(text)
        entities: list[dict] = []
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
        kinds = sorted(self.support_kinds(doc), key=lambda m: (m[1], -(m[2] - m[1])))
        # The first and longest mention ("pain group" rather than "group"), but a kind named after "anything"
        # is the one asked for ("anything for ex-army lads").
        named = [k for k in kinds if self.nlp.vocab.strings[k[0]] != "any"]
        if kinds:
            match_id, start, end = (named or kinds)[0]
            span = doc[start:end]
            entities.append(
                {
                    "entity": "support_kind",
                    "value": self.nlp.vocab.strings[match_id],
                    "start": span.start_char,
                    "end": span.end_char,
                }
            )
        places = [(doc[s:e], False) for _, s, e in self.places_lower(doc)]
        places += [(doc[s:e], True) for _, s, e in self.places_exact(doc)]
        for span, capitalised in sorted(places, key=lambda p: (p[0].start_char, -len(p[0].text))):
            if any(e["entity"] == "place" and e["start"] <= span.start_char < e["end"] for e in entities):
                continue
            place = self.place_value(text, doc, span, capitalised)
            if place:
                entities.append({"entity": "place", "value": place, "start": span.start_char, "end": span.end_char})
        for m in POSTCODE_RE.finditer(text):
            full = m.group("inward") is not None
            # An outward code alone must be written in capitals ("ST4"), to avoid words like "b12".
            if not full and not m.group("outward").isupper():
                continue
            entities.append({"entity": "place", "value": m.group(0).upper(), "start": m.start(), "end": m.end()})
        return entities

    def place_value(self, text: str, doc, span, capitalised: bool) -> str | None:
        """The place a matched span names (a town's own spelling, or a nation), or None when the words
        around it show it is not a place here."""
        key = normalise(span.text)
        before = text[max(0, span.start_char - 40) : span.start_char]
        following = doc[span.end] if span.end < len(doc) else None
        nation = self.nation_values.get(key)
        if nation is not None:
            if self.nation_not_after.search(before) or (following is not None and following.lower_ in self.nation_not_before):
                return None  # "NHS England", "my NI number"
            return nation
        value = self.place_values.get(key)
        if value is None or self.not_after.search(before):
            return None
        if capitalised:
            at_start = span.start == 0 or doc[span.start - 1].text in _SENTENCE_END or "\n" in doc[span.start - 1].text
            if at_start and following is not None and following.is_alpha and following.is_lower:
                return None  # "Reading about pain helps", "Bath time"
        if key in self.months and (
            self.date_words.search(before)
            or (
                following is not None
                and (following.like_num or any(c.isdigit() for c in following.text) or following.lower_ in _DATE_AFTER)
            )
        ):
            return None  # "since March", "March 2024"
        if key in self.months and not (self.month_place_cues.search(before) or _county_follows(doc, span.end)):
            return None  # "my appointment is in March"; but "I live in March", "groups in March, Cambs"
        return value


_DATE_AFTER = {"last", "next", "this", "onwards"}


def _county_follows(doc, end: int) -> bool:
    """A county or "Cambs" right after a name ("March, Cambridgeshire") says it is a place."""
    following = [t.lower_ for t in doc[end : end + 2] if t.text != ","]
    return bool(following) and following[0] in {"cambridgeshire", "cambs", "fenland"}


def _words_before(words: Iterable[str]) -> re.Pattern[str]:
    """A pattern for text that ends with one of `words` (then a place or nation follows)."""
    alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\.?\s+$", re.IGNORECASE)


def _variants(name: str) -> list[str]:
    """Ways a name is written: "Stoke-on-Trent" / "Stoke on Trent", "King's Lynn" / "Kings Lynn", "St Ives" /
    "St. Ives" / "Saint Ives"."""
    found = {name, name.replace("-", " "), name.replace("'", ""), name.replace("-", " ").replace("'", "")}
    for variant in list(found):
        if re.match(r"St\.? ", variant):
            rest = re.sub(r"^St\.? ", "", variant)
            found |= {f"St {rest}", f"St. {rest}", f"Saint {rest}"}
        elif variant.startswith("Saint "):
            found |= {f"St {variant[6:]}", f"St. {variant[6:]}"}
    return sorted(found)


@functools.lru_cache(maxsize=2)
def load_entity_rules(path: Path = RULES_FILE) -> EntityRules:
    return EntityRules(load_yaml(path, EntityRulesError))
