"""Finding support: a form collects the place and the kind of support, then the directory is searched."""

from __future__ import annotations

import functools
import os
import re
from typing import Any

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import REQUESTED_SLOT
from rasa_sdk.types import DomainDict

from actions.common import (
    Answer,
    EventList,
    add_check_line,
    contacts,
    knowledge,
    payload,
    record,
    said_since_form_opened,
    spoke_this_turn,
    understood,
    writer_role,
)
from bot.dialogue.followups import anything_in_passing
from bot.dialogue.offers import ACKNOWLEDGEMENTS, acknowledgement
from bot.dialogue.place_answers import looks_like_a_name, read_place_answer
from bot.directory import CATEGORIES, audience_for_role, find_services, national_services, open_directory
from bot.directory.replies import kind_label, service_values
from bot.directory.unlisted import unlisted_needs
from bot.insights import place_level
from bot.places import Ambiguous, Place, nation_named, region_named, resolve

MAX_PLACE_ATTEMPTS = 2
EVERYWHERE = "anywhere in the UK"
# What the form says to a reply to its place question that is not a place (bot/dialogue/place_answers.py).
NOT_A_PLACE_REPLIES = {
    "unsure": "utter_place_unsure",
    "how_to_help": "utter_place_how_to_help",
    "near_me": "utter_place_near_me",
    "decline": "utter_place_decline",
    "agree": "utter_place_again",
    "request": "utter_place_again",
}


@functools.lru_cache(maxsize=1)
def directory():
    return open_directory(os.environ.get("DIRECTORY_DB") or None)


def stale_months() -> int:
    return int(os.environ.get("DIRECTORY_STALE_MONTHS", "12"))


def hide_stale() -> bool:
    return os.environ.get("DIRECTORY_HIDE_STALE", "").lower() in ("1", "true", "yes")


# An ordinary request for support is answered with ordinary services: crisis lines come only as the last
# line, "if things get worse", and professional networks only for professionals (by audience).
ORDINARY_CATEGORIES = [c for c in CATEGORIES if c not in ("crisis_support", "urgent_mental_health")]


def if_things_get_worse(dispatcher: CollectingDispatcher, role: str | None = None) -> None:
    """The last line of a search: the routes for a crisis, worded for whoever may be in one. A professional
    searching where to refer is told about the people they support, not "if things get worse" for them."""
    samaritans = contacts().talk_any_time[0]
    response = "utter_if_worse_professional" if role == "professional" else "utter_if_worse"
    dispatcher.utter_message(response=response, line=f"{samaritans.how}.")


SELF_REFERRAL = re.compile(r"\b(refer (my ?self|me)|self[- ]?refer\w*|without (a|my|the) gp|need (a|my) gp to refer)\b", re.I)


class ActionAskPlace(Answer):
    """The support form's place question; a question about referring yourself is answered first."""

    def name(self) -> str:
        return "action_ask_place"

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> EventList:
        if spoke_this_turn(tracker):
            return []  # the form's validation already asked ("Which Newcastle do you mean?"): don't ask twice
        if SELF_REFERRAL.search(tracker.latest_message.get("text") or ""):
            dispatcher.utter_message(response="utter_self_referral")
            return []
        # the first time the form asks, not after a place it couldn't use, nor after "he hasn't said anything
        # like that" (typed in session 18, it brought the same words of comfort and the same question again)
        if not tracker.get_slot("place") and not said_since_form_opened(tracker, ACKNOWLEDGEMENTS):
            acknowledge = acknowledgement(tracker.latest_message.get("intent_ranking") or [], writer_role(tracker))
            if acknowledge:
                dispatcher.utter_message(response=acknowledge)
        professional = writer_role(tracker) == "professional"
        dispatcher.utter_message(response="utter_ask_place_professional" if professional else "utter_ask_place")
        return []


class ValidateSupportForm(FormValidationAction):
    def name(self) -> str:
        return "validate_support_form"

    def validate_place(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = str(value or "")
        typed = tracker.latest_message.get("text") or ""
        # A typed answer may name the place more exactly than the entity found in it
        # ("Newport in south Wales" rather than "Newport").
        if typed and typed != text and isinstance(resolve(typed), Place):
            text = typed
        nation = nation_named(text)
        if nation:
            return {"place": nation, "nation": nation, "latitude": None, "longitude": None, "place_attempts": 0}
        region = region_named(text)
        if region:  # "somewhere in Yorkshire": too wide to search near; its nation's services are still shown
            return {"place": region[0], "nation": region[1], "latitude": None, "longitude": None, "place_attempts": 0}
        found = resolve(text)
        if isinstance(found, Place):
            return {
                "place": found.name,
                "nation": found.nation,
                "latitude": found.latitude,
                "longitude": found.longitude,
                "place_attempts": 0,
            }
        if isinstance(found, Ambiguous):
            dispatcher.utter_message(
                response="utter_place_ambiguous",
                place=found.name,
                buttons=[{"title": label, "payload": payload("find_support", place=label)} for label, _ in found.options],
            )
            return {"place": None}
        answer = "stop" if tracker.get_intent_of_latest_message() == "stop_search" else read_place_answer(text)
        if answer == "what_can_i_do":  # a carer asks how to help the person; anyone else, what to give here
            answer = "how_to_help" if writer_role(tracker) == "carer" else "unsure"
        if answer == "anywhere":
            dispatcher.utter_message(response="utter_place_anywhere")
            add_check_line(dispatcher, tracker)  # "doesn't matter, nothing matters anymore" is "anywhere" too
            return {**self._everywhere(), "place_attempts": 0}
        if answer == "stop":  # ends the form; the search action says it stopped (see the search_stopped slot)
            return {"place": None, "place_attempts": 0, "search_stopped": True, REQUESTED_SLOT: None}
        entities = {e.get("entity") for e in tracker.latest_message.get("entities", [])}
        acknowledge = acknowledgement(tracker.latest_message.get("intent_ranking") or [], writer_role(tracker))
        if said_since_form_opened(tracker, ACKNOWLEDGEMENTS):
            acknowledge = None
        if answer is None and "support_kind" in entities and "place" not in entities and not acknowledge:
            return {"place": None}  # they answered the other question first; ask for the place again
        attempts = int(tracker.get_slot("place_attempts") or 0) + 1
        # someone still working out what to give ("not sure", then "near me") gets one more explanation
        if attempts >= MAX_PLACE_ATTEMPTS + (answer in ("unsure", "near_me", "how_to_help", "agree", "request")):
            # after "no" or "not sure" twice, no "I couldn't place that": they never tried to name one
            dispatcher.utter_message(response="utter_place_anywhere" if answer else "utter_place_give_up")
            add_check_line(dispatcher, tracker)
            return {**self._everywhere(), "place_attempts": 0}
        if answer:
            dispatcher.utter_message(response=NOT_A_PLACE_REPLIES[answer])
        elif looks_like_a_name(text):
            dispatcher.utter_message(response="utter_place_unknown", place=text[:60])
        else:
            if acknowledge:  # "I just feel awful all the time" is not a place, but it needs hearing first
                dispatcher.utter_message(response=acknowledge)
            dispatcher.utter_message(response="utter_place_again" if acknowledge else "utter_place_not_found")
        # The quiet line whenever the safety decision asked for it: a short answer can carry more than it
        # seems ("doesn't matter, nothing matters anymore"), so none is judged too plain for it.
        add_check_line(dispatcher, tracker)
        return {"place": None, "place_attempts": attempts}

    @staticmethod
    def _everywhere() -> dict[str, Any]:
        return {"place": EVERYWHERE, "nation": None, "latitude": None, "longitude": None}

    def validate_support_kind(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        # "not sure" or "doesn't matter" said to the place question is not an answer to the kind question
        typed = tracker.latest_message.get("text") or ""
        if tracker.get_slot(REQUESTED_SLOT) == "place" and value == "any" and read_place_answer(typed):
            return {"support_kind": None}
        # nor is "anything" said in passing ("he hasn't said anything about hurting himself", typed in session 18)
        if value == "any" and tracker.get_slot(REQUESTED_SLOT) != "support_kind" and anything_in_passing(typed):
            return {"support_kind": None}
        # A need the directory has nothing for is kept, so the search can say so; anything else we don't
        # recognise becomes "any": better a broad answer than asking again.
        known = value in CATEGORIES or value == "any" or value in unlisted_needs()
        return {"support_kind": value if known else "any"}


class ActionSearchServices(Answer):
    ends_with_crisis_routes = True  # "If things get worse: Samaritans... 999", so never a second such line

    def name(self) -> str:
        return "action_search_services"

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> EventList:
        if tracker.get_slot("search_stopped"):  # "never mind" at the place question ended the form
            dispatcher.utter_message(response="utter_search_stopped")
            add_check_line(dispatcher, tracker)  # no crisis routes at the end of this one
            return [SlotSet("search_stopped", False), SlotSet("support_kind", None), SlotSet("offer", None)]
        place = tracker.get_slot("place") or EVERYWHERE
        kind = tracker.get_slot("support_kind")
        need = unlisted_needs().get(kind or "")
        if need:  # nothing for it in the directory: say so, then show every kind near them
            dispatcher.utter_message(response="utter_unlisted_need", need=need)
        categories: list[str] | None = None if kind in (None, "any") or need else [kind]
        latitude, longitude = tracker.get_slot("latitude"), tracker.get_slot("longitude")
        nation = tracker.get_slot("nation")
        audience = audience_for_role(tracker.get_slot("role"))
        local = []
        if latitude is not None and longitude is not None:
            local = find_services(
                directory(),
                float(latitude),
                float(longitude),
                categories,
                stale_months=stale_months(),
                hide_stale=hide_stale(),
                audience=audience,
            )
        if local:
            dispatcher.utter_message(response="utter_services_intro", place=place, kind=kind_label(None if need else kind))
            for result in local:
                dispatcher.utter_message(response="utter_service_result", **service_values(result))
        elif latitude is None or longitude is None:
            if place != EVERYWHERE:  # a nation or a county: nothing near it was searched, so say that
                dispatcher.utter_message(response="utter_place_too_wide", place=place)
        else:
            dispatcher.utter_message(response="utter_no_local_services", place=place, kind=kind_label(None if need else kind))
        national = national_services(
            directory(), nation, categories or ORDINARY_CATEGORIES, stale_months=stale_months(), audience=audience
        )
        if national:
            dispatcher.utter_message(response="utter_national_intro")
            for result in national:
                dispatcher.utter_message(response="utter_service_result", **service_values(result))
        if_things_get_worse(dispatcher, tracker.get_slot("role"))
        if tracker.get_slot("role") == "professional":
            tip = knowledge().area("local_knowledge").what_to_try[0]
            dispatcher.utter_message(response="utter_local_knowledge_tip", tip=f"{tip.title}. {tip.text}")
        facts = [("support_search", kind or "any")]
        if place != EVERYWHERE:
            facts.append(("place", place_level(place)))
            if not local:
                facts.append(("unmet_need", place_level(place)))
        return understood() + record(tracker, *facts) + [SlotSet("support_kind", None), SlotSet("offer", None)]
