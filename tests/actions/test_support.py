"""The support form's validation and the directory search action, against a real seed database."""

import pytest

import actions.support as support
from actions.support import ActionSearchServices, ValidateSupportForm
from bot.directory import open_directory
from bot.directory.importer import read_rows
from tests.actions.helpers import responses, run, tracker
from tests.directory.helpers import SEED


@pytest.fixture(autouse=True)
def seed_directory(tmp_path, monkeypatch):
    db = tmp_path / "directory.db"
    open_directory(db).import_rows(read_rows(SEED))
    monkeypatch.setenv("DIRECTORY_DB", str(db))
    support.directory.cache_clear()
    yield
    support.directory.cache_clear()


def validate_place(text, slots=None, entities=None):
    from rasa_sdk.executor import CollectingDispatcher

    dispatcher = CollectingDispatcher()
    t = tracker("find_support", slots, text=text, entities=entities or [])
    return ValidateSupportForm().validate_place(text, dispatcher, t, {}), dispatcher.messages


def test_a_town_sets_place_nation_and_coordinates():
    slots, _ = validate_place("Cardiff")
    assert slots["place"] == "Cardiff" and slots["nation"] == "Wales" and slots["latitude"]


def test_an_ambiguous_town_asks_which_with_buttons():
    slots, messages = validate_place("Newport")
    assert slots == {"place": None}
    assert [b["title"] for b in messages[0]["buttons"]] == ["Newport in south Wales", "Newport on the Isle of Wight"]


def test_the_typed_answer_to_the_question_is_understood():
    slots, _ = validate_place("Newport", entities=[{"entity": "place", "value": "Newport"}])
    assert slots["place"] is None
    from rasa_sdk.executor import CollectingDispatcher

    t = tracker("find_support", text="Newport in south Wales", entities=[{"entity": "place", "value": "Newport"}])
    assert ValidateSupportForm().validate_place("Newport", CollectingDispatcher(), t, {})["nation"] == "Wales"


def test_unknown_place_asks_again_then_falls_back_to_national():
    slots, messages = validate_place("Narnia")
    assert slots == {"place": None, "place_attempts": 1} and messages[0]["response"] == "utter_place_unknown"
    slots, messages = validate_place("Narnia", {"place_attempts": 1})
    assert slots["place"] == support.EVERYWHERE and messages[0]["response"] == "utter_place_give_up"


def test_a_nation_alone_is_accepted():
    slots, _ = validate_place("Scotland")
    assert slots["nation"] == "Scotland" and slots["latitude"] is None


def test_unrecognised_kind_becomes_any():
    from rasa_sdk.executor import CollectingDispatcher

    assert ValidateSupportForm().validate_support_kind("a unicorn", CollectingDispatcher(), tracker("x"), {}) == {
        "support_kind": "any"
    }


def test_search_lists_local_then_national_with_dates():
    messages, slots = run(
        ActionSearchServices(),
        tracker(
            "find_support",
            {
                "place": "Wolverhampton",
                "nation": "England",
                "latitude": 52.58,
                "longitude": -2.13,
                "support_kind": "pain_management",
            },
        ),
    )
    names = [m.get("name") for m in messages if m.get("response") == "utter_service_result"]
    assert responses(messages)[0] == "utter_services_intro"
    assert names[0] == "Pain Management Programme"
    assert "Pain Concern helpline" in names
    first = next(m for m in messages if m.get("response") == "utter_service_result")
    assert "Last checked November 2019" in first["checked"] and "may have changed" in first["checked"]
    assert slots["support_kind"] is None


def test_nothing_local_says_so_honestly_and_gives_national_routes():
    messages, _ = run(
        ActionSearchServices(),
        tracker(
            "find_support",
            {
                "place": "Lerwick",
                "latitude": 60.15,
                "longitude": -1.15,
                "support_kind": "talking_therapies",
                "nation": "Scotland",
            },
        ),
    )
    assert responses(messages)[0] == "utter_no_local_services"
    services = [m for m in messages if m.get("response") == "utter_service_result"]
    assert services, "national routes of the kind asked for"
    assert not any(n in m["name"] for m in services for n in ("Samaritans", "Shout", "999", "111")), (
        "crisis lines are not the answer to an ordinary request"
    )
    assert responses(messages)[-1] == "utter_if_worse" and "116 123" in messages[-1]["line"]


def test_professionals_also_get_the_guides_local_knowledge_advice():
    messages, _ = run(
        ActionSearchServices(),
        tracker(
            "find_support",
            {"role": "professional", "place": "Leeds", "latitude": 53.8, "longitude": -1.55, "support_kind": "any"},
        ),
    )
    assert responses(messages)[-1] == "utter_local_knowledge_tip"


def test_the_place_question_is_not_repeated_after_the_answer_was_checked():
    from rasa_sdk import Tracker

    from actions.support import ActionAskPlace
    from tests.actions.helpers import DEFAULT_SLOTS

    latest = {"intent": {"name": "find_support", "confidence": 0.9}, "text": "Newcastle", "entities": []}
    events = [
        {"event": "user", "text": "Newcastle", "parse_data": latest},
        {"event": "bot", "text": "There's more than one Newcastle. Which do you mean?"},
    ]
    checked = Tracker("u", dict(DEFAULT_SLOTS), latest, events, False, None, {"name": "support_form"}, "support_form")
    assert run(ActionAskPlace(), checked)[0] == []
    assert responses(run(ActionAskPlace(), tracker("find_support"))[0]) == ["utter_ask_place"]


FEELINGS = [
    {"name": "find_support", "confidence": 0.36},
    {"name": "concern_patient_expectations", "confidence": 0.22},
    {"name": "share_feelings", "confidence": 0.21},
]


@pytest.mark.parametrize(
    ("text", "slots", "expected"),
    [
        ("my husband's been so low with his back, he won't talk to anyone", {}, ["utter_acknowledge_carer", "utter_ask_place"]),
        (
            "I'm so fed up with this pain, is there anything near me",
            {"role": "patient"},
            ["utter_acknowledge_feelings", "utter_ask_place"],
        ),
        ("our patients are low and I need somewhere to refer them", {"role": "professional"}, ["utter_ask_place"]),
        ("my husband's been so low with his back", {"place": "Leeds"}, ["utter_ask_place"]),  # asked again: no repeat
    ],
)
def test_feelings_in_a_request_for_support_are_acknowledged_in_the_writers_words(text, slots, expected):
    from actions.support import ActionAskPlace

    messages, _ = run(ActionAskPlace(), tracker("find_support", slots=slots, ranking=FEELINGS, text=text))
    assert responses(messages) == expected


def test_a_plain_request_for_support_goes_straight_to_the_question():
    from actions.support import ActionAskPlace

    ranking = [{"name": "find_support", "confidence": 0.9}, {"name": "share_feelings", "confidence": 0.05}]
    messages, _ = run(ActionAskPlace(), tracker("find_support", ranking=ranking, text="any pain groups near me?"))
    assert responses(messages) == ["utter_ask_place"]


@pytest.mark.parametrize(
    ("role", "last_line"),
    [
        (None, "utter_if_worse"),
        ("patient", "utter_if_worse"),
        ("carer", "utter_if_worse"),
        ("professional", "utter_if_worse_professional"),
    ],
)
def test_the_crisis_line_after_a_search_is_worded_for_whoever_may_be_in_crisis(role, last_line):
    slots = {"place": "Wolverhampton", "nation": "England", "latitude": 52.58, "longitude": -2.13, "role": role}
    messages, _ = run(ActionSearchServices(), tracker("find_support", {**slots, "support_kind": "pain_management"}))
    said = responses(messages)
    assert last_line in said and ({"utter_if_worse", "utter_if_worse_professional"} - {last_line}).isdisjoint(said)
    line = next(m for m in messages if m.get("response") == last_line)
    assert "116 123" in line["line"]
