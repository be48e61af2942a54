"""Concern answers, role handling, follow-ups and principles, with trackers built inline."""

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.concerns import ActionAnswerConcern, ActionAnswerFollowup, ActionPrinciples, ActionSetRole
from bot.knowledge import AREA_IDS, load_knowledge_base
from tests.actions.helpers import responses, run, tracker

KB = load_knowledge_base()


def test_professional_gets_the_solution_and_follow_up_buttons():
    messages, slots = run(ActionAnswerConcern(), tracker("concern_skills_training", {"role": "professional"}))
    assert responses(messages) == ["utter_concern_professional", "utter_concern_professional_buttons"]
    assert messages[0]["solution"] == KB.area("skills_training").solution
    assert slots["area"] == "skills_training" and slots["misses"] == 0


def test_a_professional_not_knowing_what_is_out_there_is_also_offered_the_directory():
    messages, slots = run(ActionAnswerConcern(), tracker("concern_local_knowledge", {"role": "professional"}))
    assert responses(messages) == [
        "utter_concern_professional",
        "utter_concern_professional_buttons",
        "utter_offer_directory_professional",
    ]
    assert slots["offer"] == "find_support", "a typed yes takes up the offer"


def test_patient_gets_the_patient_view_and_an_offer_of_support():
    messages, slots = run(ActionAnswerConcern(), tracker("concern_patient_expectations", {"role": "patient"}))
    assert responses(messages) == ["utter_concern_patient", "utter_patient_ask_for", "utter_offer_support"]
    pv = KB.area("patient_expectations").patient_view
    assert messages[0]["how_it_can_feel"] == pv.how_it_can_feel
    assert all(item in messages[1]["items"] for item in pv.what_you_can_ask_for)
    assert slots["offer"] == "find_support"


def test_a_carer_gets_the_patient_view_framed_as_the_view_of_the_person_they_care_for():
    """'my husband has gone quiet...' is not answered as if the carer were the one in pain."""
    messages, _ = run(ActionAnswerConcern(), tracker("concern_patient_expectations", {"role": "carer"}))
    assert responses(messages) == ["utter_concern_carer", "utter_carer_ask_for", "utter_offer_support"]
    pv = KB.area("patient_expectations").patient_view
    assert messages[0]["how_it_can_feel"] == pv.how_it_can_feel
    assert all(item in messages[1]["items"] for item in pv.what_they_can_ask_for)
    assert "your first appointment" not in messages[1]["items"], "the asks speak of the person they care for"


def test_unknown_role_is_asked_once_then_the_concern_is_answered():
    messages, slots = run(ActionAnswerConcern(), tracker("concern_local_knowledge"))
    assert responses(messages) == ["utter_ask_role"]
    assert slots["pending_area"] == "local_knowledge" and slots["role_asked"] is True

    messages, slots = run(ActionSetRole(), tracker("inform_role", {"role": "carer", "pending_area": "local_knowledge"}))
    assert responses(messages)[0] == "utter_concern_carer"
    assert slots["pending_area"] is None


def test_role_is_never_asked_twice():
    messages, _ = run(ActionAnswerConcern(), tracker("concern_business_case", {"role_asked": True}))
    assert "utter_ask_role" not in responses(messages)
    assert responses(messages)[0] == "utter_concern_professional"


def test_role_without_a_waiting_concern_is_acknowledged():
    messages, _ = run(ActionSetRole(), tracker("inform_role", {"role": "professional"}))
    assert responses(messages) == ["utter_role_noted"]


def _items(messages):
    """The whole answer, however many phone-sized messages it was sent in."""
    return "\n".join(
        m["items"]
        for m in messages
        if m.get("response") in ("utter_what_to_try", "utter_challenges", "utter_impact", "utter_continued")
    )


def test_follow_ups_use_the_current_area():
    area = KB.area("coordination_access")
    messages, _ = run(ActionAnswerFollowup(), tracker("ask_what_to_try", {"area": "coordination_access"}))
    assert messages[0]["response"] == "utter_what_to_try"
    assert all(item.title in _items(messages) for item in area.what_to_try)

    messages, _ = run(ActionAnswerFollowup(), tracker("ask_challenges", {"area": "coordination_access"}))
    assert all(ch.title in _items(messages) for ch in area.challenges)

    messages, _ = run(ActionAnswerFollowup(), tracker("ask_impact", {"area": "coordination_access"}))
    assert all(h.heading in _items(messages) for h in area.impact)


@pytest.mark.parametrize("area_id", AREA_IDS)
def test_asking_what_it_would_cost_gives_the_findings_about_money_and_says_the_guide_gives_no_price(area_id):
    """Typed as a GP in session 19: "what were the results" then "what would it cost us" got the whole impact
    list twice, word for word."""
    area = KB.area(area_id)
    slots = {"area": area_id}
    first, s1 = run(ActionAnswerFollowup(), tracker("ask_impact", slots, text="what were the results"))
    second, _ = run(ActionAnswerFollowup(), tracker("ask_impact", {**slots, **s1}, text="what would it cost us?"))
    assert first[0]["response"] == "utter_impact"
    said = responses(second)
    money = [h.heading for h in area.impact if any(w in h.text.lower() for w in ("cost", "money", "sav", "budget"))]
    # the findings were the last reply, so they are pointed to, not listed again
    assert said[:2] == (
        ["utter_impact_costs_above", "utter_costs_model"] if money else ["utter_impact_no_costs", "utter_costs_model"]
    )
    # asked first, the findings about money are listed, and only those
    direct, _ = run(ActionAnswerFollowup(), tracker("ask_impact", slots, text="what would it cost us?"))
    if money:
        assert responses(direct)[:2] == ["utter_impact_costs", "utter_costs_model"]
        assert all(heading in direct[0]["items"] for heading in money)
        assert direct[0]["items"].count("\u2022") < len(area.impact) or len(money) == len(area.impact)


def test_what_it_would_cost_asked_again_is_not_repeated_a_third_time():
    slots = {"area": "business_case"}
    ask = "does it save money"
    first, s1 = run(ActionAnswerFollowup(), tracker("ask_impact", slots, text=ask))
    second, s2 = run(ActionAnswerFollowup(), tracker("ask_impact", {**slots, **s1}, text=ask))
    third, _ = run(ActionAnswerFollowup(), tracker("ask_impact", {**slots, **s2}, text=ask))
    assert responses(first)[0] == responses(second)[0] == "utter_impact_costs"
    assert responses(third)[0] == "utter_followup_repeat"


def test_a_patient_asking_what_they_can_do_gets_what_to_ask_for_not_the_services_ideas():
    """The guide's "what you can try" is for services ("co-locate services"); a patient waiting for a pain
    clinic asking "what can I do while I wait" gets the patient view's list and an offer of support."""
    pv = KB.area("coordination_access").patient_view
    for role, ask_for in (("patient", "utter_patient_ask_for"), ("carer", "utter_carer_ask_for")):
        messages, slots = run(ActionAnswerFollowup(), tracker("ask_what_to_try", {"area": "coordination_access", "role": role}))
        assert responses(messages) == [ask_for, "utter_offer_support"]
        asks = pv.what_they_can_ask_for if role == "carer" else pv.what_you_can_ask_for
        assert all(item in messages[0]["items"] for item in asks)
        assert slots["offer"] == "find_support"
    slots = {"area": "coordination_access", "role": "patient", "last_reply": "patient:coordination_access"}
    messages, _ = run(ActionAnswerFollowup(), tracker("ask_what_to_try", slots))
    assert responses(messages) == ["utter_patient_ask_for_again", "utter_offer_support"], "not the same list twice running"
    slots = {**slots, "role": "carer"}
    messages, _ = run(ActionAnswerFollowup(), tracker("ask_what_to_try", slots))
    assert responses(messages) == ["utter_carer_ask_for_again", "utter_offer_support"], "their care team, not yours"
    text = "I'm in pain and getting more and more down, what can I do while I wait?"
    messages, _ = run(ActionAnswerFollowup(), tracker("ask_what_to_try", {"area": "coordination_access"}, text=text))
    assert responses(messages)[0] == "utter_patient_ask_for", "the role from the words"


def test_long_answers_come_in_phone_sized_messages():
    messages, _ = run(ActionAnswerFollowup(), tracker("ask_challenges", {"area": "coordination_access"}))
    assert len(messages) > 2 and all(len(m["items"]) <= 1000 for m in messages if "items" in m)


@pytest.mark.parametrize("area_id", AREA_IDS)
def test_a_message_that_opens_part_way_through_a_challenge_names_the_challenge(area_id):
    """Session 15: a GP's challenges reply had messages that began "- Build this work into..." with no challenge."""
    messages, _ = run(ActionAnswerFollowup(), tracker("ask_challenges", {"area": area_id}))
    titles = {ch.title for ch in KB.area(area_id).challenges}
    for m in messages:
        if "items" not in m:
            continue
        opening = m["items"].splitlines()[0]
        assert opening.startswith("\u2022 "), opening
        assert any(title in opening for title in titles), opening


def test_an_example_list_names_no_organisation_twice():
    from bot.answers import followup_values

    for area_id in AREA_IDS:
        for line in followup_values(KB.area(area_id), "examples")["items"].splitlines():
            names = [n.strip() for n in line[line.index("(") + 1 :].rstrip(")").replace(" and others", "").split(",")]
            assert len(names) == len(set(names)), line


def test_examples_list_then_detail_with_find_out_more():
    messages, _ = run(ActionAnswerFollowup(), tracker("ask_examples", {"area": "business_case"}))
    assert responses(messages) == ["utter_examples", "utter_example_more"]
    payloads = [b["payload"] for b in messages[1]["buttons"]]
    assert '/ask_examples{"example":"bc_yoga_healthy_backs"}' in payloads

    detail, slots = run(
        ActionAnswerFollowup(),
        tracker("ask_examples", {"area": "local_knowledge"}, entities=[{"entity": "example", "value": "bc_yoga_healthy_backs"}]),
    )
    assert [m["response"] for m in detail[:2]] == ["utter_example_detail", "utter_example_outcome"], "two phone-sized parts"
    assert "yogaforbacks.co.uk" in detail[1]["links"]
    assert slots["area"] == "business_case"


def test_follow_up_without_an_area_asks_which():
    messages, _ = run(ActionAnswerFollowup(), tracker("ask_examples"))
    assert responses(messages) == ["utter_which_area", "utter_help"]


@pytest.mark.parametrize(
    "role, expected",
    [
        ("carer", ["utter_offer_support"]),
        ("patient", ["utter_offer_support"]),
        ("professional", ["utter_which_area", "utter_help"]),
    ],
)
def test_what_can_i_do_with_no_area_yet_is_an_offer_of_support_for_a_patient_or_carer(role, expected):
    """Typed in session 20 by a wife: "is there anything for me as his wife" got "Which of these is closest...?"."""
    messages, slots = run(
        ActionAnswerFollowup(), tracker("ask_what_to_try", {"role": role}, text="is there anything for me as his wife")
    )
    assert responses(messages) == expected
    assert (slots.get("offer") == "find_support") == (role != "professional")


def test_what_can_we_do_just_after_an_offer_of_support_is_answered_by_that_offer():
    messages, slots = run(ActionAnswerFollowup(), tracker("ask_what_to_try", {"offer": "find_support", "role": "carer"}))
    assert responses(messages) == ["utter_offer_support"] and slots["offer"] == "find_support"


def test_the_same_reply_is_not_sent_three_times_in_a_row():
    slots = {"area": "skills_training"}
    first, s1 = run(ActionAnswerFollowup(), tracker("ask_examples", slots))
    second, s2 = run(ActionAnswerFollowup(), tracker("ask_examples", {**slots, **s1}))
    third, _ = run(ActionAnswerFollowup(), tracker("ask_examples", {**slots, **s2}))
    assert first[0]["response"] == second[0]["response"] == "utter_examples"
    assert third[0]["response"] == "utter_followup_repeat"


def test_principles_use_the_exact_titles_and_the_note():
    messages, _ = run(ActionPrinciples(), tracker("ask_service_principles"))
    for p in KB.principles.principles:
        assert p.title in messages[0]["items"]
    assert messages[0]["note"] == KB.principles.source.note


def test_feedback_yes_no_and_reason_are_recorded(tmp_path):
    import sqlite3

    from actions.concerns import ActionFeedback

    slots = {"insights_id": "abc"}
    messages, _ = run(ActionFeedback(), tracker("feedback", slots, entities=[{"entity": "feedback", "value": "no"}]))
    assert responses(messages) == ["utter_ask_feedback_reason"]
    messages, _ = run(
        ActionFeedback(), tracker("feedback", slots, entities=[{"entity": "feedback_reason", "value": "too_general"}])
    )
    assert responses(messages) == ["utter_feedback_thanks"]
    import os

    facts = sqlite3.connect(os.environ["INSIGHTS_DB"]).execute("select kind, value from facts").fetchall()
    assert facts == [("feedback", "no"), ("feedback_reason", "too_general")]


def test_feedback_is_asked_once_after_a_follow_up():
    first, slots = run(ActionAnswerFollowup(), tracker("ask_impact", {"area": "business_case"}))
    assert responses(first)[-1] == "utter_ask_feedback" and slots["feedback_asked"] is True
    again, _ = run(ActionAnswerFollowup(), tracker("ask_what_to_try", {"area": "business_case", **slots}))
    assert "utter_ask_feedback" not in responses(again)


def test_the_same_area_asked_again_gets_what_to_try_not_the_same_summary():
    """Typed in session 19 by a talking-therapies practitioner: "is there training?" got only the buttons."""
    summary = KB.area("skills_training").solution
    t = tracker("concern_skills_training", {"role": "professional", "area": "skills_training"})
    t.events = [{"event": "bot", "text": f"Many services meet this one (skills and training). {summary}"}]
    dispatcher = CollectingDispatcher()
    events = ActionAnswerConcern().run(dispatcher, t, {})
    assert responses(dispatcher.messages)[:2] == ["utter_concern_same_area", "utter_what_to_try"]
    assert dispatcher.messages[1]["area_title"].lower() == "skills and training"
    # said in this action: a FollowupAction here looped the policies until Rasa's circuit breaker tripped
    assert not [e for e in events if e.get("event") == "followup"]
    assert {e["name"]: e["value"] for e in events if e.get("event") == "slot"}["area"] == "skills_training"
    # the first time, the summary
    messages, _ = run(
        ActionAnswerConcern(), tracker("concern_skills_training", {"role": "professional", "area": "skills_training"})
    )
    assert responses(messages)[0] == "utter_concern_professional"


@pytest.mark.parametrize("area_id", AREA_IDS)
def test_asking_for_evidence_after_an_answer_gives_that_areas_references(area_id):
    """Typed in session 18 as a commissioner: "any evidence I can cite?" got the story of the guide."""
    from actions.concerns import ActionAboutGuide

    t = tracker("ask_about_guide", {"area": area_id, "role": "professional"}, text="any evidence I can cite?")
    messages, _ = run(ActionAboutGuide(), t)
    assert responses(messages) == ["utter_area_references"]
    for reference in KB.area(area_id).references:
        assert f"[{reference.number}] {reference.short}" in messages[0]["items"]


def test_where_the_information_comes_from_is_still_the_guide_when_no_evidence_is_asked_for():
    from actions.concerns import ActionAboutGuide

    t = tracker("ask_about_guide", {"area": "business_case"}, text="where does your information come from?")
    assert responses(run(ActionAboutGuide(), t)[0]) == ["utter_about_guide"]
    t = tracker("ask_about_guide", text="what are your sources?")
    assert responses(run(ActionAboutGuide(), t)[0]) == ["utter_about_guide"]
