"""Finding support: national routes that serve everyone (local directory search builds on this)."""
from __future__ import annotations

from typing import Any, Dict, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import EventList, contacts, nation_of, understood
from bot.answers import national_support


def offer_support(dispatcher: CollectingDispatcher, ask: bool = True, nation: str = None) -> EventList:
    """National options open to everyone."""
    dispatcher.utter_message(response="utter_find_support_national", routes=national_support(contacts(), nation))
    return []


class ActionFindSupport(Action):
    def name(self) -> Text:
        return "action_find_support"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> EventList:
        return understood() + offer_support(dispatcher, nation=nation_of(tracker))
