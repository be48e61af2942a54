"""Crisis support: every route at once, warm and short, for the person or for the professional reporting."""
from __future__ import annotations

from typing import Any, Dict, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import EventList, contacts, nation_of, record, understood
from bot.answers import crisis_routes


class ActionCrisis(Action):
    def name(self) -> Text:
        return "action_crisis"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> EventList:
        safety = tracker.latest_message.get("safety") or {}
        third_party = bool(safety.get("third_party"))
        intro = "utter_crisis_third_party_intro" if third_party else "utter_crisis_intro"
        dispatcher.utter_message(response=intro)
        dispatcher.utter_message(response="utter_crisis_routes", routes=crisis_routes(contacts(), nation_of(tracker)))
        if not third_party:
            dispatcher.utter_message(response="utter_crisis_stay")
        if tracker.active_loop.get("name"):
            dispatcher.utter_message(response="utter_support_paused")
        # The next yes/no answers "are you safe?", so remember that this was asked.
        return understood() + record(tracker, ("crisis", "shown")) + [
            SlotSet("offer", None if third_party else "crisis_safety")]
