"""UK places offline: towns and villages with their nation, postcode districts and areas, everyday names,
and resolution of what someone typed (data in data/places/, built from GeoNames). No Rasa imports."""

from bot.places.gazetteer import POSTCODE_RE, District, Town, load_districts, load_towns, normalise
from bot.places.resolve import Ambiguous, Place, Resolution, Unknown, nation_named, region_named, resolve

__all__ = [
    "POSTCODE_RE",
    "Ambiguous",
    "District",
    "Place",
    "Resolution",
    "Town",
    "Unknown",
    "load_districts",
    "load_towns",
    "nation_named",
    "region_named",
    "normalise",
    "resolve",
]
