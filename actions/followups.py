"""A typed answer to what the assistant last offered: clarifying buttons, a list of examples, an offer
to find support. Sent here by the follow-up policy while the `pending` or `offer` slot is set."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import Answer, EventList, payload, place_in_message, understood
from actions.concerns import show_example
from bot.answers import area_for_intent
from bot.dialogue.followups import (
    BARE_PLACE_WORDS,
    ROUTES,
    is_no,
    is_thanks,
    is_unsure,
    is_yes,
    pick_by_position,
    read_choice,
    unlisted_need_asked,
)
from bot.places import Ambiguous, resolve

MAX_TRIES = 2
# A new request, confidently understood, is taken as a change of subject rather than an answer.
NEW_REQUEST_CONFIDENCE = 0.6
# A request for support that names a place needs less: the place says what it is for (0.52 for "is there
# anything local in Sheffield?" under a list of examples, with the encoder rebuilt in session 19).
PLACE_REQUEST_CONFIDENCE = 0.5
# The question whose answer the offered choices are: asked again, it is about them ("any examples from the NHS?")
FOLLOWS_CHOICES = {"examples": "ask_examples"}


def place_slots(tracker: Tracker) -> dict[str, Any]:
    """The support form's place slots from a place typed on its own ("Leeds", "LS6", "in Wales")."""
    place = place_in_message(tracker)
    if place is None:
        return {}
    if place.precision in ("nation", "region"):
        return {"place": place.name, "nation": place.nation, "latitude": None, "longitude": None}
    return {"place": place.name, "nation": place.nation, "latitude": place.latitude, "longitude": place.longitude}


class ActionReadFollowup(Answer):
    def name(self) -> str:
        return "action_read_followup"

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> EventList:
        text = tracker.latest_message.get("text") or ""
        intent = tracker.latest_message.get("intent") or {}
        name, confidence = intent.get("name") or "", float(intent.get("confidence") or 0.0)
        pending = tracker.get_slot("pending") or {}
        clear = [SlotSet("pending", None), SlotSet("offer", None), SlotSet("followup_tries", 0)]
        kinds = [str(e.get("value")) for e in tracker.latest_message.get("entities") or [] if e.get("entity") == "support_kind"]
        need = unlisted_need_asked(text, kinds)
        if need and tracker.get_slot("place") and name != "find_support":  # "veterans stuff if there is any"
            return understood() + clear + [SlotSet("support_kind", need), FollowupAction("support_form")]
        if tracker.get_slot("offer") == "find_support":
            places = place_slots(tracker)
            if places:
                return understood() + clear + [SlotSet(k, v) for k, v in places.items()] + [FollowupAction("support_form")]
            if name == "find_support" or (is_yes(text) and name != "deny" and not is_thanks(text)) or name == "affirm":
                return understood() + clear + [FollowupAction("support_form")]
            if is_no(text) or name == "deny":
                dispatcher.utter_message(response="utter_anything_else")
                return understood() + clear
            if is_unsure(text) and not tracker.get_slot("followup_tries"):
                # Once: what support can mean, with the offer still open; a second "dunno" moves on.
                dispatcher.utter_message(response="utter_offer_support_unsure")
                return understood() + [SlotSet("followup_tries", 1)]
        choices = pending.get("choices") or []
        bare_place = self._bare_place(dispatcher, tracker, text)
        if bare_place is not None:  # a place on its own: support near it
            return understood() + clear + bare_place
        # A confident request for support that names a place is the search, even if a word of it ("local") is
        # also a word of a button's title: "is there anything local in Sheffield?" after a list of examples.
        if name == "find_support" and confidence >= PLACE_REQUEST_CONFIDENCE:
            places = place_slots(tracker)
            if places:
                return understood() + clear + [SlotSet(k, v) for k, v in places.items()] + [FollowupAction("support_form")]
        # A confident question of another kind ("what principles should the service follow?" under a list of
        # examples, one titled "Service principles...", typed in session 19) is that question, unless it picks
        # a choice by its place ("the second one").
        asks_another = name.startswith("ask_") and name != FOLLOWS_CHOICES.get(pending.get("kind"))
        if asks_another and confidence >= NEW_REQUEST_CONFIDENCE and pick_by_position(text, len(choices), name) is None:
            choices = []
        if choices and not (is_no(text) or name == "deny"):
            index = read_choice(text, choices, name)
            if index is not None:
                return understood() + clear + self._choose(dispatcher, tracker, pending, choices[index])
        route = ROUTES.get(name)
        # An offer of a second area asks nothing: anything but a pick of it is the next request, however sure the
        # guess ("any evidence I can cite?" at 0.54 got "Sorry, I didn't catch which one you meant").
        optional = pending.get("kind") == "second_concern"
        if route and name not in ("affirm", "deny") and (confidence >= NEW_REQUEST_CONFIDENCE or not choices or optional):
            return clear + [FollowupAction(route)]
        if is_no(text) or name == "deny":
            dispatcher.utter_message(response="utter_anything_else")
            return understood() + clear
        tries = int(tracker.get_slot("followup_tries") or 0) + 1
        if not choices or tries > MAX_TRIES:
            return clear + [FollowupAction(route or "action_clarify")]
        dispatcher.utter_message(response="utter_choose_again", buttons=choices)
        return understood() + [SlotSet("followup_tries", tries)]

    @staticmethod
    def _bare_place(dispatcher: CollectingDispatcher, tracker: Tracker, text: str) -> EventList | None:
        """A reply that is only a place ("Leeds", "Newport", "in Wales") means support near it: the search
        starts there, or a shared name is asked about first. None when the reply is not just a place."""
        if len(text.split()) > BARE_PLACE_WORDS:
            return None
        places = place_slots(tracker)
        if places:
            return [SlotSet(k, v) for k, v in places.items()] + [FollowupAction("support_form")]
        found = resolve(text)
        if isinstance(found, Ambiguous):
            dispatcher.utter_message(
                response="utter_place_ambiguous",
                place=found.name,
                buttons=[{"title": label, "payload": payload("find_support", place=label)} for label, _ in found.options],
            )
            return []
        return None

    @staticmethod
    def _choose(dispatcher: CollectingDispatcher, tracker: Tracker, pending: dict[str, Any], choice: dict[str, Any]) -> EventList:
        payload = str(choice.get("payload") or "")
        if pending.get("kind") == "examples" and choice.get("example"):
            return show_example(dispatcher, tracker, choice["example"])
        intent = payload.lstrip("/").split("{", 1)[0]
        area = area_for_intent(intent)
        if area:
            return [SlotSet("area", area), FollowupAction("action_answer_concern")]
        return [FollowupAction(ROUTES.get(intent, "action_respond"))]
