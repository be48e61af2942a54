"""Rule-based entities: roles normalised, conditions, places and postcodes."""
import pytest

from bot.nlu.entity_rules import load_entity_rules

RULES = load_entity_rules()


def values(text, entity):
    return [e["value"] for e in RULES.extract(text) if e["entity"] == entity]


@pytest.mark.parametrize(
    "text,role",
    [
        ("I'm a physio and my patients seem low", "professional"),
        ("as a GP I never know where to refer", "professional"),
        ("practice nurse here, our patients wait months", "professional"),
        ("I work as an IAPT therapist", "professional"),
        ("my GP won't listen to me", "patient"),
        ("my back has been bad for years", "patient"),
        ("I'm caring for my husband who has sciatica", "carer"),
        ("my mum's pain is getting her down", "carer"),
    ],
)
def test_roles_are_normalised(text, role):
    assert values(text, "role") == [role]


@pytest.mark.parametrize("text", ["GPs are so busy these days", "the physio service is good", "hello"])
def test_no_role_when_the_speaker_is_not_clear(text):
    assert values(text, "role") == []


def test_conditions():
    assert set(values("sciatica and low mood, plus anxiety", "condition")) == {"back pain", "depression", "anxiety"}


def test_towns_and_postcodes():
    assert values("any pain groups in Wolverhampton?", "place") == ["Wolverhampton"]
    assert values("help near cardiff", "place") == ["Cardiff"]
    assert values("what is there around ST4", "place") == ["ST4"]
    assert values("anything near sw1a 1aa", "place") == ["SW1A 1AA"]
    assert values("I'm reading about pain", "place") == []
    assert values("I live in Reading", "place") == ["Reading"]
    assert values("I take b12 tablets", "place") == []


@pytest.mark.parametrize("text", ["", "😀😀", "<b>Leeds</b>", "x" * 5000, "\u202eLeeds"])
def test_odd_input(text):
    assert isinstance(RULES.extract(text), list)
