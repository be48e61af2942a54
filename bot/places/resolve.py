"""Understand a place someone typed: a town or village, a full postcode, a postcode district ("ST4") or
area, an everyday name ("Brum", "Stoke"), or a short phrase around one ("I live in Leeds").

The answer is one of three things, never a silent guess:
- `Place`: where it is (coordinates), its nation when known, and how precise that is;
- `Ambiguous`: several towns share the name; the options to ask about ("Newport in south Wales, or ...");
- `Unknown`: nothing matched, with the text that was not understood.

Names shared by several towns: the towns at least a tenth the size of the largest are the options
("Newport" asks about Newport in south Wales and on the Isle of Wight); a much smaller namesake is only
reached by its label ("Newport near Telford") or its postcode. Everyday names are in
data/places/aliases.yml; labels to ask with in data/places/ambiguous_towns.yml (others are made up from
the nearest large town: "Ash near Canterbury").

A town name that is also an everyday word needs a capital ("Hope", not "I live in hope"), unless the town
is large ("reading" is Reading).

Postcodes resolve to their district's centre and main town (data/places/postcode_districts.csv, a few km
precision), or to the postcode area's main town when the district is not listed; the name says
"around <town>". No Rasa imports.
"""

from __future__ import annotations

import csv
import functools
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot import DATA_DIR
from bot.datafiles import load_yaml
from bot.places.gazetteer import (
    NATIONS,
    District,
    PlacesDataError,
    Town,
    load_aliases,
    load_districts,
    load_localities,
    load_towns,
    normalise,
    town_index,
)

POSTCODE_AREAS_FILE = DATA_DIR / "places" / "postcode_areas.csv"
AMBIGUOUS_FILE = DATA_DIR / "places" / "ambiguous_towns.yml"
REGIONS_FILE = DATA_DIR / "places" / "regions.yml"
_FULL = re.compile(r"^([A-Z]{1,2})([0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})$")
_DISTRICT = re.compile(r"^([A-Z]{1,2})([0-9][A-Z0-9]?)$")
_AREA = re.compile(r"^([A-Z]{1,2})$")
# Words for the nations, in `normalise` form.
_NATION_WORDS = {
    "england": "England",
    "wales": "Wales",
    "cymru": "Wales",
    "scotland": "Scotland",
    "alba": "Scotland",
    "northern ireland": "Northern Ireland",
    "ni": "Northern Ireland",
    "n ireland": "Northern Ireland",
    "norn iron": "Northern Ireland",
}
_NATION_PART = re.compile(
    r"^(?:the\s+)?(?:(?:north|south|east|west|mid|central|northern|southern|eastern|western|"
    r"north\s+east|north\s+west|south\s+east|south\s+west|rural|somewhere\s+in)\s+(?:of\s+)?)?"
    r"(?P<nation>england|wales|cymru|scotland|northern ireland|n ireland|ni)$"
)
# Words around a place in a short answer: "I'm in Leeds", "we live near Brecon", "Leeds please".
_LEADING = re.compile(
    r"^(?:(?:i'?m|i\s+am|we'?re|we\s+are|i\s+live|we\s+live|i\s+stay|we\s+stay|i\s+work|we\s+work|i\s+come|"
    r"living|live|based|staying|working|currently|just|still|mostly|now|it'?s|it\s+is|that'?s|that\s+is|"
    r"somewhere|in|near|nr|around|round|at|outside|by|close\s+to|from|on|the\s+area\s+of|my\s+town\s+is|"
    r"my\s+home\s+is|home\s+is|town\s+is|place\s+is|location\s+is|location|place|town|city|postcode|post\s+code|"
    r"is|yes|yeah|ok|okay|sure|hi|hello|um|erm|well)[\s,:]+)+",
    re.IGNORECASE,
)
_TRAILING = re.compile(
    r"(?:[\s,]+(?:please|pls|thanks|thank\s+you|cheers|ta|area|way|town|city|centre|"
    r"town\s+centre|city\s+centre|uk|united\s+kingdom|great\s+britain|gb|mate))+$",
    re.IGNORECASE,
)
_LABEL_GLUE = {"in", "near", "on", "nr"}
LONDON = (51.5074, -0.1278)
LARGE_TOWN = 40_000  # a town big enough to describe others by ("near Canterbury")
MAX_PLACE_CHARS = 80
REGION_REPLY_WORDS = 8  # a county is looked for among other words only in a reply this short
MAX_OPTIONS = 5
MAX_LOCALITY_OPTIONS = 4
LOCALITY_SPREAD_KM = 15.0
# Town names that are everyday words (word_zipf in uk_places.csv) need a capital when typed: alone, from
# this common ("hope", "over"); inside a phrase ("I live in hope"), from this; unless the town is this big.
COMMON_WORD, COMMON_WORD_TRIMMED, COMMON_WORD_TOWN = 4.5, 3.0, 50_000


@dataclass(frozen=True)
class Place:
    name: str
    latitude: float
    longitude: float
    nation: str | None
    precision: str  # "town", "locality", "postcode district", "postcode area" or "nation"


@dataclass(frozen=True)
class Ambiguous:
    name: str
    options: tuple[tuple[str, Place], ...]  # (label, place)


@dataclass(frozen=True)
class Unknown:
    text: str


Resolution = Place | Ambiguous | Unknown


@dataclass(frozen=True)
class PostcodeArea:
    area: str
    post_town: str
    town: Town
    nation: str | None


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


def _at(town: Town) -> tuple[float, float]:
    return town.latitude, town.longitude


@functools.lru_cache(maxsize=1)
def load_postcode_areas() -> dict[str, PostcodeArea]:
    towns = load_towns()
    areas: dict[str, PostcodeArea] = {}
    with POSTCODE_AREAS_FILE.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            found = towns.get((row.get("geonames_town") or "").lower())
            if not found:
                raise ValueError(
                    f"{POSTCODE_AREAS_FILE.name} line {line}: geonames_town '{row.get('geonames_town')}' is not in the town list"
                )
            nation = row.get("nation") or None
            if nation is not None and nation not in NATIONS:
                raise ValueError(f"{POSTCODE_AREAS_FILE.name} line {line}: nation '{nation}' is not one of {NATIONS}")
            areas[row["area"].upper()] = PostcodeArea(row["area"].upper(), row["post_town"], found[0], nation)
    return areas


@functools.lru_cache(maxsize=1)
def _labels() -> dict[str, list[dict]]:
    raw = load_yaml(AMBIGUOUS_FILE, PlacesDataError) or {}
    return {normalise(name): entries for name, entries in raw.items()}


@functools.lru_cache(maxsize=1)
def _large_towns() -> tuple[tuple[str, Town], ...]:
    """(normalised name, town) for the towns big enough to describe others by."""
    return tuple((normalise(found[0].name), found[0]) for found in load_towns().values() if found[0].population >= LARGE_TOWN)


@functools.lru_cache(maxsize=4096)
def _describe(town: Town) -> str:
    """A label for one of several places with the same name: "Richmond in London", "Ash near Canterbury",
    "Milton near Berwick-Upon-Tweed (TD15)"."""
    if town.district:
        district = load_districts().get(town.district)
        if district and normalise(district.town) != normalise(town.name):
            return f"{town.name} near {district.town} ({town.district})"
        return f"{town.name} ({town.district})"
    if normalise(town.name) != "london" and _km(_at(town), LONDON) <= 20:
        return f"{town.name} in London"
    return _near(town)


@functools.lru_cache(maxsize=4096)
def _near(town: Town) -> str:
    """ "Ash near Canterbury": the nearest large town (not London, not one of the same name)."""
    own = normalise(town.name)
    others = [t for key, t in _large_towns() if key not in (own, "london")]
    if not others:
        return f"{town.name} in {town.nation}"
    return f"{town.name} near {min(others, key=lambda t: _km(_at(t), _at(town))).name}"


def _labelled(key: str, towns: Sequence[Town]) -> list[tuple[str, Town]]:
    """A distinct label for each town: from ambiguous_towns.yml where it has one, else made up."""
    labels = []
    for town in towns:
        label = None
        for entry in _labels().get(key, []):
            if abs(entry["lat"] - town.latitude) < 0.1 and abs(entry["lon"] - town.longitude) < 0.1:
                label = entry["label"]
                break
        labels.append(label or _describe(town))
    clashing = {label for label in labels if labels.count(label) > 1}
    labels = [_near(towns[i]) if label in clashing else label for i, label in enumerate(labels)]
    for suffix in (lambda i: f", {towns[i].nation}", lambda i: f" ({i + 1})"):
        clashing = {label for label in labels if labels.count(label) > 1}
        labels = [label + suffix(i) if label in clashing else label for i, label in enumerate(labels)]
    return list(zip(labels, towns))


def _options(towns: Sequence[Town]) -> tuple[Town, ...]:
    """The towns a shared name may mean: those at least a tenth the size of the largest."""
    if not towns:
        return ()
    top = towns[0].population
    return tuple(t for t in towns if t.population * 10 >= top)[:MAX_OPTIONS]


def _spread(towns: Iterable[Town]) -> list[Town]:
    """Localities of one name, one per group of entries less than 15 km apart."""
    groups: list[Town] = []
    for town in towns:
        if all(_km(_at(town), _at(g)) > LOCALITY_SPREAD_KM for g in groups):
            groups.append(town)
    return groups


def _named(key: str) -> tuple[str, tuple[Town, ...], tuple[Town, ...]]:
    """(display name, the options to ask about, every place of that name) for a normalised name."""
    alias = load_aliases().get(key)
    if alias:
        return alias[0], alias[1], alias[1]
    towns = town_index().get(key)
    if towns:
        return towns[0].name, _options(towns), towns
    localities = load_localities().get(key)
    if localities:
        groups = _spread(localities)
        # Too many far-apart villages of one name to ask about: only a label or a postcode will do.
        return groups[0].name, tuple(groups) if len(groups) <= MAX_LOCALITY_OPTIONS else (), tuple(groups)
    return "", (), ()


def _place(town: Town) -> Place:
    return Place(town.name, town.latitude, town.longitude, town.nation, "locality" if town.district else "town")


def _label_key(text: str) -> str:
    return normalise(re.sub(r"[(),]", " ", text))


def _by_label(text: str) -> Town | None:
    """The town a label or qualified name names ("Newport in south Wales", "Newport, Wales", "Newport near
    Telford"), so a button or a fuller answer settles the question."""
    key = _label_key(text)
    words = key.split()
    for i in range(len(words) - 1, 0, -1):
        name = " ".join(words[:i])
        _, options, every = _named(name)
        if not every:
            continue
        for towns in (options, every):
            for label, town in _labelled(name, towns):
                if _label_key(label) == key:
                    return town
        rest = words[i:]
        while rest and rest[0] in _LABEL_GLUE:
            rest = rest[1:]
        nation = _nation_of_words(" ".join(rest))
        if nation:
            in_nation = [t for t in every if t.nation == nation]
            chosen = _options(sorted(in_nation, key=lambda t: -t.population))
            if len(chosen) == 1:
                return chosen[0]
    return None


def _from_postcode(outward: str, area_code: str, shown: str) -> Place | None:
    district: District | None = load_districts().get(outward)
    if district is not None:
        return Place(
            f"{shown} (around {district.town})", district.latitude, district.longitude, district.nation, "postcode district"
        )
    area = load_postcode_areas().get(area_code)
    if area is None:
        return None
    return Place(f"{shown} (around {area.post_town})", area.town.latitude, area.town.longitude, area.nation, "postcode area")


def _nation_of_words(key: str) -> str | None:
    match = _NATION_PART.match(key)
    return _NATION_WORDS[match.group("nation")] if match else None


def _trimmed(text: str) -> str:
    """The text without the words around a place ("I'm in Leeds please" -> "Leeds")."""
    text = text.replace("\u2019", "'")
    trimmed = _TRAILING.sub("", _LEADING.sub("", text)).strip(" .,!?;:'\"()[]{}<>")
    return trimmed


def _too_common(key: str, text: str, trimmed: bool) -> bool:
    """A town name that is also an everyday word, typed in lower case: "hope" alone, or "reading" inside
    "I'm reading", is not taken for the town. Large towns (Reading, Bath) always count alone."""
    towns = town_index().get(key)
    if not towns or towns[0].word_zipf is None or " " in key or text[:1].isupper() or towns[0].population >= COMMON_WORD_TOWN:
        return False
    return towns[0].word_zipf >= (COMMON_WORD_TRIMMED if trimmed else COMMON_WORD)


def _resolve_one(text: str, trimmed: bool = False) -> Resolution | None:
    upper = text.upper()
    match = _FULL.match(upper)
    if match:
        return _from_postcode(
            match.group(1) + match.group(2), match.group(1), f"{match.group(1)}{match.group(2)} {match.group(3)}"
        )
    match = _DISTRICT.match(upper)
    if match:
        return _from_postcode(match.group(1) + match.group(2), match.group(1), match.group(1) + match.group(2))
    key = normalise(text)
    if key in _NATION_WORDS or _nation_of_words(key):
        return None  # a whole nation is not a place to search near; the caller may use `nation_named`
    if _too_common(key, text, trimmed):
        return None
    name, options, _ = _named(key)
    if len(options) == 1:
        return _place(options[0])
    if options:
        return Ambiguous(name, tuple((label, _place(t)) for label, t in _labelled(key, options)))
    labelled = _by_label(text)
    if labelled is not None:
        return _place(labelled)
    if _AREA.match(upper) and upper in load_postcode_areas() and text.isupper():
        area = load_postcode_areas()[upper]
        return Place(f"{upper} (around {area.post_town})", area.town.latitude, area.town.longitude, area.nation, "postcode area")
    return None


# Markup pasted or typed around a place ("<b>Leeds</b>"): the tags are not part of the name. The message
# itself keeps its HTML as text (InputGuard); only the reading of a place ignores it.
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?/?>")


def resolve(text: str | None) -> Resolution:
    """What place the text names. Safe for any input: long or odd text is simply Unknown."""
    raw = " ".join(_TAG.sub(" ", str(text or "")).split())[:MAX_PLACE_CHARS]
    cleaned = raw.strip(" .,!?;:'\"()[]{}<>")
    if not cleaned:
        return Unknown(raw)
    tried = set()
    for candidate, trimmed in ((cleaned, False), (_trimmed(cleaned), True)):
        if candidate and candidate not in tried:
            tried.add(candidate)
            found = _resolve_one(candidate, trimmed)
            if found is not None:
                return found
    return Unknown(raw)


@functools.lru_cache(maxsize=1)
def load_regions() -> dict[str, tuple[str, str]]:
    """Counties and regions (regions.yml) keyed by `normalise(name)` without a leading "the": (the name as
    written, its nation)."""
    raw = load_yaml(REGIONS_FILE, PlacesDataError) or {}
    if not isinstance(raw, dict):
        raise PlacesDataError(f"{REGIONS_FILE.name}: expected each nation with a list of names under it")
    regions: dict[str, tuple[str, str]] = {}
    for nation, names in raw.items():
        if nation not in NATIONS:
            raise PlacesDataError(f"{REGIONS_FILE.name}: '{nation}' is not one of {', '.join(NATIONS)}")
        if not isinstance(names, list) or not all(isinstance(n, str) and n.strip() for n in names):
            raise PlacesDataError(f"{REGIONS_FILE.name}: {nation} must list the names of its regions")
        for name in names:
            key = _without_the(normalise(name))
            if key in regions:
                raise PlacesDataError(f"{REGIONS_FILE.name}: '{name}' is listed twice")
            regions[key] = (name, nation)
    return regions


def _without_the(key: str) -> str:
    return key[4:] if key.startswith("the ") else key


def region_named(text: str | None) -> tuple[str, str] | None:
    """A county or region too wide to search near ("somewhere in Yorkshire", "Cornwall", "the Highlands"): its
    name and its nation. None for a town of the same name ("Durham") or for anything else."""
    raw = " ".join(_TAG.sub(" ", str(text or "")).split())[:MAX_PLACE_CHARS].strip(" .,!?;:'\"()[]{}<>")
    if not raw or isinstance(resolve(raw), (Place, Ambiguous)):
        return None
    for candidate in (raw, _trimmed(raw)):
        found = load_regions().get(_without_the(normalise(candidate)))
        if found:
            return found
    # In a short reply, a county among other words ("ok forget it, somewhere in Yorkshire"); the longest name
    # wins ("North Yorkshire" over "Yorkshire").
    key = normalise(raw)
    if len(key.split()) > REGION_REPLY_WORDS:
        return None
    named = [k for k in load_regions() if re.search(rf"\b{re.escape(k)}\b", key)]
    return load_regions()[max(named, key=len)] if named else None


def nation_named(text: str | None) -> str | None:
    """The nation a text names outright ("Wales", "I'm in Scotland", "NI", "south Wales"), if any; None for a
    town, even one in a nation ("Newport in south Wales")."""
    raw = " ".join(str(text or "").split())[:MAX_PLACE_CHARS].strip(" .,!?;:'\"()[]{}<>")
    if not raw:
        return None
    for candidate in (raw, _trimmed(raw)):
        key = normalise(candidate)
        if key in _NATION_WORDS:
            return _NATION_WORDS[key]
        nation = _nation_of_words(key)
        if nation:
            return nation
    return None
