"""Answers about the guide's six problem areas, their follow-ups, and the service principles."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import Answer, EventList, area_title, help_menu, knowledge, payload, record, say, understood, writer_role
from bot.answers import (
    FOLLOWUP_PARTS,
    area_for_intent,
    concern_values,
    cost_values,
    example_values,
    followup_values,
    patient_values,
    principles_values,
    references_values,
    split_message,
)
from bot.dialogue.followups import asks_about_costs, asks_for_references
from bot.dialogue.offers import second_concern
from bot.knowledge import AREA_IDS
from bot.knowledge.models import Area, Example

MAX_LISTED_EXAMPLES = 5
RESPONSE_FOR_PART = {
    "what_to_try": "utter_what_to_try",
    "challenges": "utter_challenges",
    "examples": "utter_examples",
    "impact": "utter_impact",
}


def ask_feedback(dispatcher: CollectingDispatcher, tracker: Tracker) -> EventList:
    """One-tap feedback, offered once per conversation after a follow-up answer."""
    if tracker.get_slot("feedback_asked"):
        return []
    dispatcher.utter_message(response="utter_ask_feedback")
    return [SlotSet("feedback_asked", True)]


# Not knowing what services exist locally: a professional is offered a look in the directory as well.
DIRECTORY_AREA = "local_knowledge"
# The patient view of an area (how it can feel, good care, what to ask for), in the words of the writer: a
# carer reads it as the view of the person they care for.
VIEW_FOR_ROLE = {
    "patient": ("utter_concern_patient", "utter_patient_ask_for", "utter_patient_ask_for_again"),
    "carer": ("utter_concern_carer", "utter_carer_ask_for", "utter_carer_ask_for_again"),
}


def offer_second_concern(dispatcher: CollectingDispatcher, tracker: Tracker, area_id: str, role: str) -> EventList:
    """When the message also scored close on another area, offer it in one short line with a button."""
    intent = tracker.latest_message.get("intent", {}).get("name") or ""
    second = area_for_intent(second_concern(intent, tracker.latest_message.get("intent_ranking") or []))
    if not second or second == area_id:
        return []
    choice = {"title": area_title(second, role), "payload": f"/concern_{second}"}
    dispatcher.utter_message(response="utter_second_concern", title=choice["title"], buttons=[choice])
    return [SlotSet("pending", {"kind": "second_concern", "choices": [choice]})]


def _summary_given(tracker: Tracker, solution: str) -> bool:
    """The area's summary is already in this conversation (the solution's opening words in a reply)."""
    opening = solution[:60]
    return any(e.get("event") == "bot" and opening in (e.get("text") or "") for e in tracker.events)


def offer_support(dispatcher: CollectingDispatcher) -> EventList:
    """ "Would you like me to help you find support?", with the offer kept open for a typed yes."""
    dispatcher.utter_message(response="utter_offer_support")
    return [SlotSet("offer", "find_support")]


def answer_area(dispatcher: CollectingDispatcher, tracker: Tracker, area_id: str, role: str) -> EventList:
    """The area's answer for this role: the solution and follow-up buttons, or the patient view."""
    area = knowledge().area(area_id)
    events = [SlotSet("area", area_id), SlotSet("pending_area", None), SlotSet("pending", None)]
    events += record(tracker, ("role", role), ("area", area_id))
    if role in ("patient", "carer"):
        view, ask_for, _ = VIEW_FOR_ROLE[role]
        values = patient_values(area, carer=role == "carer")
        events += say(dispatcher, tracker, f"patient:{area_id}", view, **values)
        dispatcher.utter_message(response=ask_for, items=values["items"])
        events += offer_second_concern(dispatcher, tracker, area_id, role)
        events += offer_support(dispatcher)
    elif tracker.get_slot("area") == area_id and _summary_given(tracker, area.solution):
        # Asked again ("is there training?" while on skills and training): what they could try, not the same
        # summary a second time, nor only the buttons (typed in session 19, "is there training?" got the menu).
        # Said here, not handed on with a FollowupAction: no rule follows action_answer_followup after a concern
        # intent, and the policies then looped until Rasa's circuit breaker stopped them.
        dispatcher.utter_message(response="utter_concern_same_area", area_title=area.title.lower())
        events += ActionAnswerFollowup().answer(dispatcher, tracker, {})
    else:
        events += say(dispatcher, tracker, f"concern:{area_id}", "utter_concern_professional", **concern_values(area))
        dispatcher.utter_message(response="utter_concern_professional_buttons")
        events += offer_second_concern(dispatcher, tracker, area_id, role)
        if area_id == DIRECTORY_AREA:
            dispatcher.utter_message(response="utter_offer_directory_professional")
            events.append(SlotSet("offer", "find_support"))
        else:
            events.append(SlotSet("offer", None))
    return events


def show_example(dispatcher: CollectingDispatcher, tracker: Tracker, example_id: str) -> EventList:
    """One example in detail; [] when the id is unknown."""
    try:
        found_area, example = knowledge().example(example_id)
    except KeyError:
        return []
    values = example_values(example)
    dispatcher.utter_message(response="utter_example_detail", **values)
    dispatcher.utter_message(response="utter_example_outcome", **values)
    return (
        record(tracker, ("example", example.id))
        + [SlotSet("area", found_area), SlotSet("example", None), SlotSet("pending", None)]
        + ask_feedback(dispatcher, tracker)
    )


def examples_found(dispatcher: CollectingDispatcher, tracker: Tracker, examples: list[Example]) -> EventList:
    """One example in detail, or a short list with buttons when several fit the question."""
    if len(examples) == 1:
        return show_example(dispatcher, tracker, examples[0].id)
    choices = [
        {"title": ex.title, "payload": payload("ask_examples", example=ex.id), "example": ex.id}
        for ex in examples[:MAX_LISTED_EXAMPLES]
    ]
    dispatcher.utter_message(response="utter_examples_found", buttons=[{k: c[k] for k in ("title", "payload")} for c in choices])
    return [SlotSet("pending", {"kind": "examples", "choices": choices})]


class ActionAnswerConcern(Answer):
    def name(self) -> str:
        return "action_answer_concern"

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> EventList:
        # The intent names the area, or a typed choice from clarifying buttons set `area` just before.
        area_id = area_for_intent(tracker.latest_message.get("intent", {}).get("name")) or tracker.get_slot("area")
        if area_id not in AREA_IDS:
            dispatcher.utter_message(response=help_menu(tracker))
            return understood()
        role = writer_role(tracker)
        if role and not tracker.get_slot("role"):
            return understood() + [SlotSet("role", role)] + answer_area(dispatcher, tracker, area_id, role)
        if role is None and not tracker.get_slot("role_asked"):
            dispatcher.utter_message(response="utter_ask_role")
            return understood() + [SlotSet("pending_area", area_id), SlotSet("role_asked", True), SlotSet("area", area_id)]
        return understood() + answer_area(dispatcher, tracker, area_id, role or "professional")


class ActionSetRole(Answer):
    """After the person says who they are: answer the concern they raised, if one is waiting."""

    def name(self) -> str:
        return "action_set_role"

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> EventList:
        role = tracker.get_slot("role")
        events = understood() + [SlotSet("role_asked", True)]
        pending = tracker.get_slot("pending_area")
        if pending in AREA_IDS:
            return events + answer_area(dispatcher, tracker, pending, role or "professional")
        dispatcher.utter_message(response="utter_role_noted")
        return events


class ActionAnswerFollowup(Answer):
    """'What could we try?', 'any examples?'... for the area in the conversation."""

    def name(self) -> str:
        return "action_answer_followup"

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> EventList:
        intent = tracker.latest_message.get("intent", {}).get("name")
        part = FOLLOWUP_PARTS.get(intent, "what_to_try")
        area_id = tracker.get_slot("area")
        example_id = next(
            (e.get("value") for e in tracker.latest_message.get("entities", []) if e.get("entity") == "example"),
            None,
        )
        if part == "examples" and example_id:
            shown = show_example(dispatcher, tracker, example_id)
            if shown:
                return understood() + shown
        text = tracker.latest_message.get("text") or ""
        if part == "examples" and not text.startswith("/"):
            found = knowledge().match_examples(text)
            if found:
                return understood() + examples_found(dispatcher, tracker, [ex for _, ex in found])
        if area_id not in AREA_IDS:
            # "what can we do?" just after "I can help you find support...": that offer is the answer. So it is
            # for a patient or a carer with no problem area yet ("is there anything for me as his wife", typed
            # in session 20, got "Which of these is closest...?" and the menu).
            if part == "what_to_try" and (tracker.get_slot("offer") == "find_support" or writer_role(tracker) in VIEW_FOR_ROLE):
                return understood() + offer_support(dispatcher)
            dispatcher.utter_message(response="utter_which_area")
            dispatcher.utter_message(response=help_menu(tracker))
            return understood()
        area = knowledge().area(area_id)
        role = writer_role(tracker)
        if part == "what_to_try" and role in VIEW_FOR_ROLE:
            # "What can I do while I wait?" from a patient: the guide's ideas are for services, so the patient
            # view's things to ask the care team for, or try, and an offer of support near them.
            _, ask_for, ask_for_again = VIEW_FOR_ROLE[role]
            if tracker.get_slot("last_reply") == f"patient:{area_id}":  # the list was the last thing they read
                dispatcher.utter_message(response=ask_for_again)
            else:
                dispatcher.utter_message(response=ask_for, items=patient_values(area, carer=role == "carer")["items"])
            return understood() + record(tracker, ("followup", part)) + offer_support(dispatcher)
        if part == "impact" and asks_about_costs(text):
            return understood() + self._costs(dispatcher, tracker, area) + record(tracker, ("followup", part))
        values = followup_values(area, part)
        first, *rest = split_message(values["items"])
        key = f"{part}:{area_id}"
        said = say(dispatcher, tracker, key, RESPONSE_FOR_PART[part], **{**values, "items": first})
        if any(e.get("name") == "last_reply" and e.get("value") == key for e in said):
            for chunk in rest:  # the rest of a long answer, a phone screen at a time
                dispatcher.utter_message(response="utter_continued", items=chunk)
        events = understood() + said + record(tracker, ("followup", part))
        if part == "examples":
            choices = [
                {"title": ex.title, "payload": payload("ask_examples", example=ex.id), "example": ex.id} for ex in area.examples
            ]
            dispatcher.utter_message(
                response="utter_example_more", buttons=[{k: c[k] for k in ("title", "payload")} for c in choices]
            )
            return events + [SlotSet("pending", {"kind": "examples", "choices": choices})]
        return events + ask_feedback(dispatcher, tracker)

    @staticmethod
    def _costs(dispatcher: CollectingDispatcher, tracker: Tracker, area: Area) -> EventList:
        """Answers "what would it cost us?": the guide gives findings about costs, never a price, and says so (a GP
        asking about results and then costs got the whole impact list twice in session 19)."""
        values = cost_values(area)
        key = f"impact_costs:{area.id}"
        if not values["items"]:
            response = "utter_impact_no_costs"
        elif tracker.get_slot("last_reply") == f"impact:{area.id}":  # the findings were the last thing they read
            response = "utter_impact_costs_above"
        else:
            response = "utter_impact_costs"
        said = say(dispatcher, tracker, key, response, **values)
        if any(e.get("name") == "last_reply" and e.get("value") == key for e in said):
            dispatcher.utter_message(response="utter_costs_model")
        return said + ask_feedback(dispatcher, tracker)


class ActionPrinciples(Answer):
    def name(self) -> str:
        return "action_principles"

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> EventList:
        return understood() + say(dispatcher, tracker, "principles", "utter_principles", **principles_values(knowledge()))


class ActionAboutGuide(Answer):
    """Where the assistant's information comes from: the guide, its date, its audience and its caveat."""

    def name(self) -> str:
        return "action_about_guide"

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> EventList:
        area_id = tracker.get_slot("area")
        # "any evidence I can cite?" after an answer about one area: that area's references, not the guide's story
        if area_id in AREA_IDS and asks_for_references(tracker.latest_message.get("text") or ""):
            title = area_title(area_id, writer_role(tracker))
            values = {"area_title": title[:1].lower() + title[1:], **references_values(knowledge().area(area_id))}
            return understood() + say(dispatcher, tracker, f"references:{area_id}", "utter_area_references", **values)
        about = knowledge().about
        values = {
            "title": " ".join(about.title.split()),
            "published": about.published,
            "publishers": " and ".join(about.publishers),
            "authors": ", ".join(about.authors),
            "audience": about.audience,
            "how_to_use": about.how_to_use,
            "links": ", ".join(about.links),
        }
        return understood() + say(dispatcher, tracker, "about_guide", "utter_about_guide", **values)


class ActionFeedback(Answer):
    """'Was this useful?': record the answer, and for a 'no', ask why once."""

    def name(self) -> str:
        return "action_feedback"

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> EventList:
        entities = {e.get("entity"): e.get("value") for e in tracker.latest_message.get("entities", [])}
        answer, reason = entities.get("feedback"), entities.get("feedback_reason")
        if answer in ("yes", "no"):
            events = record(tracker, ("feedback", answer))
            if answer == "no":
                dispatcher.utter_message(response="utter_ask_feedback_reason")
                return understood() + events
        elif reason in ("too_general", "not_what_i_asked", "hard_to_read", "other"):
            events = record(tracker, ("feedback_reason", reason))
        else:
            events = []
        dispatcher.utter_message(response="utter_feedback_thanks")
        return understood() + events
