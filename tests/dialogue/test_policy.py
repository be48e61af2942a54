"""The follow-up policy: while a question is open, the next message goes to the reader action."""

from pathlib import Path

from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.dialogue.policy import FOLLOWUP_ACTION, SAFETY_ACTION, next_action

DOMAIN = Domain.from_path(str(Path(__file__).resolve().parents[2] / "domain.yml"))


def tracker(*events):
    return DialogueStateTracker.from_events("t", [ActionExecuted(ACTION_LISTEN_NAME), *events], DOMAIN.slots)


def said(text, intent):
    return UserUttered(text, {"name": intent, "confidence": 0.9})


def test_an_open_safety_question_takes_the_next_message_whatever_its_intent():
    for intent in ("deny", "nlu_fallback", "out_of_scope", "crisis", "concern_local_knowledge"):
        t = tracker(
            said("x", "crisis"),
            ActionExecuted("action_crisis"),
            SlotSet("safety_state", "asked_safe"),
            ActionExecuted(ACTION_LISTEN_NAME),
            said("Leeds", intent),
        )
        assert next_action(t) == SAFETY_ACTION


def test_an_offer_takes_the_next_message_except_a_crisis():
    base = [
        said("x", "nlu_fallback"),
        ActionExecuted("action_clarify"),
        SlotSet("pending", {"choices": []}),
        ActionExecuted(ACTION_LISTEN_NAME),
    ]
    assert next_action(tracker(*base, said("the first one", "nlu_fallback"))) == FOLLOWUP_ACTION
    assert next_action(tracker(*base, said("I want to die", "crisis"))) is None


def test_after_the_reader_answers_the_assistant_listens():
    t = tracker(
        said("x", "crisis"),
        ActionExecuted("action_crisis"),
        SlotSet("safety_state", "asked_safe"),
        ActionExecuted(ACTION_LISTEN_NAME),
        said("no", "deny"),
        ActionExecuted(SAFETY_ACTION),
    )
    assert next_action(t) == ACTION_LISTEN_NAME


def test_nothing_open_leaves_the_choice_to_the_rules():
    assert next_action(tracker(said("hello", "greet"))) is None


def test_a_form_handed_over_to_finishes_under_the_rules():
    t = tracker(
        said("x", "ask_examples"),
        ActionExecuted("action_answer_followup"),
        SlotSet("pending", {"choices": [{"title": "a", "payload": "/a"}]}),
        ActionExecuted(ACTION_LISTEN_NAME),
        said("any pain groups in Wolverhampton?", "find_support"),
        ActionExecuted(FOLLOWUP_ACTION),
        ActionExecuted("support_form"),
    )
    assert next_action(t, ("support_form",)) is None
    t.update(ActionExecuted("action_search_services"))
    assert next_action(t, ("support_form",)) == ACTION_LISTEN_NAME


def test_a_place_typed_after_an_offer_of_support_is_read_as_the_answer():
    base = [
        said("no", "deny"),
        ActionExecuted(SAFETY_ACTION),
        SlotSet("offer", "find_support"),
        ActionExecuted(ACTION_LISTEN_NAME),
    ]
    in_cardiff = UserUttered(
        "I'm in Cardiff", {"name": "out_of_scope", "confidence": 0.5}, [{"entity": "place", "value": "Cardiff"}]
    )
    assert next_action(tracker(*base, in_cardiff)) == FOLLOWUP_ACTION
    # without a place, the rules read the reply against the offer
    assert next_action(tracker(*base, said("thanks", "thank"))) is None
    # "I don't know" is read by the reader too (what support can mean); a yes or a no by the rules
    assert next_action(tracker(*base, said("i dont know", "help"))) == FOLLOWUP_ACTION
    assert next_action(tracker(*base, said("yes please", "affirm"))) is None


def test_a_place_on_its_own_with_nothing_asked_means_support_near_it():
    anglesey = UserUttered("Anglesey", {"name": "out_of_scope", "confidence": 0.6}, [{"entity": "place", "value": "Anglesey"}])
    assert next_action(tracker(anglesey)) == FOLLOWUP_ACTION
    long = UserUttered(
        "my physio in Leeds never asks how I feel",
        {"name": "concern_skills_training", "confidence": 0.8},
        [{"entity": "place", "value": "Leeds"}],
    )
    assert next_action(tracker(long)) is None


def test_after_a_search_a_short_request_for_a_need_the_directory_lacks_is_a_search_for_it():
    searched = [SlotSet("place", "Cardiff"), ActionExecuted("action_search_services"), ActionExecuted(ACTION_LISTEN_NAME)]

    def asked(text, intent="concern_coordination_access"):
        return UserUttered(text, {"name": intent, "confidence": 0.7}, [{"entity": "support_kind", "value": "veterans"}])

    assert next_action(tracker(*searched, asked("veterans stuff if there is any"))) == FOLLOWUP_ACTION
    assert next_action(tracker(*searched, asked("what about something for ex-forces?"))) == FOLLOWUP_ACTION
    # a remark that only mentions the need, a request the rules already send to the search, and no place yet
    assert next_action(tracker(*searched, asked("he's ex army and hasn't left the house in weeks"))) is None
    assert next_action(tracker(*searched, asked("anything for veterans", "find_support"))) is None
    assert next_action(tracker(asked("veterans stuff if there is any"))) is None
