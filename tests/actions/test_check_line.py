"""The quiet check line under an answer: once a turn, only when the safety decision asks for it."""

from rasa_sdk import Tracker

from actions.conversation import ActionRespond
from actions.safety import ActionMedication
from tests.actions.helpers import DEFAULT_SLOTS, responses, run, tracker

LINE = "utter_safety_check_line"


def _asked(check_line: bool, intent: str = "share_feelings", **slots) -> Tracker:
    return tracker(intent, slots, safety={"level": "none", "check_line": check_line})


def test_the_line_follows_the_answer_when_the_decision_asks_for_it():
    messages, _ = run(ActionRespond(), _asked(True))
    assert responses(messages) == ["utter_share_feelings", LINE]
    assert {"samaritans", "shout", "emergency"} <= set(messages[-1])
    assert messages[-1]["samaritans"] == "116 123" and messages[-1]["shout"] == "85258"
    assert messages[-1]["emergency"].startswith("call 999")


def test_no_line_unless_asked():
    assert LINE not in responses(run(ActionRespond(), _asked(False))[0])
    assert LINE not in responses(run(ActionRespond(), tracker("share_feelings"))[0])


def test_no_line_inside_a_safety_conversation_whose_replies_show_the_routes():
    assert LINE not in responses(run(ActionRespond(), _asked(True, safety_state="asked_safe"))[0])


def test_one_line_a_turn_only_the_first_answer_carries_it():
    latest = {"intent": {"name": "share_feelings", "confidence": 0.9}, "text": "x", "safety": {"check_line": True}}
    events = [
        {"event": "user", "text": "x", "parse_data": latest},
        {"event": "action", "name": "action_respond"},
        {"event": "bot", "text": "an earlier answer this turn"},
    ]
    later = Tracker("test-user", dict(DEFAULT_SLOTS), latest, events, False, None, {}, "action_respond")
    assert LINE not in responses(run(ActionRespond(), later)[0])


def test_a_medicines_answer_carries_it_too():
    messages, _ = run(ActionMedication(), _asked(True, intent="medication_question"))
    assert responses(messages)[-1] == LINE and responses(messages)[0] == "utter_medication"


def test_a_message_about_someone_else_gets_the_line_in_their_words():
    t = tracker("share_feelings", safety={"level": "none", "check_line": True, "about_other": True})
    assert responses(run(ActionRespond(), t)[0]) == ["utter_share_feelings", "utter_safety_check_line_other"]


def test_a_professional_or_a_carer_gets_the_line_that_speaks_of_someone_else_and_of_them():
    """A GP asking "why do you need that?" was told "If any of this is about how you feel right now"."""
    for role in ("professional", "carer"):
        assert responses(run(ActionRespond(), _asked(True, role=role))[0])[-1] == "utter_safety_check_line_other"
    for role in ("patient", None):
        assert responses(run(ActionRespond(), _asked(True, role=role))[0])[-1] == LINE
