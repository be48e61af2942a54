"""UK places, offline: towns and villages, postcode districts and the localities inside them.

The data are CSV files in data/places/, built by devtools/build_places.py from GeoNames data shipped in
PyPI packages (GeoNames, CC BY 4.0); nothing is downloaded at run time:
- uk_places.csv: every UK town and village of about 1,000 people or more (GeoNames cities1000), with nation;
- postcode_districts.csv: every postcode district (ST4, CF10, BT78) with its main town, nation and centre;
- postcode_localities.csv: smaller villages and hamlets inside each district (loaded only when needed);
- aliases.yml: everyday names ("Brum", "Stoke", "Newcastle") for the towns people mean by them.
No Rasa imports.
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bot import DATA_DIR
from bot.datafiles import load_yaml

PLACES_DIR = DATA_DIR / "places"
TOWNS_FILE = PLACES_DIR / "uk_places.csv"
DISTRICTS_FILE = PLACES_DIR / "postcode_districts.csv"
LOCALITIES_FILE = PLACES_DIR / "postcode_localities.csv"
ALIASES_FILE = PLACES_DIR / "aliases.yml"
NATIONS = ("England", "Wales", "Scotland", "Northern Ireland")
NATION_BY_ADMIN1 = {"ENG": "England", "WLS": "Wales", "SCT": "Scotland", "NIR": "Northern Ireland"}

# Full postcode ("ST4 7QB"), or an outward code alone ("ST4", "CF10", "SW1A").
POSTCODE_RE = re.compile(r"\b(?P<outward>(?:[A-Z]{1,2}[0-9][A-Z0-9]?|GIR))(?:\s*(?P<inward>[0-9][A-Z]{2}))?\b", re.IGNORECASE)


class PlacesDataError(ValueError):
    """A places data file cannot be read or is malformed; the message names the file."""


@dataclass(frozen=True)
class Town:
    name: str
    nation: str | None  # None for a place whose nation is not known (it crosses a border)
    latitude: float
    longitude: float
    population: int
    # For a one-word name that is also an English word: how common the word is (Zipf scale; 3 = once per
    # million words). None when the name is not an ordinary word.
    word_zipf: float | None = None
    # Set for a locality from postcode_localities.csv (a village below the town list): its district.
    district: str = ""


@dataclass(frozen=True)
class District:
    district: str  # "ST4"
    town: str  # main town, for display ("Stoke-on-Trent")
    nation: str | None  # None when the district crosses a border
    latitude: float
    longitude: float


def normalise(name: str) -> str:
    """The lookup form of a place name: lower case, no apostrophes or full stops, hyphens, commas, slashes as spaces,
    "Saint" as "St" ("King's Lynn" -> "kings lynn", "Stoke-on-Trent" -> "stoke on trent")."""
    text = str(name).lower().replace("\u2019", "'").replace("'", "").replace(".", "").replace("-", " ").replace(",", " ")
    text = re.sub(r"[/~]", " ", text)
    text = re.sub(r"\bsaint\b", "st", text)
    return " ".join(text.split())


def _rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """CSV rows with their line numbers; lines starting with '#' are comments (source and licence)."""
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [(n, line) for n, line in enumerate(handle, start=1) if not line.startswith("#")]
    reader = csv.DictReader(line for _, line in lines)
    for (number, _), row in zip(lines[1:], reader):
        yield number, row


def _nation(value: str, path: Path, line: int, blank_ok: bool = False) -> str | None:
    if not value and blank_ok:
        return None
    if value not in NATIONS:
        raise ValueError(f"{path.name} line {line}: nation '{value}' is not one of {NATIONS}")
    return value


@functools.lru_cache(maxsize=1)
def load_towns() -> dict[str, tuple[Town, ...]]:
    """The towns a lower-case name may mean, largest first: a name can stand for several towns ("newport"),
    and an everyday name from aliases.yml for the towns people mean by it ("brum": Birmingham; "newcastle":
    Newcastle upon Tyne, Newcastle-under-Lyme and Newcastle in County Down)."""
    towns = dict(_csv_towns())
    for written, targets in load_aliases().values():
        towns[written.lower()] = tuple(sorted(targets, key=lambda t: -t.population))
    return towns


@functools.lru_cache(maxsize=1)
def _csv_towns() -> dict[str, tuple[Town, ...]]:
    """The towns of uk_places.csv keyed by lower-case name, largest first."""
    towns: dict[str, list[Town]] = {}
    for line, row in _rows(TOWNS_FILE):
        town = Town(
            name=row["name"],
            nation=_nation(row["nation"], TOWNS_FILE, line),
            latitude=float(row["latitude"]),
            longitude=float(row["longitude"]),
            population=int(row["population"] or 0),
            word_zipf=float(row["word_zipf"]) if row.get("word_zipf") else None,
        )
        towns.setdefault(town.name.lower(), []).append(town)
    return {name: tuple(sorted(found, key=lambda t: -t.population)) for name, found in towns.items()}


@functools.lru_cache(maxsize=1)
def town_index() -> dict[str, tuple[Town, ...]]:
    """Towns keyed by `normalise(name)`, so "stoke on trent" and "kings lynn" find them; largest first."""
    index: dict[str, list[Town]] = {}
    for found in _csv_towns().values():
        index.setdefault(normalise(found[0].name), []).extend(found)
    return {name: tuple(sorted(found, key=lambda t: -t.population)) for name, found in index.items()}


@functools.lru_cache(maxsize=1)
def load_districts() -> dict[str, District]:
    """Postcode districts keyed by outward code ("ST4")."""
    districts: dict[str, District] = {}
    for line, row in _rows(DISTRICTS_FILE):
        code = row["district"].upper()
        districts[code] = District(
            code,
            row["town"],
            _nation(row["nation"], DISTRICTS_FILE, line, blank_ok=True),
            float(row["latitude"]),
            float(row["longitude"]),
        )
    return districts


@functools.lru_cache(maxsize=1)
def load_localities() -> dict[str, tuple[Town, ...]]:
    """Villages and hamlets that are not in the town list, keyed by `normalise(name)`; each a `Town` with
    population 0 and its postcode district."""
    found: dict[str, list[Town]] = {}
    for line, row in _rows(LOCALITIES_FILE):
        town = Town(
            row["name"],
            _nation(row["nation"], LOCALITIES_FILE, line),
            float(row["latitude"]),
            float(row["longitude"]),
            0,
            None,
            row["district"].upper(),
        )
        found.setdefault(normalise(town.name), []).append(town)
    return {name: tuple(towns) for name, towns in found.items()}


def _alias_target(alias: str, target: str) -> Town:
    name, nation = target, None
    if ", " in target and target.rsplit(", ", 1)[1] in NATIONS:
        name, nation = target.rsplit(", ", 1)
    found = [t for t in town_index().get(normalise(name), ()) if nation is None or t.nation == nation]
    if not found:
        raise ValueError(f"{ALIASES_FILE.name}: '{alias}' names '{target}', which is not in the town list")
    return found[0]


@functools.lru_cache(maxsize=1)
def load_aliases() -> dict[str, tuple[str, tuple[Town, ...]]]:
    """Everyday names (aliases.yml) keyed by `normalise(name)`: (the name as written, the towns it means)."""
    raw = load_yaml(ALIASES_FILE, PlacesDataError) or {}
    aliases: dict[str, tuple[str, tuple[Town, ...]]] = {}
    for alias, targets in raw.items():
        targets = targets if isinstance(targets, list) else [targets]
        if not targets or not all(isinstance(t, str) for t in targets):
            raise PlacesDataError(f"{ALIASES_FILE.name}: '{alias}' must name a town or a list of towns")
        aliases[normalise(alias)] = (str(alias), tuple(_alias_target(str(alias), t) for t in targets))
    return aliases
