"""Rasa's check of action server responses, with one prepared validator, accepts and refuses as Rasa's does."""

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction

import bot.dialogue.policy  # noqa: F401  (importing the policy applies the prepared validator)
from bot.dialogue.action_responses import validate_action_result

GOOD = {
    "events": [{"event": "slot", "name": "role", "value": "patient"}],
    "responses": [{"text": "Here is what might help.", "buttons": [{"title": "Find support", "payload": "/find_support"}]}],
}
BAD = [
    {"events": [{"name": "role", "value": "patient"}]},  # an event without its type
    {"events": "slot role patient"},
    {"events": [{"event": "not_an_event"}]},
]


def test_rasa_uses_the_prepared_validator():
    assert RemoteAction._validate_action_result is validate_action_result


def test_a_good_response_passes_and_the_schema_is_not_checked_again(monkeypatch):
    calls = []
    monkeypatch.setattr(jsonschema, "validate", lambda *a, **k: calls.append(a))
    action = RemoteAction("action_respond", None)
    assert action._validate_action_result(GOOD) is True
    assert action._validate_action_result({"events": [], "responses": []}) is True
    assert calls == []  # jsonschema.validate (which re-checks the schema) is not called


@pytest.mark.parametrize("response", BAD)
def test_a_bad_response_is_refused_with_the_same_error_as_rasa_gives(response):
    schema = RemoteAction.action_response_format_spec()
    with pytest.raises(jsonschema.ValidationError) as theirs:
        jsonschema.validate(response, schema)
    with pytest.raises(jsonschema.ValidationError) as ours:
        RemoteAction("action_respond", None)._validate_action_result(response)
    assert ours.value.message.startswith(theirs.value.message)
    assert "Failed to validate Action server response" in ours.value.message
