"""Shared pieces for the actions: cached domain objects and reply bookkeeping."""

from __future__ import annotations

import abc
import functools
import json
import logging
import uuid
from collections.abc import Collection
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.answers import check_line_values
from bot.dialogue.area_names import plain_area_names
from bot.dialogue.roles import role_from_words
from bot.insights import open_insights
from bot.knowledge import KnowledgeBase, load_knowledge_base
from bot.places import Place, load_towns, nation_named, region_named, resolve
from bot.safety import CrisisContacts, load_crisis_contacts

EventList = list[dict[str, Any]]
logger = logging.getLogger(__name__)


@functools.lru_cache(maxsize=1)
def knowledge() -> KnowledgeBase:
    return load_knowledge_base()


@functools.lru_cache(maxsize=1)
def contacts() -> CrisisContacts:
    return load_crisis_contacts()


def nation_of(tracker: Tracker) -> str | None:
    """The nation from the `nation` slot, or from an unambiguous town in the `place` slot."""
    nation = tracker.get_slot("nation")
    if nation:
        return nation
    place = tracker.get_slot("place")
    if place:
        towns = load_towns().get(str(place).lower(), ())
        nations = {t.nation for t in towns}
        if len(nations) == 1:
            return nations.pop()
    return None


def payload(intent: str, **entities: str) -> str:
    """A button payload: "/intent", with entities as JSON ("/ask_examples{"example": "ca_oldham"}")."""
    return f"/{intent}{json.dumps(entities, separators=(',', ':'))}" if entities else f"/{intent}"


def writer_role(tracker: Tracker) -> str | None:
    """Who is writing: the `role` slot, or else what the latest message's words say (None if neither)."""
    return tracker.get_slot("role") or role_from_words(tracker.latest_message.get("text") or "")


def help_menu(tracker: Tracker) -> str:
    """The menu of what the assistant can help with, in the words of the person writing: patients and carers get
    plain names and not the topics for staff and commissioners. Their role may be in an earlier message only
    ("my husband has had neck pain...", then "what can I do")."""
    role = writer_role(tracker)
    for event in reversed(tracker.events):
        if role:
            break
        if event.get("event") == "user":
            role = role_from_words(event.get("text") or "")
    return "utter_help_person" if role in ("patient", "carer") else "utter_help"


def area_title(area_id: str, role: str | None) -> str:
    """The area's name for this person: the guide's title for professionals, a plain name otherwise."""
    if role == "professional":
        return knowledge().area(area_id).title
    return plain_area_names()[area_id]


def place_in_message(tracker: Tracker) -> Place | None:
    """A place in the latest message: an entity, a nation or a county named, or the whole text as a place."""
    text = tracker.latest_message.get("text") or ""
    candidates = [e.get("value") for e in tracker.latest_message.get("entities", []) if e.get("entity") == "place"]
    for candidate in [*candidates, text]:
        nation = nation_named(candidate)
        if nation:
            return Place(nation, 0.0, 0.0, nation, "nation")
        region = region_named(candidate)
        if region:
            return Place(region[0], 0.0, 0.0, region[1], "region")
        found = resolve(candidate)
        if isinstance(found, Place):
            return found
    return None


def understood() -> EventList:
    """Events every action for an understood message sends: the miss counter starts again."""
    return [SlotSet("misses", 0)]


def say(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    key: str,
    response: str,
    instead: str = "utter_followup_repeat",
    **values: Any,
) -> EventList:
    """Send a templated reply, unless it would be the same reply for the third time in a row.

    `key` names what is being said (e.g. 'examples:local_knowledge'); on the third identical key the
    assistant sends `instead` and the menu of what it can help with, rather than repeating itself.
    """
    last = tracker.get_slot("last_reply")
    repeats = int(tracker.get_slot("repeats") or 0) + 1 if last == key else 0
    if repeats >= 2:
        dispatcher.utter_message(response=instead)
        if instead != "utter_help":
            dispatcher.utter_message(response=help_menu(tracker))
        return [SlotSet("last_reply", None), SlotSet("repeats", 0)]
    dispatcher.utter_message(response=response, **values)
    return [SlotSet("last_reply", key), SlotSet("repeats", repeats)]


def spoke_this_turn(tracker: Tracker) -> bool:
    """Whether the assistant has already said something since the person's latest message."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "bot":
            return True
    return False


def said_since_form_opened(tracker: Tracker, responses: Collection[str | None]) -> bool:
    """Whether one of `responses` has been said since the active form was opened: the same words of
    comfort twice in one form read as a machine's."""
    for event in reversed(tracker.events):
        if event.get("event") == "bot" and (event.get("metadata") or {}).get("utter_action") in responses:
            return True
        if event.get("event") == "active_loop" and event.get("name"):
            return False
    return False


class Answer(Action, abc.ABC):
    """An action that answers a message. When the safety decision asked for it (`check_line`), the first
    answer of the turn ends with one quiet line: Samaritans, Shout, and 999 or A&E. Not inside a safety
    conversation, whose replies already show the routes."""

    # An answer that always ends with the crisis routes itself (the directory search) needs no check line.
    ends_with_crisis_routes = False

    @abc.abstractmethod
    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> EventList:
        """The action's own reply; `run` adds the check line."""

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> EventList:
        events = self.answer(dispatcher, tracker, domain)
        if not self.ends_with_crisis_routes:
            add_check_line(dispatcher, tracker)
        return events


def add_check_line(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """End this turn's first answer with the quiet check line, when the safety decision asked for it."""
    safety = tracker.latest_message.get("safety") or {}
    if safety.get("check_line") and dispatcher.messages and not tracker.get_slot("safety_state") and not spoke_this_turn(tracker):
        # about someone else (a patient, a relative), or from a professional or a carer, whose messages are
        # mostly about someone else: the line speaks of them, and of the writer too
        other = safety.get("about_other") or tracker.get_slot("role") in ("professional", "carer")
        line = "utter_safety_check_line_other" if other else "utter_safety_check_line"
        dispatcher.utter_message(response=line, **check_line_values(contacts()))


@functools.lru_cache(maxsize=1)
def insights():
    return open_insights()


def record(tracker: Tracker, *facts: tuple) -> EventList:
    """Record anonymous facts ((kind, value), ...) for the insights report. The conversation gets a random
    id of its own (never the sender id). A failure here never stops a reply."""
    conversation = tracker.get_slot("insights_id")
    events: EventList = []
    if not conversation:
        conversation = uuid.uuid4().hex
        events.append(SlotSet("insights_id", conversation))
    try:
        for kind, value in facts:
            insights().record(conversation, tracker.get_latest_input_channel(), kind, value)
    except Exception:  # noqa: BLE001 - insights are optional; the person must still get an answer
        logger.warning("could not record insights", exc_info=True)
    return events
