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


@pytest.mark.parametrize(
    "text, place, nation",
    [
        ("somewhere in Yorkshire", "Yorkshire", "England"),
        ("Cornwall", "Cornwall", "England"),
        ("the highlands", "the Highlands", "Scotland"),
    ],
)
def test_a_county_or_region_is_accepted_as_wide_and_keeps_its_nation(text, place, nation):
    """Typed in session 19: "somewhere in Yorkshire" was "I couldn't place that"."""
    slots, messages = validate_place(text)
    assert slots == {"place": place, "nation": nation, "latitude": None, "longitude": None, "place_attempts": 0}
    assert messages == []


@pytest.mark.parametrize("place, nation", [("Yorkshire", "England"), ("Wales", "Wales")])
def test_a_wide_area_says_it_was_not_searched_near_and_gives_that_nations_services(place, nation):
    messages, _ = run(
        ActionSearchServices(),
        tracker("find_support", {"place": place, "nation": nation, "latitude": None, "longitude": None}),
    )
    said = responses(messages)
    assert said[0] == "utter_place_too_wide" and messages[0]["place"] == place
    assert "utter_no_local_services" not in said and "utter_national_intro" in said


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
        ("our patients are low and I need somewhere to refer them", {"role": "professional"}, ["utter_ask_place_professional"]),
        ("my husband's been so low with his back", {"place": "Leeds"}, ["utter_ask_place"]),  # asked again: no repeat
    ],
)
def test_feelings_in_a_request_for_support_are_acknowledged_in_the_writers_words(text, slots, expected):
    from actions.support import ActionAskPlace

    messages, _ = run(ActionAskPlace(), tracker("find_support", slots=slots, ranking=FEELINGS, text=text))
    assert responses(messages) == expected


@pytest.mark.parametrize("role, response", [("carer", "utter_place_how_to_help"), ("patient", "utter_place_unsure")])
def test_what_can_i_do_at_the_place_question_is_how_to_help_from_a_carer(role, response):
    """Typed in session 20 by a wife: "what can I do" got "I don't know where 'what can I do' is"."""
    slots, messages = validate_place("what can I do", {"role": role})
    assert slots["place"] is None and responses(messages)[0] == response


def test_feelings_behind_a_fallback_and_a_guess_of_crisis_are_still_acknowledged():
    """Typed again in session 20 (CI): the wife's first message ranked fallback 0.30, crisis 0.27, find_support
    0.26, share_feelings 0.25, and the search began with no word for her."""
    from actions.support import ActionAskPlace

    ranking = [
        {"name": "nlu_fallback", "confidence": 0.30},
        {"name": "crisis", "confidence": 0.27},
        {"name": "find_support", "confidence": 0.26},
        {"name": "share_feelings", "confidence": 0.25},
    ]
    text = "my husband had spinal surgery in march and hasn't been the same since, he barely talks and sleeps all day"
    messages, _ = run(ActionAskPlace(), tracker("nlu_fallback", {"role": "carer"}, ranking=ranking, text=text))
    assert responses(messages) == ["utter_acknowledge_carer", "utter_ask_place"]


def test_the_words_of_comfort_are_said_once_in_a_form_not_every_time_it_asks():
    """Typed in session 18: a wife's "he hasn't said anything about hurting himself", to the place question,
    brought "That sounds hard, for them and for you..." and the question again, word for word."""
    from actions.support import ActionAskPlace

    opened = [
        {"event": "active_loop", "name": "support_form"},
        {"event": "bot", "text": "That sounds hard...", "metadata": {"utter_action": "utter_acknowledge_carer"}},
        {"event": "bot", "text": "Where would you like support near?", "metadata": {"utter_action": "utter_ask_place"}},
        {"event": "user", "text": "he hasn't said anything about hurting himself"},
    ]
    text = "he hasn't said anything about hurting himself, he's just so low"
    messages, _ = run(ActionAskPlace(), tracker("find_support", {"role": "carer"}, ranking=FEELINGS, text=text, events=opened))
    assert responses(messages) == ["utter_ask_place"]
    # a new form (a later request) may say them again
    reopened = opened + [{"event": "active_loop", "name": None}, {"event": "active_loop", "name": "support_form"}]
    messages, _ = run(ActionAskPlace(), tracker("find_support", {"role": "carer"}, ranking=FEELINGS, text=text, events=reopened))
    assert responses(messages) == ["utter_acknowledge_carer", "utter_ask_place"]


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


@pytest.mark.parametrize(
    ("text", "response"),
    [
        ("not sure", "utter_place_unsure"),
        ("near me", "utter_place_near_me"),
        ("I'd rather not say", "utter_place_decline"),
        ("yes", "utter_place_again"),
        ("find support", "utter_place_again"),
        ("I don't really know what you want from me here", "utter_place_unsure"),
        ("this is a long sentence about my week that names nowhere at all", "utter_place_not_found"),
    ],
)
def test_a_reply_that_is_not_a_place_is_answered_as_what_it_is(text, response):
    slots, messages = validate_place(text)
    assert slots == {"place": None, "place_attempts": 1}
    assert [m["response"] for m in messages] == [response]
    assert "I don't know where" not in str(messages)


@pytest.mark.parametrize("text", ["anywhere", "doesn't matter", "online", "the UK"])
def test_anywhere_searches_the_whole_uk(text):
    slots, messages = validate_place(text, {"nation": "Wales", "latitude": 51.5})
    assert slots["place"] == support.EVERYWHERE and slots["latitude"] is None and slots["nation"] is None
    assert [m["response"] for m in messages] == ["utter_place_anywhere"]


def test_not_sure_three_times_shows_support_for_anyone_without_saying_it_could_not_place_it():
    slots, messages = validate_place("dunno", {"place_attempts": 1})
    assert slots["place"] is None and [m["response"] for m in messages] == ["utter_place_unsure"]
    slots, messages = validate_place("dunno", {"place_attempts": 2})
    assert slots["place"] == support.EVERYWHERE and [m["response"] for m in messages] == ["utter_place_anywhere"]
    slots, messages = validate_place("no", {"place_attempts": 1})  # declined twice: no third ask
    assert slots["place"] == support.EVERYWHERE and [m["response"] for m in messages] == ["utter_place_anywhere"]


def test_a_hopeless_anywhere_still_gets_the_quiet_line_when_the_safety_decision_asks():
    from rasa_sdk.executor import CollectingDispatcher

    text = "doesn't matter, nothing matters anymore"
    t = tracker("nlu_fallback", text=text, safety={"check_line": True})
    dispatcher = CollectingDispatcher()
    slots = ValidateSupportForm().validate_place(text, dispatcher, t, {})
    assert slots["place"] == support.EVERYWHERE
    assert responses(dispatcher.messages) == ["utter_place_anywhere", "utter_safety_check_line"]
    said, _ = run(
        ActionSearchServices(), tracker("deny", {"search_stopped": True}, text="forget it", safety={"check_line": True})
    )
    assert responses(said) == ["utter_search_stopped", "utter_safety_check_line"]


@pytest.mark.parametrize("text", ["never mind", "stop looking", "bye"])
def test_stopping_ends_the_form_and_the_search_says_so(text):
    slots, messages = validate_place(text)
    assert slots["requested_slot"] is None and slots["search_stopped"] is True and messages == []
    said, set_slots = run(ActionSearchServices(), tracker("deny", {"search_stopped": True, "place": None}))
    assert responses(said) == ["utter_search_stopped"] and set_slots["search_stopped"] is False


def test_the_stop_looking_button_ends_the_form_whatever_its_text():
    from rasa_sdk.executor import CollectingDispatcher

    t = tracker("stop_search", text="/stop_search")
    slots = ValidateSupportForm().validate_place("/stop_search", CollectingDispatcher(), t, {})
    assert slots["requested_slot"] is None and slots["search_stopped"] is True


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("not sure", None),
        ("doesn't matter", None),
        ("anything at all", "any"),
        # typed in session 18: "anything" in passing skipped the kind question
        ("he hasn't said anything about hurting himself", None),
        ("she won't tell me anything", None),
    ],
)
def test_not_sure_said_to_the_place_question_does_not_answer_the_kind_question(text, kept):
    from rasa_sdk.executor import CollectingDispatcher

    t = tracker("deny", {"requested_slot": "place"}, text=text)
    assert ValidateSupportForm().validate_support_kind("any", CollectingDispatcher(), t, {}) == {"support_kind": kept}
    asked_kind = tracker("deny", {"requested_slot": "support_kind"}, text=text)
    assert ValidateSupportForm().validate_support_kind("any", CollectingDispatcher(), asked_kind, {}) == {"support_kind": "any"}


def test_feelings_at_the_place_question_are_heard_before_asking_again():
    from rasa_sdk.executor import CollectingDispatcher

    ranking = [{"name": "share_feelings", "confidence": 0.7}, {"name": "find_support", "confidence": 0.2}]
    text = "honestly I just feel awful all the time"
    t = tracker("share_feelings", {"role": "patient"}, ranking=ranking, text=text, safety={"check_line": True})
    dispatcher = CollectingDispatcher()
    slots = ValidateSupportForm().validate_place(text, dispatcher, t, {})
    assert slots["place"] is None
    assert responses(dispatcher.messages) == ["utter_acknowledge_feelings", "utter_place_again", "utter_safety_check_line"]


def test_feelings_that_happen_to_name_a_kind_of_support_are_still_heard():
    """ "there's no point in anything" holds "anything", which the entity rules read as any kind of support."""
    from rasa_sdk.executor import CollectingDispatcher

    ranking = [{"name": "share_feelings", "confidence": 0.6}, {"name": "crisis", "confidence": 0.2}]
    text = "nowhere, there's no point in anything"
    kind = [{"entity": "support_kind", "value": "any"}]
    t = tracker("share_feelings", ranking=ranking, text=text, entities=kind, safety={"check_line": True})
    dispatcher = CollectingDispatcher()
    ValidateSupportForm().validate_place(text, dispatcher, t, {})
    assert responses(dispatcher.messages) == ["utter_acknowledge_feelings", "utter_place_again", "utter_safety_check_line"]
    plain = tracker("find_support", text="peer support", entities=kind)
    assert ValidateSupportForm().validate_place("peer support", CollectingDispatcher(), plain, {}) == {"place": None}


def test_a_place_found_in_the_reply_wins_over_the_words_around_it():
    from rasa_sdk.executor import CollectingDispatcher

    typed = "not sure, maybe Cardiff"
    t = tracker("find_support", text=typed, entities=[{"entity": "place", "value": "Cardiff"}])
    assert ValidateSupportForm().validate_place("Cardiff", CollectingDispatcher(), t, {})["place"] == "Cardiff"


def test_a_search_ends_with_one_set_of_crisis_routes_not_two():
    """A short reply such as "any" can ask for the quiet check line; the search's own last line is enough."""
    slots = {"place": "Wolverhampton", "nation": "England", "latitude": 52.58, "longitude": -2.13, "support_kind": "any"}
    messages, _ = run(ActionSearchServices(), tracker("find_support", slots, text="any", safety={"check_line": True}))
    said = responses(messages)
    assert said[-1] == "utter_if_worse" and "utter_safety_check_line" not in said


def test_a_patient_is_not_shown_support_for_carers_but_a_carer_is():
    slots = {"place": "Leeds", "nation": "England", "latitude": 53.8, "longitude": -1.55, "support_kind": "any"}
    names = {}
    for role in ("patient", "carer"):
        messages, _ = run(ActionSearchServices(), tracker("find_support", {**slots, "role": role}))
        names[role] = {m.get("name") for m in messages if m.get("response") == "utter_service_result"}
    assert "Carers Trust" in names["carer"] and "Carers Trust" not in names["patient"]


@pytest.mark.parametrize("need", ["veterans", "gambling", "bereavement", "alcohol_drugs"])
def test_a_need_the_directory_lacks_is_kept_for_the_search(need):
    from rasa_sdk.executor import CollectingDispatcher

    assert ValidateSupportForm().validate_support_kind(need, CollectingDispatcher(), tracker("x"), {}) == {"support_kind": need}


def test_a_search_for_a_need_the_directory_lacks_says_so_then_shows_every_kind_near_them():
    """Veterans: no service in the directory (the facts sheet has none verified), so the reply says so plainly,
    then lists what there is near them, of any kind, instead of searching silently for anything."""
    slots = {"place": "Wolverhampton", "nation": "England", "latitude": 52.58, "longitude": -2.13}
    messages, set_slots = run(ActionSearchServices(), tracker("find_support", {**slots, "support_kind": "veterans"}))
    anything, _ = run(ActionSearchServices(), tracker("find_support", {**slots, "support_kind": "any"}))
    assert responses(messages)[:2] == ["utter_unlisted_need", "utter_services_intro"]
    assert messages[0]["need"] == "veterans and people who served in the armed forces"
    assert messages[1]["kind"] == "any kind of support"
    assert messages[1:] == anything
    assert set_slots["support_kind"] is None
