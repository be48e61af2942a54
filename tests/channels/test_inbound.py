"""Typed text is never an intent command, checked with Rasa's own reader of intent commands; button payloads
are only the intents and entities the domain declares."""

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.channels.inbound import MAX_MESSAGE_CHARS, button_payload, typed_text
from bot.nlu.components import clean_text

DOMAIN = Domain.from_dict({"intents": ["greet", "crisis", "find_support"], "entities": ["place"]})
HOSTILE = [
    "/greet",
    "/greet@1.0 I want to die",
    '/find_support{"place": "Leeds"}',
    "  /crisis",
    "\t\n/greet",
    "\x00/greet",
    "\u200b/greet",
    "\u202e/greet",
    "/ greet",
]


def as_rasa_reads_it(text: str) -> Message:
    """What Rasa's intent-command reader makes of the text the NLU pipeline's first component leaves."""
    return YAMLStoryReader.unpack_regex_message(Message({TEXT: clean_text(text)["text"]}), DOMAIN)


@pytest.mark.parametrize("text", HOSTILE)
def test_rasa_reads_typed_text_as_text(text):
    assert as_rasa_reads_it(text).get(INTENT) is not None, "as typed, Rasa would read it as an intent command"
    assert as_rasa_reads_it(typed_text(text)).get(INTENT) is None


def test_ordinary_text_is_left_alone_and_long_text_is_capped():
    assert typed_text("my back hurts / my neck too") == "my back hurts / my neck too"
    assert typed_text("") == "" and typed_text("   ") == "   "
    assert len(typed_text("x" * (MAX_MESSAGE_CHARS * 3))) == MAX_MESSAGE_CHARS


@pytest.mark.parametrize(
    "payload, expected",
    [
        ("/greet", "/greet"),
        (' /find_support{"place": "Leeds"} ', '/find_support{"place": "Leeds"}'),
        ("/unknown", None),
        ('/greet{"name": "Pat"}', None),
        ("/greet@0.9", None),
        ("/greet I want to die", None),
        ('/greet["place"]', None),
        ("/" + "g" * 2000, None),
        (None, None),
    ],
)
def test_button_payloads_name_what_the_domain_declares(payload, expected):
    assert button_payload(payload, DOMAIN) == expected


def test_without_a_domain_only_the_form_is_checked():
    assert button_payload("/anything_at_all") == "/anything_at_all"
    assert button_payload("anything at all") is None
