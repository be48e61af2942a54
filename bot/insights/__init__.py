"""Anonymous insights: what people bring to the assistant, for the services that run it. No Rasa imports.

Nothing recorded here holds message text, sender ids or anything that identifies a person: each
conversation gets a random id of its own, places are kept at postcode-district or town level only, and
the report suppresses every count under five. Facts are kept for a retention period of their own and go
with their conversation when it is forgotten (`bot.insights.retention`).
"""

from bot.insights.store import InsightsStore, open_insights, place_level

__all__ = ["InsightsStore", "open_insights", "place_level"]
