"""Safety as a conversation: the first reply by level and by who is writing, then the follow-ups.

The level (immediate, possible) and who is at risk come from `latest_message["safety"]`, decided by
`bot.safety.assess`. The conversation state is the `safety_state` slot: "asked_safe" (we asked "Are you
safe right now?"), "asked_thoughts" (we asked "Are you having thoughts of ending your life?"), "asked_goodbye"
(the same question, asked of someone whose first words were a farewell), "asked_harm"
(unwanted thoughts of harming someone: "are you worried you might act on them?"), "asked_other"
(we asked a person reporting someone whether they might be at risk), "reported" (someone told us about another
person) or "asked_other_safe" (after an unclear reply to a report, we asked "Is the person safe right now?").
While it is set, every message goes to `action_safety_followup` (bot/dialogue/policy.py), until the person
says they are safe or moves on.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import Answer, EventList, contacts, nation_of, place_in_message, record, understood
from bot.answers import check_routes, crisis_routes, medicines_routes, safeguarding_routes
from bot.dialogue.followups import read_safety_answer

MAX_UNCLEAR = 2
STEPS_FOR_WRITER = {"professional": "utter_crisis_professional_steps", "relative": "utter_crisis_relative_steps"}
ASK_AGAIN = {
    "asked_safe": "utter_safety_unclear_asked_safe",
    "asked_thoughts": "utter_safety_unclear_asked_thoughts",
    "asked_goodbye": "utter_safety_unclear_asked_thoughts",
    "asked_harm": "utter_safety_unclear_asked_harm",
    "asked_other": "utter_safety_unclear_asked_other",
    "reported": "utter_safety_unclear_reported",
    "asked_other_safe": "utter_safety_unclear_reported",
}
# Where a message goes when the person has clearly moved on from the safety conversation.
ACTION_FOR_INTENT = {
    "find_support": "support_form",
    "medication_question": "action_medication",
    "ask_what_to_try": "action_answer_followup",
    "ask_challenges": "action_answer_followup",
    "ask_examples": "action_answer_followup",
    "ask_impact": "action_answer_followup",
    "goodbye": "action_respond",
    "thank": "action_respond",
}


# Safety states in which the person writing is reporting someone else.
REPORTER_STATES = ("asked_other", "reported", "asked_other_safe")


def writer(tracker: Tracker, safety: dict[str, Any]) -> str:
    """Who is writing, for the right words: "self" (the person at risk), "professional" or "relative"."""
    if not safety.get("about_other"):
        return "self"
    roles = [e.get("value") for e in tracker.latest_message.get("entities", []) if e.get("entity") == "role"]
    if "professional" in roles or tracker.get_slot("role") == "professional":
        return "professional"
    return "relative"


def show_routes(dispatcher: CollectingDispatcher, safety: dict[str, Any], nation: str | None, someone_else: bool = False) -> None:
    """Every route at once, and the safeguarding lines that fit what was said. `someone_else`: the writer is
    reporting another person, so 999 is "if their life is at risk"."""
    dispatcher.utter_message(response="utter_crisis_routes", routes=crisis_routes(contacts(), nation, someone_else))
    abuse = safety.get("category") in ("abuse", "safeguarding")
    extra = safeguarding_routes(
        contacts(),
        nation,
        abuse=safety.get("category") == "abuse",
        child=safety.get("category") == "safeguarding" or (abuse and bool(safety.get("child"))),
        older_adult=abuse and bool(safety.get("older_adult")),
    )
    if extra:
        dispatcher.utter_message(response="utter_crisis_safeguarding", routes=extra)


def reporters_steps(dispatcher: CollectingDispatcher, tracker: Tracker, safety: dict[str, Any], nation: str | None) -> None:
    """What the person who reported someone a turn ago can do now, with the routes for that person. The
    latest words ("yes", "what do I do?") name no one, so the writer's role comes from the slot."""
    role = "professional" if tracker.get_slot("role") == "professional" else "relative"
    dispatcher.utter_message(response=STEPS_FOR_WRITER[role])
    show_routes(dispatcher, safety, nation, someone_else=True)


def ask_before_goodbye(dispatcher: CollectingDispatcher, tracker: Tracker) -> EventList:
    """A farewell with nothing said before it: say goodbye, and ask the one question, routes in view."""
    dispatcher.utter_message(response="utter_goodbye_check")
    dispatcher.utter_message(response="utter_risk_check_routes", routes=check_routes(contacts(), nation_of(tracker)))
    return record(tracker, ("crisis", "goodbye_check")) + [SlotSet("safety_state", "asked_goodbye"), SlotSet("safety_unclear", 0)]


class ActionCrisis(Action):
    """The first safety reply: by level, and in words for the person who is writing."""

    def name(self) -> str:
        return "action_crisis"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> EventList:
        safety = tracker.latest_message.get("safety") or {}
        level = safety.get("level") or "immediate"
        who = writer(tracker, safety)
        nation = nation_of(tracker)
        overdose = bool(safety.get("overdose_taken")) and who == "self" and level == "immediate"
        if who != "self" and level == "possible":
            # Unsure about someone else: ask the person writing, directly, with the routes in view.
            dispatcher.utter_message(response="utter_risk_check_other")
            dispatcher.utter_message(response="utter_risk_check_other_routes", routes=check_routes(contacts(), nation, True))
            state = "asked_other"
        elif who != "self":
            dispatcher.utter_message(response=STEPS_FOR_WRITER[who])
            show_routes(dispatcher, safety, nation, someone_else=True)
            state = "reported"
        elif level == "possible":
            # unwanted thoughts of harming someone get their own question, not the one about ending a life
            harm = safety.get("category") == "harm_to_others"
            dispatcher.utter_message(response="utter_harm_thoughts_check" if harm else "utter_risk_check")
            dispatcher.utter_message(response="utter_risk_check_routes", routes=check_routes(contacts(), nation))
            state = "asked_harm" if harm else "asked_thoughts"
        else:
            # A medicine already taken: medical help now, before any question of how the person feels.
            dispatcher.utter_message(response="utter_crisis_overdose" if overdose else "utter_crisis_intro")
            show_routes(dispatcher, safety, nation)
            dispatcher.utter_message(response="utter_crisis_stay_overdose" if overdose else "utter_crisis_stay")
            state = "asked_safe"
        if tracker.active_loop.get("name"):
            dispatcher.utter_message(response="utter_support_paused")
        return (
            understood()
            + record(tracker, ("crisis", "shown"))
            + [
                SlotSet("safety_state", state),
                SlotSet("crisis_overdose", overdose),
                SlotSet("safety_unclear", 0),
                SlotSet("pending", None),
                SlotSet("offer", None),
            ]
        )


class ActionSafetyFollowup(Action):
    """A message typed while the safety conversation is open, read against the question we asked."""

    def name(self) -> str:
        return "action_safety_followup"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> EventList:
        question = tracker.get_slot("safety_state")
        safety = tracker.latest_message.get("safety") or {}
        intent = tracker.latest_message.get("intent") or {}
        place = place_in_message(tracker)
        answer = read_safety_answer(
            tracker.latest_message.get("text") or "",
            question,
            intent.get("name"),
            safety.get("level") or "none",
            place.name if place else None,
            intent_confidence=float(intent.get("confidence") or 0.0),
        ).meaning
        nation = (place.nation if place else None) or nation_of(tracker)
        reporting = question in REPORTER_STATES
        # The person said they had taken a medicine or drug, a turn ago or now: feeling safe is not enough.
        overdose = not reporting and (bool(tracker.get_slot("crisis_overdose")) or bool(safety.get("overdose_taken")))
        events: EventList = understood() + [SlotSet("safety_unclear", 0)]
        if place is not None and place.nation:
            events.append(SlotSet("nation", place.nation))
        if answer == "danger":
            return events + self._danger(dispatcher, tracker, question, safety, nation, overdose)
        if answer == "safe" and question == "asked_safe" and overdose:
            dispatcher.utter_message(response="utter_crisis_safe_overdose")
            return events + [SlotSet("safety_state", None), SlotSet("crisis_overdose", False)]
        if answer == "safe" and question == "asked_goodbye":
            dispatcher.utter_message(response="utter_goodbye_no_thoughts")
            return events + [SlotSet("safety_state", None)]
        if answer == "safe":
            dispatcher.utter_message(
                response="utter_risk_no_thoughts"
                if question in ("asked_thoughts", "asked_harm")
                else "utter_risk_other_no"
                if question == "asked_other"
                else "utter_crisis_safe"
                if question == "asked_safe"
                else "utter_crisis_reported_ok"
            )
            dispatcher.utter_message(response="utter_safety_offer")
            return events + [SlotSet("safety_state", None), SlotSet("offer", "find_support")]
        if answer == "steps":
            reporters_steps(dispatcher, tracker, safety, nation)
            return events + [SlotSet("safety_state", "reported")]
        if answer == "unsure":
            dispatcher.utter_message(response="utter_safety_unsure")
            dispatcher.utter_message(response="utter_crisis_routes", routes=check_routes(contacts(), nation, reporting))
            return events + [SlotSet("safety_state", "asked_safe")]
        if answer == "place":
            if place is not None and place.nation:
                dispatcher.utter_message(response="utter_crisis_place_routes", place=place.name)
                show_routes(dispatcher, safety, place.nation, reporting)
            else:
                dispatcher.utter_message(response="utter_crisis_place_unknown")
                show_routes(dispatcher, safety, None, reporting)
            return events
        if answer == "moved_on":
            name = intent.get("name") or ""
            follow = "action_answer_concern" if name.startswith("concern_") else ACTION_FOR_INTENT.get(name)
            if follow:
                return events + [SlotSet("safety_state", None), FollowupAction(follow)]
        unclear = int(tracker.get_slot("safety_unclear") or 0) + 1
        if unclear > MAX_UNCLEAR:
            dispatcher.utter_message(response="utter_safety_keep_numbers")
            return understood() + [SlotSet("safety_state", None), SlotSet("safety_unclear", 0)]
        ask_again = ASK_AGAIN.get(question or "", ASK_AGAIN["asked_safe"])
        if overdose and question == "asked_safe":
            ask_again = "utter_safety_unclear_overdose"
        dispatcher.utter_message(response=ask_again)
        dispatcher.utter_message(response="utter_crisis_routes", routes=check_routes(contacts(), nation, reporting))
        # After a report, the question asked again is whether the person is safe: the next "no" answers it.
        asked = [SlotSet("safety_state", "asked_other_safe")] if question == "reported" else []
        return understood() + [SlotSet("safety_unclear", unclear)] + asked

    @staticmethod
    def _danger(
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        question: str | None,
        safety: dict[str, Any],
        nation: str | None,
        overdose: bool = False,
    ) -> EventList:
        if question in ("reported", "asked_other_safe"):
            dispatcher.utter_message(response="utter_crisis_reported_danger")
            show_routes(dispatcher, safety, nation, someone_else=True)
            return [SlotSet("safety_state", "reported")]
        if question == "asked_other":
            # The "yes" itself names no one; the writer is who reported someone a turn ago.
            reporters_steps(dispatcher, tracker, safety, nation)
            return record(tracker, ("crisis", "reported_danger")) + [SlotSet("safety_state", "reported")]
        # someone who may act on thoughts of harming another person: 999, and distance from them
        if question == "asked_harm":
            not_safe = "utter_harm_danger"
        else:
            not_safe = "utter_crisis_not_safe_overdose" if overdose else "utter_crisis_not_safe"
        dispatcher.utter_message(response=not_safe)
        show_routes(dispatcher, safety, nation)
        dispatcher.utter_message(response="utter_crisis_stay_overdose" if overdose else "utter_crisis_stay")
        return record(tracker, ("crisis", "not_safe")) + [
            SlotSet("safety_state", "asked_safe"),
            SlotSet("crisis_overdose", overdose),
        ]


class ActionMedication(Answer):
    """Questions about medicines: not ours to answer; who can, for the person's nation."""

    def name(self) -> str:
        return "action_medication"

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> EventList:
        dispatcher.utter_message(response="utter_medication", routes=medicines_routes(contacts(), nation_of(tracker)))
        return understood() + record(tracker, ("medication_question", "answered"))
