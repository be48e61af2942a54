"""Clarifying questions when the assistant is unsure, and yes/no answers to what it last offered."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import Answer, EventList, area_title, help_menu, knowledge, say, understood, writer_role
from actions.concerns import examples_found
from actions.safety import ask_before_goodbye
from bot.answers import area_for_intent
from bot.dialogue.followups import farewell_first
from bot.dialogue.offers import (
    FALLBACK,
    FIND_SUPPORT,
    SAID_AGAIN,
    SHARE_FEELINGS,
    acted_on,
    clarify_choices,
    fixed_reply,
    response_buttons,
)

MAX_MISSES_BEFORE_MENU = 2


class ActionRespond(Answer):
    """The fixed reply for greetings, thanks, help, boundaries and the like."""

    def name(self) -> str:
        return "action_respond"

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> EventList:
        return self.respond(dispatcher, tracker, domain, tracker.latest_message.get("intent", {}).get("name"))

    @staticmethod
    def respond(dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any], intent: str | None) -> EventList:
        """The fixed reply for `intent` (the message's own, or the one a fallback is acted on as)."""
        if intent == "goodbye" and farewell_first(tracker.events):
            return understood() + ask_before_goodbye(dispatcher, tracker)
        role = writer_role(tracker)
        response = fixed_reply(intent, role) or "utter_help"
        if response == "utter_help":
            response = help_menu(tracker)
        key, again = f"reply:{response}", SAID_AGAIN.get(response)
        instead = "utter_already_said"
        if again:  # feelings told again: a shorter reply that hears them, not "I think I've just answered that"
            instead = again
            if tracker.get_slot("last_reply") == key:
                response = again
        events = understood() + say(dispatcher, tracker, key, response, instead=instead)
        # "I can help you find support..." with a Find support button: a typed "yeah" takes it up
        if FIND_SUPPORT in response_buttons(domain.get("responses") or {}).get(response, []):
            events.append(SlotSet("offer", FIND_SUPPORT))
        return events


class ActionClarify(Answer):
    """Low confidence: offer the two likeliest areas; after two misses in a row, the menu."""

    def name(self) -> str:
        return "action_clarify"

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> EventList:
        misses = int(tracker.get_slot("misses") or 0) + 1
        flags = tracker.latest_message.get("input_flags") or {}
        if flags.get("empty") or flags.get("no_letters"):
            dispatcher.utter_message(response="utter_clarify_empty")
            if misses >= MAX_MISSES_BEFORE_MENU:
                dispatcher.utter_message(response=help_menu(tracker))
            return [SlotSet("misses", misses)]
        # "What did Oldham do?": a question naming an example's place or organisation is answered.
        named = knowledge().match_examples(tracker.latest_message.get("text") or "", names_only=True)
        if named:
            return understood() + examples_found(dispatcher, tracker, [ex for _, ex in named])
        ranking: list[dict[str, Any]] = tracker.latest_message.get("intent_ranking") or []
        acting_on = acted_on(FALLBACK, ranking)
        if acting_on == FIND_SUPPORT:  # "he's so low, he won't talk to anyone": support
            return [SlotSet("misses", 0), FollowupAction("support_form")]
        if acting_on == SHARE_FEELINGS:  # "no he's not said anything like that, he's just low": heard
            return [SlotSet("misses", 0)] + ActionRespond.respond(dispatcher, tracker, domain, SHARE_FEELINGS)
        if misses >= MAX_MISSES_BEFORE_MENU:
            dispatcher.utter_message(response=help_menu(tracker))
            return [SlotSet("misses", 0)]
        buttons = []
        for name in clarify_choices(ranking):
            if name == FIND_SUPPORT:
                buttons.append({"title": "Find support near you", "payload": f"/{FIND_SUPPORT}"})
            elif area := area_for_intent(name):
                buttons.append({"title": area_title(area, tracker.get_slot("role")), "payload": f"/concern_{area}"})
        if not buttons:
            dispatcher.utter_message(response=help_menu(tracker))
            return [SlotSet("misses", misses)]
        buttons.append({"title": "Something else", "payload": "/help"})
        dispatcher.utter_message(response="utter_clarify", buttons=buttons)
        # The question now open is this one: an earlier offer of support is no longer what a "yes" answers.
        return [SlotSet("misses", misses), SlotSet("pending", {"kind": "clarify", "choices": buttons}), SlotSet("offer", None)]


class ActionAffirmDeny(Answer):
    """'Yes' or 'no': the answer to whatever the assistant last offered."""

    def name(self) -> str:
        return "action_affirm_deny"

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> EventList:
        intent = tracker.latest_message.get("intent", {}).get("name")
        offer = tracker.get_slot("offer")
        events = understood() + [SlotSet("offer", None)]
        if offer == "find_support" and intent == "affirm":
            return events + [FollowupAction("support_form")]
        if tracker.get_slot("pending_area"):
            # "Yes" to "which best describes you?" says nothing of who they are: ask again, keep the concern.
            dispatcher.utter_message(response="utter_ask_role")
            return events
        # a "yes" to nothing in particular ("Is there anything else I can help with?" - "yes") wants the menu;
        # "No problem" is only for a no
        dispatcher.utter_message(response=help_menu(tracker) if intent == "affirm" else "utter_anything_else")
        return events
