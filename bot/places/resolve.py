"""Understand a place someone typed: a town, a full postcode, a postcode district ("ST4") or area.

The answer is one of three things, never a silent guess:
- `Place`: where it is (coordinates), its nation when known, and how precise that is;
- `Ambiguous`: several towns share the name; the options to ask about ("Newport in south Wales, or ...");
- `Unknown`: nothing matched, with the text that was not understood.
Postcodes resolve to their postcode area's main town (data/places/postcode_areas.csv), so they are
approximate; the reply says "around <town>". No Rasa imports.
"""
from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple, Union

import yaml

from bot import DATA_DIR
from bot.places.gazetteer import Town, load_towns

POSTCODE_AREAS_FILE = DATA_DIR / "places" / "postcode_areas.csv"
AMBIGUOUS_FILE = DATA_DIR / "places" / "ambiguous_towns.yml"
NATIONS = ("England", "Wales", "Scotland", "Northern Ireland")
_FULL = re.compile(r"^([A-Z]{1,2})([0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})$")
_DISTRICT = re.compile(r"^([A-Z]{1,2})([0-9][A-Z0-9]?)$")
_AREA = re.compile(r"^([A-Z]{1,2})$")
_NATION_WORDS = {"england": "England", "wales": "Wales", "cymru": "Wales", "scotland": "Scotland",
                 "northern ireland": "Northern Ireland", "ni": "Northern Ireland"}
MAX_PLACE_CHARS = 80


@dataclass(frozen=True)
class Place:
    name: str
    latitude: float
    longitude: float
    nation: Optional[str]
    precision: str  # "town", "postcode area" or "nation"


@dataclass(frozen=True)
class Ambiguous:
    name: str
    options: Tuple[Tuple[str, Place], ...]  # (label, place)


@dataclass(frozen=True)
class Unknown:
    text: str


Resolution = Union[Place, Ambiguous, Unknown]


@dataclass(frozen=True)
class PostcodeArea:
    area: str
    post_town: str
    town: Town
    nation: Optional[str]


@functools.lru_cache(maxsize=1)
def load_postcode_areas() -> Dict[str, PostcodeArea]:
    towns = load_towns()
    areas: Dict[str, PostcodeArea] = {}
    with POSTCODE_AREAS_FILE.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            found = towns.get((row.get("geonames_town") or "").lower())
            if not found:
                raise ValueError(f"{POSTCODE_AREAS_FILE.name} line {line}: geonames_town "
                                 f"'{row.get('geonames_town')}' is not in the town list")
            nation = row.get("nation") or None
            if nation is not None and nation not in NATIONS:
                raise ValueError(f"{POSTCODE_AREAS_FILE.name} line {line}: nation '{nation}' is not one of {NATIONS}")
            areas[row["area"].upper()] = PostcodeArea(row["area"].upper(), row["post_town"], found[0], nation)
    return areas


@functools.lru_cache(maxsize=1)
def _labels() -> Dict[str, List[dict]]:
    return yaml.safe_load(AMBIGUOUS_FILE.read_text(encoding="utf-8")) or {}


def _label_for(name: str, town: Town) -> str:
    for entry in _labels().get(name.lower(), []):
        if abs(entry["lat"] - town.latitude) < 0.1 and abs(entry["lon"] - town.longitude) < 0.1:
            return entry["label"]
    return f"{town.name} in {town.nation}"


def _by_label(text: str) -> Optional[Town]:
    """The town an ambiguity label names ("Newport in south Wales"), so a button can answer the question."""
    for name, entries in _labels().items():
        for entry in entries:
            if entry["label"].lower() == text.lower():
                for town in load_towns().get(name, ()):
                    if abs(entry["lat"] - town.latitude) < 0.1 and abs(entry["lon"] - town.longitude) < 0.1:
                        return town
    return None


def _from_town(town: Town) -> Place:
    return Place(town.name, town.latitude, town.longitude, town.nation, "town")


def _from_postcode(area_code: str, shown: str) -> Resolution:
    area = load_postcode_areas().get(area_code)
    if area is None:
        return Unknown(shown)
    return Place(f"{shown} (around {area.post_town})", area.town.latitude, area.town.longitude, area.nation,
                 "postcode area")


def resolve(text: Optional[str]) -> Resolution:
    """What place the text names. Safe for any input: long or odd text is simply Unknown."""
    raw = " ".join(str(text or "").split())[:MAX_PLACE_CHARS]
    cleaned = raw.strip(" .,!?;:'\"()[]{}<>")
    if not cleaned:
        return Unknown(raw)
    upper = cleaned.upper()
    for pattern, shown in ((_FULL, None), (_DISTRICT, None)):
        match = pattern.match(upper)
        if match:
            display = f"{match.group(1)}{match.group(2)}" + (f" {match.group(3)}" if pattern is _FULL else "")
            return _from_postcode(match.group(1), display)
    labelled = _by_label(cleaned)
    if labelled is not None:
        return _from_town(labelled)
    towns = load_towns().get(cleaned.lower())
    if towns:
        if len(towns) == 1:
            return _from_town(towns[0])
        return Ambiguous(towns[0].name, tuple((_label_for(cleaned, t), _from_town(t)) for t in towns))
    if cleaned.lower() in _NATION_WORDS:
        return Unknown(raw)  # a whole nation is not a place to search near; the caller may use the nation
    if _AREA.match(upper) and upper in load_postcode_areas() and cleaned.isupper():
        return _from_postcode(upper, upper)
    return Unknown(raw)


def nation_named(text: Optional[str]) -> Optional[str]:
    """The nation a text names outright ("Wales"), if any."""
    return _NATION_WORDS.get(" ".join(str(text or "").lower().split()))
