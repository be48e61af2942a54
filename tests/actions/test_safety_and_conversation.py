"""Crisis replies, clarifying questions, and yes/no answers."""
from actions.conversation import ActionAffirmDeny, ActionClarify
from rasa_sdk.executor import CollectingDispatcher

from actions.safety import ActionCrisis
from tests.actions.helpers import responses, run, tracker


def test_crisis_gives_every_route_and_asks_if_they_are_safe():
    messages, slots = run(ActionCrisis(), tracker("crisis", safety={"fired": True, "third_party": False}))
    assert responses(messages) == ["utter_crisis_intro", "utter_crisis_routes", "utter_crisis_stay"]
    routes = messages[1]["routes"]
    for needed in ("999", "116 123", "85258", "England:", "Northern Ireland:"):
        assert needed in routes
    assert slots["offer"] == "crisis_safety"


def test_crisis_uses_the_nation_of_the_place_we_know():
    messages, _ = run(ActionCrisis(), tracker("crisis", {"place": "Cardiff"}))
    assert "press 2" in messages[1]["routes"] and "Lifeline" not in messages[1]["routes"]


def test_professional_reporting_a_patient_gets_steps_for_the_professional():
    messages, slots = run(ActionCrisis(), tracker("crisis", safety={"fired": True, "third_party": True}))
    assert responses(messages) == ["utter_crisis_third_party_intro", "utter_crisis_routes"]
    assert slots["offer"] is None


def test_not_safe_after_the_crisis_question_repeats_the_emergency_routes():
    messages, slots = run(ActionAffirmDeny(), tracker("deny", {"offer": "crisis_safety"}))
    assert responses(messages) == ["utter_crisis_not_safe", "utter_crisis_routes"]
    assert slots["offer"] == "crisis_safety"


def test_safe_after_the_crisis_question_offers_support():
    messages, _ = run(ActionAffirmDeny(), tracker("affirm", {"offer": "crisis_safety"}))
    assert responses(messages)[:2] == ["utter_crisis_safe", "utter_find_support_national"]


def test_yes_to_the_support_offer_starts_the_search_form():
    events = ActionAffirmDeny().run(CollectingDispatcher(), tracker("affirm", {"offer": "find_support"}), {})
    assert {"event": "followup", "name": "support_form"} in [{k: e.get(k) for k in ("event", "name")} for e in events]


def test_yes_with_nothing_offered_is_not_a_dead_end():
    messages, _ = run(ActionAffirmDeny(), tracker("affirm"))
    assert responses(messages) == ["utter_anything_else"]


def test_clarify_offers_the_two_likeliest_areas_then_the_menu():
    ranking = [{"name": "nlu_fallback", "confidence": 0.3}, {"name": "concern_business_case", "confidence": 0.28},
               {"name": "greet", "confidence": 0.2}, {"name": "concern_coordination_access", "confidence": 0.1}]
    messages, slots = run(ActionClarify(), tracker("nlu_fallback", ranking=ranking))
    assert messages[0]["response"] == "utter_clarify"
    payloads = [b["payload"] for b in messages[0]["buttons"]]
    assert payloads == ["/concern_business_case", "/concern_coordination_access", "/help"]
    assert slots["misses"] == 1
    messages, slots = run(ActionClarify(), tracker("nlu_fallback", {"misses": 1}, ranking=ranking))
    assert responses(messages) == ["utter_help"]


def test_clarify_asks_for_words_when_there_were_none():
    messages, _ = run(ActionClarify(), tracker("nlu_fallback", input_flags={"empty": True}))
    assert responses(messages) == ["utter_clarify_empty"]




def test_fixed_replies_are_not_sent_three_times_in_a_row():
    from actions.conversation import ActionRespond

    first, s1 = run(ActionRespond(), tracker("greet"))
    second, s2 = run(ActionRespond(), tracker("greet", s1))
    third, _ = run(ActionRespond(), tracker("greet", {**s1, **s2}))
    assert responses(first) == responses(second) == ["utter_greet"]
    assert responses(third) == ["utter_already_said", "utter_help"]


def test_each_fixed_intent_gets_its_reply():
    from actions.conversation import FIXED_REPLIES, ActionRespond

    for intent, response in FIXED_REPLIES.items():
        assert responses(run(ActionRespond(), tracker(intent))[0]) == [response]
