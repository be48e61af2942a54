"""Reading typed follow-ups: safety answers, choices, and the routes they fall back to."""

from pathlib import Path

import pytest
import yaml

from bot.dialogue.followups import (
    ROUTES,
    farewell_first,
    is_bare_place,
    is_place_reply,
    is_thanks,
    read_choice,
    read_safety_answer,
)
from bot.dialogue.offers import fixed_reply, offered, response_buttons, second_concern

ROOT = Path(__file__).resolve().parents[2]
CHOICES = [
    {"title": "Feeling you're not believed or understood", "payload": "/concern_patient_expectations"},
    {"title": "Being passed between services", "payload": "/concern_coordination_access"},
    {"title": "Something else", "payload": "/help"},
]


@pytest.mark.parametrize(
    "text, question, intent, level, meaning",
    [
        ("no I'm not safe", "asked_safe", "deny", "none", "danger"),
        ("no", "asked_safe", "deny", "none", "danger"),
        ("nope", "asked_safe", "nlu_fallback", "none", "danger"),
        ("I've already taken them", "asked_safe", "crisis", "immediate", "danger"),
        ("yes I'm safe", "asked_safe", "affirm", "none", "safe"),
        ("I'm ok now", "asked_safe", "nlu_fallback", "none", "safe"),
        ("not sure", "asked_safe", "nlu_fallback", "none", "unsure"),
        ("yes", "asked_thoughts", "affirm", "none", "danger"),
        ("no not like that", "asked_thoughts", "deny", "none", "safe"),
        ("sort of", "asked_thoughts", "nlu_fallback", "none", "unsure"),
        ("hmm", "asked_safe", "nlu_fallback", "none", "unclear"),
        ("yes I think so", "asked_other", "affirm", "none", "danger"),
        ("not sure, maybe", "asked_other", "nlu_fallback", "none", "danger"),
        ("no, she's just fed up", "asked_other", "deny", "none", "safe"),
        # typed in session 15: a carer's hedged no is reassurance about him; about oneself it is doubt
        ("I don't think so, he's just low", "asked_other", "crisis", "none", "safe"),
        ("not that I know of", "asked_other", "nlu_fallback", "none", "safe"),
        ("I don't think so", "asked_thoughts", "deny", "none", "unsure"),
        ("no, I don't think so", "asked_thoughts", "deny", "none", "safe"),
        ("i dont think so", "asked_safe", "deny", "none", "danger"),
        # typed in session 18 after an overdose and a nation's numbers: a nod to them is no answer to "safe?"
        ("ok", "asked_safe", "affirm", "none", "unclear"),
        ("okay thanks", "asked_safe", "affirm", "none", "unclear"),
        ("sure", "asked_safe", "affirm", "none", "unclear"),
        ("yeah", "asked_safe", "affirm", "none", "safe"),
        ("/affirm", "asked_safe", "affirm", "none", "safe"),
        # typed in session 18 by a mother and a physio after reporting someone: the menu of problem areas
        ("what do I do", "reported", "ask_what_to_try", "none", "steps"),
        ("what should I do next", "asked_other_safe", "ask_what_to_try", "none", "steps"),
        ("so what now?", "asked_other", "nlu_fallback", "none", "steps"),
        ("what do I do", "asked_safe", "ask_what_to_try", "none", "unsure"),
        # typed in session 19 by a patient who would not act: "no" was read as "no, not safe"
        ("no i wouldnt do anything", "asked_safe", "deny", "none", "safe"),
        ("no, I'm not going to do anything, I'm just worn out", "asked_safe", "deny", "none", "safe"),
        ("I won't act on them", "asked_thoughts", "nlu_fallback", "none", "safe"),
        ("no im not", "asked_safe", "deny", "none", "danger"),
        ("nah i'm not ok", "asked_safe", "deny", "none", "danger"),
    ],
)
def test_safety_answers(text, question, intent, level, meaning):
    assert read_safety_answer(text, question, intent, level, place=None).meaning == meaning


def test_a_place_and_a_new_request_inside_the_safety_conversation():
    assert read_safety_answer("I'm in Glasgow", "asked_safe", "nlu_fallback", "none", place="Glasgow").meaning == "place"
    moved = read_safety_answer(
        "any pain groups in Leeds?", "asked_safe", "find_support", "none", place=None, intent_confidence=0.9
    )
    assert moved.meaning == "moved_on"


@pytest.mark.parametrize(
    "text, intent, confidence, meaning",
    [
        # typed in session 15: a request that names a place is the request, not "which nation's numbers"
        ("where can we get support in Bristol", "find_support", 0.9, "moved_on"),
        ("is there a pain group in Bristol?", "find_support", 0.8, "moved_on"),
        # a place alone still asks for that place's numbers, however the intent is guessed
        ("Bristol", "find_support", 0.9, "place"),
        ("I'm in Bristol", "find_support", 0.9, "place"),
        ("we're in bristol", "nlu_fallback", 0.3, "place"),
        # an unsure guess is not a new request
        ("where can we get support in Bristol", "find_support", 0.4, "place"),
    ],
)
def test_a_request_that_names_a_place_is_the_request(text, intent, confidence, meaning):
    answer = read_safety_answer(text, "asked_other", intent, "none", place="Bristol", intent_confidence=confidence)
    assert answer.meaning == meaning


@pytest.mark.parametrize(
    "text, index",
    [
        ("the first one", 0),
        ("2", 1),
        ("second", 1),
        ("the last one", 2),
        ("yes", 0),
        ("that one", 0),
        ("being passed between services", 1),
        ("not believed", 0),
        ("passed around", 1),
        ("bananas", None),
    ],
)
def test_choices(text, index):
    assert read_choice(text, CHOICES) == index


def test_routes_agree_with_the_rules():
    rules = yaml.safe_load((ROOT / "data" / "rules" / "rules.yml").read_text())["rules"]
    ruled = {}
    for rule in rules:
        steps = rule["steps"]
        if len(steps) < 2 or "action" not in steps[1] or rule.get("condition"):
            continue
        intents = [s["intent"] for s in steps[0].get("or", [steps[0]]) if "intent" in s]
        ruled.update({intent: steps[1]["action"] for intent in intents})
    for intent, action in ruled.items():
        if intent in ROUTES:
            assert ROUTES[intent] == action, intent
    assert set(ruled) - {"affirm", "deny", "nlu_fallback"} <= set(ROUTES)


def test_a_close_second_concern_is_offered_and_a_distant_one_is_not():
    close = [{"name": "concern_coordination_access", "confidence": 0.5}, {"name": "concern_business_case", "confidence": 0.3}]
    far = [{"name": "concern_coordination_access", "confidence": 0.9}, {"name": "concern_business_case", "confidence": 0.05}]
    assert second_concern("concern_coordination_access", close) == "concern_business_case"
    assert second_concern("concern_coordination_access", far) is None
    assert offered("nlu_fallback", close) == ["concern_coordination_access", "concern_business_case"]


def test_a_clarifying_question_offers_the_three_likeliest_areas():
    ranking = [
        {"name": "nlu_fallback", "confidence": 0.3},
        {"name": "concern_skills_training", "confidence": 0.28},
        {"name": "share_feelings", "confidence": 0.2},
        {"name": "concern_patient_expectations", "confidence": 0.2},
        {"name": "concern_local_knowledge", "confidence": 0.15},
        {"name": "concern_business_case", "confidence": 0.1},
    ]
    assert offered("nlu_fallback", ranking) == [
        "concern_skills_training",
        "concern_patient_expectations",
        "concern_local_knowledge",
    ]


@pytest.mark.parametrize(
    "text, places, bare",
    [
        ("Anglesey", ["Anglesey"], True),
        ("I'm in Leeds", ["Leeds"], True),
        ("Newcastle upon Tyne", ["Newcastle upon Tyne"], True),
        ("What did Oldham do?", ["Oldham"], False),
        ("Leeds is where my physio is", ["Leeds"], False),
        ("hello", [], False),
    ],
)
def test_a_bare_place_is_only_a_place(text, places, bare):
    assert is_bare_place(text, places) is bare


@pytest.mark.parametrize(
    "text, place",
    [("Anglesey", True), ("in Wales", True), ("Swansea please", True), ("thanks", False), ("any examples", False)],
)
def test_a_place_reply_is_found_in_the_town_list_without_a_tag(text, place):
    assert is_place_reply(text, []) is place


def test_a_fixed_reply_offers_what_its_buttons_send():
    domain = yaml.safe_load((Path(__file__).resolve().parents[2] / "domain.yml").read_text(encoding="utf-8"))
    buttons = response_buttons(domain["responses"])
    assert buttons["utter_share_feelings"] == ["find_support", "concern_patient_expectations"]
    assert buttons["utter_greet"] == ["inform_role"] and buttons["utter_help"] == []  # the whole menu is not an offer
    ranking = [{"name": "share_feelings", "confidence": 0.7}, {"name": "concern_business_case", "confidence": 0.2}]
    reply = fixed_reply("share_feelings", None)
    assert offered("share_feelings", ranking, buttons[reply]) == [
        "share_feelings",
        "find_support",
        "concern_patient_expectations",
    ]
    assert offered("share_feelings", ranking) == ["share_feelings"]


def test_feelings_shared_by_a_professional_or_a_carer_get_a_reply_in_their_words():
    assert fixed_reply("share_feelings", "professional") == "utter_share_feelings_professional"
    assert fixed_reply("share_feelings", "carer") == "utter_share_feelings_carer"
    assert fixed_reply("share_feelings", "patient") == fixed_reply("share_feelings", None) == "utter_share_feelings"
    assert fixed_reply("greet", "professional") == "utter_greet"


def test_what_the_assistant_acts_on_when_the_model_is_unsure():
    from bot.dialogue.offers import acted_on

    tie = [{"name": "nlu_fallback", "confidence": 0.3}, {"name": "share_feelings", "confidence": 0.29}]
    assert acted_on("nlu_fallback", [*tie, {"name": "find_support", "confidence": 0.28}]) == "find_support"
    assert acted_on("nlu_fallback", [*tie, {"name": "concern_business_case", "confidence": 0.28}]) == "nlu_fallback"
    assert acted_on("share_feelings", [{"name": "find_support", "confidence": 0.2}]) == "share_feelings"
    assert acted_on(None, []) is None
    # session 19: a wife's worry about her husband, with crisis between the two readings (the safety decision
    # weighs that guess on its own)
    carer = [
        {"name": "nlu_fallback", "confidence": 0.3},
        {"name": "crisis", "confidence": 0.27},
        {"name": "find_support", "confidence": 0.27},
        {"name": "share_feelings", "confidence": 0.25},
    ]
    assert acted_on("nlu_fallback", carer) == "find_support"
    # feelings first with no problem area beside them: heard, not a choice of areas
    son = [
        {"name": "nlu_fallback", "confidence": 0.3},
        {"name": "share_feelings", "confidence": 0.24},
        {"name": "deny", "confidence": 0.23},
    ]
    assert acted_on("nlu_fallback", son) == "share_feelings"
    beside_area = [*son[:2], {"name": "concern_patient_expectations", "confidence": 0.23}]
    assert acted_on("nlu_fallback", beside_area) == "nlu_fallback"


@pytest.mark.parametrize(
    "text, index",
    [("whatever", None), ("I guess", None), ("yeah go on", 0), ("ok", 0), ("ok thanks", None), ("thank you", None)],
)
def test_a_noncommittal_reply_read_as_a_yes_picks_nothing(text, index):
    assert read_choice(text, CHOICES, intent="affirm") == index


def _user(intent):
    return {"event": "user", "parse_data": {"intent": {"name": intent}}}


@pytest.mark.parametrize(
    "earlier, first",
    [([], True), (["greet"], True), (["greet", "greet"], True), (["greet", "find_support"], False), (["thank"], False)],
)
def test_a_farewell_is_first_when_only_greetings_came_before_it(earlier, first):
    events = [e for name in earlier for e in (_user(name), {"event": "bot"})] + [_user("goodbye")]
    assert farewell_first(events) is first


@pytest.mark.parametrize(
    "text, intent, meaning",
    [
        ("no", "deny", "safe"),
        ("nah just off to bed", "nlu_fallback", "safe"),
        ("yes", "affirm", "danger"),
        ("maybe", "nlu_fallback", "unsure"),
    ],
)
def test_the_goodbye_question_is_read_like_the_thoughts_question(text, intent, meaning):
    assert read_safety_answer(text, "asked_goodbye", intent, "none", place=None).meaning == meaning


@pytest.mark.parametrize(
    "text, intent, meaning",
    [
        # typed in session 16: after "Is the person safe right now?", a "no" was asked the same question again
        ("no", "deny", "danger"),
        ("no he isn't", "deny", "danger"),
        ("I don't think so", "deny", "danger"),
        ("not sure", "nlu_fallback", "danger"),
        ("yes", "affirm", "safe"),
        ("yes he's safe, he's asleep", "affirm", "safe"),
        ("she's with me now", "nlu_fallback", "safe"),
        ("he's not safe", "deny", "danger"),
    ],
)
def test_is_the_person_safe_is_read_about_the_person_reported(text, intent, meaning):
    assert read_safety_answer(text, "asked_other_safe", intent, "none", None).meaning == meaning


@pytest.mark.parametrize(
    "text, confidence, meaning",
    [
        # typed in session 19 by a wife after "Are you having thoughts of ending your life?": a question of her own
        ("is there anything for me as his wife", 0.52, "moved_on"),
        ("any support for carers?", 0.55, "moved_on"),
        # a statement needs the surer guess
        ("I'd like support for me as his wife", 0.52, "unclear"),
        ("is there anything for me as his wife", 0.4, "unclear"),
    ],
)
def test_a_question_of_their_own_moves_on_at_a_lower_confidence(text, confidence, meaning):
    answer = read_safety_answer(text, "asked_thoughts", "ask_what_to_try", "none", place=None, intent_confidence=confidence)
    assert answer.meaning == meaning


@pytest.mark.parametrize(
    "text, thanks",
    [
        ("ok thanks that's useful", True),
        ("thats really helpful thanks", True),
        ("that's useful", True),
        ("cheers", True),
        ("yes please", False),
        ("ok", False),
        ("that's useful, tell me more about the first one", False),
    ],
)
def test_thanks_and_praise_close_rather_than_accept(text, thanks):
    """Session 19: "ok thanks that's useful" under an offer of a second area answered that area."""
    assert is_thanks(text) == thanks
    assert (read_choice(text, CHOICES) is None) or not thanks
