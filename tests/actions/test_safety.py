"""The safety conversation: the first reply by level and writer, then typed follow-ups."""

import pytest

from actions.safety import ActionCrisis, ActionMedication, ActionSafetyFollowup
from tests.actions.helpers import responses, run, tracker

IMMEDIATE = {"level": "immediate", "fired": True, "category": "suicidal", "about_other": False}
POSSIBLE = {"level": "possible", "fired": True, "category": "suicidal", "about_other": False}


def test_immediate_danger_gives_every_route_and_asks_if_they_are_safe():
    messages, slots = run(ActionCrisis(), tracker("crisis", safety=IMMEDIATE))
    assert responses(messages) == ["utter_crisis_intro", "utter_crisis_routes", "utter_crisis_stay"]
    routes = messages[1]["routes"]
    assert routes.index("999") < routes.index("116 123")
    for needed in ("116 123", "85258", "England:", "Northern Ireland:"):
        assert needed in routes
    assert slots["safety_state"] == "asked_safe"


def test_possible_risk_asks_directly_with_routes_in_view():
    messages, slots = run(ActionCrisis(), tracker("crisis", safety=POSSIBLE))
    assert responses(messages) == ["utter_risk_check", "utter_risk_check_routes"]
    assert "116 123" in messages[1]["routes"] and "111" in messages[1]["routes"]
    assert slots["safety_state"] == "asked_thoughts"


def test_the_nation_we_know_gives_its_own_line():
    messages, _ = run(ActionCrisis(), tracker("crisis", {"place": "Cardiff"}, safety=IMMEDIATE))
    assert "press 2" in messages[1]["routes"] and "Lifeline" not in messages[1]["routes"]


@pytest.mark.parametrize(
    "role, expected", [("professional", "utter_crisis_professional_steps"), (None, "utter_crisis_relative_steps")]
)
def test_a_report_about_someone_else_speaks_to_the_writer(role, expected):
    safety = {**IMMEDIATE, "about_other": True}
    messages, slots = run(ActionCrisis(), tracker("crisis", {"role": role}, safety=safety))
    assert responses(messages)[:2] == [expected, "utter_crisis_routes"]
    assert slots["safety_state"] == "reported"


def test_a_possible_risk_to_someone_else_asks_the_writer_directly():
    safety = {**POSSIBLE, "about_other": True}
    messages, slots = run(ActionCrisis(), tracker("crisis", {"role": "carer"}, safety=safety))
    assert responses(messages) == ["utter_risk_check_other", "utter_risk_check_other_routes"]
    assert "116 123" in messages[1]["routes"] and "85258" in messages[1]["routes"]
    assert slots["safety_state"] == "asked_other"


@pytest.mark.parametrize(
    "role, expected", [("professional", "utter_crisis_professional_steps"), ("carer", "utter_crisis_relative_steps")]
)
def test_yes_to_the_writer_gets_their_steps_and_no_gets_reassurance(role, expected):
    messages, slots = followup("yes, I'm worried", "asked_other", "affirm", slots={"role": role})
    assert responses(messages)[:2] == [expected, "utter_crisis_routes"] and slots["safety_state"] == "reported"
    messages, slots = followup("no, she's just fed up", "asked_other", "deny", slots={"role": role})
    assert responses(messages)[0] == "utter_risk_other_no" and slots["safety_state"] is None


def test_abuse_adds_the_nations_domestic_abuse_line_and_an_older_adult_hourglass():
    safety = {**IMMEDIATE, "category": "abuse", "older_adult": True}
    messages, _ = run(ActionCrisis(), tracker("crisis", {"nation": "Wales"}, safety=safety))
    extra = next(m for m in messages if m.get("response") == "utter_crisis_safeguarding")["routes"]
    assert "0808 80 10 800" in extra and "0808 2000 247" not in extra
    assert "0808 808 8141" in extra and "55" in extra


def test_a_child_at_risk_gets_the_nspcc():
    safety = {**IMMEDIATE, "category": "safeguarding", "child": True}
    messages, _ = run(ActionCrisis(), tracker("crisis", safety=safety))
    assert "0808 800 5000" in next(m for m in messages if m.get("response") == "utter_crisis_safeguarding")["routes"]


def followup(text, state, intent="nlu_fallback", level="none", slots=None, entities=None, confidence=0.5):
    return run(
        ActionSafetyFollowup(),
        tracker(
            intent,
            {"safety_state": state, **(slots or {})},
            text=text,
            confidence=confidence,
            safety={"level": level},
            entities=entities or [],
        ),
    )


@pytest.mark.parametrize(
    "text, intent",
    [("no I'm not safe", "deny"), ("no", "deny"), ("not really", "nlu_fallback"), ("I've already taken them", "crisis")],
)
def test_not_safe_typed_gets_the_urgent_steps(text, intent):
    messages, slots = followup(text, "asked_safe", intent, level="immediate" if intent == "crisis" else "none")
    assert responses(messages)[0] == "utter_crisis_not_safe"
    assert slots["safety_state"] == "asked_safe"


OVERDOSE = {**IMMEDIATE, "category": "plan_or_means", "overdose_taken": True}


def test_a_medicine_already_taken_gets_medical_help_first_not_are_you_safe():
    messages, slots = run(ActionCrisis(), tracker("crisis", safety=OVERDOSE))
    assert responses(messages) == ["utter_crisis_overdose", "utter_crisis_routes", "utter_crisis_stay_overdose"]
    assert slots["safety_state"] == "asked_safe" and slots["crisis_overdose"] is True


def test_someone_reporting_another_persons_overdose_gets_the_steps_for_them():
    safety = {**OVERDOSE, "about_other": True}
    messages, slots = run(ActionCrisis(), tracker("crisis", safety=safety))
    assert responses(messages)[0] == "utter_crisis_relative_steps" and slots["crisis_overdose"] is False


@pytest.mark.parametrize(
    "text, intent, first",
    [
        # typed in session 18: "like 20", "ok" after an overdose asked again whether they were safe, then
        # "ok" was read as safe and got "I'm glad you're safe right now"
        ("like 20", "nlu_fallback", "utter_safety_unclear_overdose"),
        ("ok", "affirm", "utter_safety_unclear_overdose"),
        ("no i dont want an ambulance", "deny", "utter_crisis_not_safe_overdose"),
        ("yes", "affirm", "utter_crisis_safe_overdose"),
        ("I'm fine now", "nlu_fallback", "utter_crisis_safe_overdose"),
    ],
)
def test_after_an_overdose_feeling_safe_is_not_the_end_of_it(text, intent, first):
    messages, slots = followup(text, "asked_safe", intent, slots={"crisis_overdose": True})
    assert responses(messages)[0] == first
    assert "utter_crisis_safe" not in responses(messages) and "utter_safety_offer" not in responses(messages)
    if first == "utter_crisis_safe_overdose":
        assert slots["safety_state"] is None and slots["crisis_overdose"] is False


@pytest.mark.parametrize(
    ("role", "steps"), [("professional", "utter_crisis_professional_steps"), (None, "utter_crisis_relative_steps")]
)
def test_someone_who_reported_another_person_and_asks_what_to_do_gets_their_steps_again(role, steps):
    messages, slots = followup("what should I do next", "reported", "ask_what_to_try", slots={"role": role}, confidence=0.9)
    assert responses(messages)[:2] == [steps, "utter_crisis_routes"]
    assert "if their life is at risk" in messages[1]["routes"] and slots["safety_state"] == "reported"


def test_an_overdose_told_as_the_answer_to_are_you_safe_gets_the_overdose_steps():
    messages, slots = followup("I've taken all my tablets", "asked_safe", "crisis", level="immediate")
    assert responses(messages)[0] == "utter_crisis_not_safe"
    messages, slots = run(
        ActionSafetyFollowup(),
        tracker("crisis", {"safety_state": "asked_thoughts"}, text="I've taken all my tablets", safety=OVERDOSE),
    )
    assert responses(messages)[0] == "utter_crisis_not_safe_overdose" and slots["crisis_overdose"] is True


@pytest.mark.parametrize("text", ["yes I'm safe", "I'm ok now", "yeah"])
def test_safe_typed_gets_a_gentle_check_and_an_offer(text):
    messages, slots = followup(text, "asked_safe", "affirm")
    assert responses(messages) == ["utter_crisis_safe", "utter_safety_offer"]
    assert slots["safety_state"] is None and slots["offer"] == "find_support"


def test_yes_to_thoughts_of_ending_life_is_danger_and_no_is_not():
    messages, _ = followup("yes", "asked_thoughts", "affirm")
    assert responses(messages)[0] == "utter_crisis_not_safe"
    messages, slots = followup("no, not like that", "asked_thoughts", "deny")
    assert responses(messages)[0] == "utter_risk_no_thoughts" and slots["safety_state"] is None


def test_a_place_gives_that_nations_numbers_only():
    messages, slots = followup("I'm in Glasgow", "asked_safe", entities=[{"entity": "place", "value": "Glasgow"}])
    assert responses(messages)[:2] == ["utter_crisis_place_routes", "utter_crisis_routes"]
    routes = messages[1]["routes"]
    assert "NHS 24" in routes and "Lifeline" not in routes and "option 2" not in routes
    assert slots["nation"] == "Scotland"


def test_moving_on_clearly_leaves_the_safety_conversation():
    events = ActionSafetyFollowup().run(
        *_dispatch(
            tracker(
                "find_support",
                {"safety_state": "asked_safe"},
                text="any pain groups in Leeds?",
                confidence=0.9,
                safety={"level": "none"},
            )
        )
    )
    assert {"event": "followup", "name": "support_form"} in [{k: e.get(k) for k in ("event", "name")} for e in events]


def test_unclear_asks_again_then_leaves_the_numbers():
    messages, slots = followup("hmm", "asked_safe")
    assert responses(messages) == ["utter_safety_unclear_asked_safe", "utter_crisis_routes"]
    messages, slots = followup("hmm", "asked_safe", slots={"safety_unclear": 2})
    assert responses(messages) == ["utter_safety_keep_numbers"] and slots["safety_state"] is None


def test_medicines_questions_point_to_a_pharmacist_and_the_nations_line():
    messages, _ = run(ActionMedication(), tracker("medication_question", {"nation": "Scotland"}))
    routes = messages[0]["routes"]
    assert "pharmacist" in routes and "NHS 24" in routes and "111.nhs.uk" not in routes


def _dispatch(t):
    from rasa_sdk.executor import CollectingDispatcher

    return CollectingDispatcher(), t, {}


def test_unwanted_thoughts_of_harming_someone_get_their_own_question():
    safety = {"level": "possible", "category": "harm_to_others", "rule": "harm_to_others_thoughts"}
    messages, slots = run(ActionCrisis(), tracker("crisis", safety=safety))
    assert responses(messages)[:2] == ["utter_harm_thoughts_check", "utter_risk_check_routes"]
    assert slots["safety_state"] == "asked_harm"


def test_yes_to_acting_on_thoughts_of_harm_gets_999_and_distance():
    messages, slots = run(ActionSafetyFollowup(), tracker("affirm", {"safety_state": "asked_harm"}, text="yes"))
    assert responses(messages)[0] == "utter_harm_danger"
    messages, slots = run(ActionSafetyFollowup(), tracker("deny", {"safety_state": "asked_harm"}, text="no"))
    assert responses(messages)[0] == "utter_risk_no_thoughts" and slots["safety_state"] is None
