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
        ("GP here. A patient mentioned he self-harmed as a teenager", "professional"),
        ("Physio here, quick one about referrals", "professional"),
        ("as a patient I felt rushed", "patient"),
        ("lol my dad will literally kill me if I skip my physio again", "patient"),
        ("my wife's gonna kill me, I forgot her prescription", None),
    ],
)
def test_roles_are_normalised(text, role):
    assert values(text, "role") == ([role] if role else [])


@pytest.mark.parametrize(
    "text", ["GPs are so busy these days", "the physio service is good", "hello", "a patient told the nurse she was low"]
)
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


def test_small_towns_everyday_names_and_nations():
    assert values("any groups in Brecon?", "place") == ["Brecon"]
    assert values("i live in lerwick", "place") == ["Lerwick"]
    assert values("I'm in Stoke", "place") == ["Stoke-on-Trent"]
    assert values("physio near stoke on trent", "place") == ["Stoke-on-Trent"]
    assert values("anything in Brum", "place") == ["Birmingham"]
    assert values("I'm in Newcastle", "place") == ["Newcastle"]  # resolve() then asks which one
    assert values("I'm in Scotland", "place") == ["Scotland"]
    assert values("I live in wales", "place") == ["Wales"]
    assert values("we're in NI", "place") == ["Northern Ireland"]
    assert values("Cymru", "place") == ["Wales"]
    assert values("what NHS England says about back pain", "place") == []
    assert values("near CF10 1AA", "place") == ["CF10 1AA"]


@pytest.mark.parametrize(
    "text,places",
    [
        ("I'm in pain", []),
        ("any support for my back", []),
        ("the GP said", []),
        ("I feel low", []),
        ("march", []),
        ("since March my neck has been bad", []),
        ("I'm a physio in Bath", ["Bath"]),
        ("I'd love a bath", []),
        ("Bath time helps my back", []),
        ("Reading about pain helps", []),
        ("I live in Street", []),
        ("Over the years my back got worse", []),
        ("Hope you can help", []),
        ("Send me a link", []),
        ("Eye strain and neck pain", []),
        ("Deal with it", []),
        ("I live in Deal", ["Deal"]),
        ("I live in March", ["March"]),
        ("my appointment is in March", []),
        ("we launched the service in March last year", []),
        ("any pain groups near March", ["March"]),
        ("I'm in March, Cambridgeshire", ["March"]),
        ("a wool jumper", []),
        ("I live near Wool", ["Wool"]),
        ("a sandwich for lunch", []),
        ("we moved to Sandwich", ["Sandwich"]),
        ("ash from the fire", []),
        ("near Ash", ["Ash"]),
        ("wells and springs", []),
        ("I work in Wells", ["Wells"]),
        ("they bury it", []),
        ("I'm from Bury", ["Bury"]),
        ("software", []),
        ("near Ware", ["Ware"]),
        ("mold in the flat", []),
        ("based in Mold", ["Mold"]),
        ("Speke", ["Speke"]),
        ("the hull of a boat", []),
        ("Dr Ash said", []),
        ("I've been to New York", []),
    ],
)
def test_places_that_are_also_everyday_words(text, places):
    assert values(text, "place") == places


def test_building_the_rules_is_quick():
    import time

    from bot.datafiles import load_yaml
    from bot.nlu.entity_rules import RULES_FILE, EntityRules

    config = load_yaml(RULES_FILE, ValueError)
    start = time.perf_counter()
    EntityRules(config)
    assert time.perf_counter() - start < 3.0


@pytest.mark.parametrize(
    "text", ["my husband Keith has sciatica", "I'm Barry", "my son Lewis is in pain", "thanks Stanley", "my daughter Skye"]
)
def test_people_named_like_towns_are_not_places(text):
    assert values(text, "place") == []


@pytest.mark.parametrize(
    "text", ["my NI number changed", "NHS Wales waiting lists", "Public Health Scotland", "Mind Cymru has a helpline"]
)
def test_organisations_and_numbers_are_not_nations(text):
    assert values(text, "place") == []


@pytest.mark.parametrize(
    "text, kind",
    [
        ("is there a pain group near me", "pain_management"),
        ("anything for ex-army lads near Cardiff", "veterans"),
        ("is there anything at all, maybe physio", "msk_physio"),
        ("anything really", "any"),
        ("grief counselling near Bristol please", "bereavement"),
        ("help with gambling in Leeds", "gambling"),
        # typed in session 19 at the kind question
        ("something for my mood really", "talking_therapies"),
        ("is there anything for the pain as well", "pain_management"),
        ("help coping with pain", "pain_management"),
    ],
)
def test_the_kind_of_support_asked_for(text, kind):
    """The first and longest kind named, unless "anything" comes before a kind that says what is wanted."""
    assert values(text, "support_kind") == [kind]


def test_every_need_the_directory_lacks_has_words_and_is_no_category():
    from bot.directory.records import CATEGORIES
    from bot.directory.unlisted import unlisted_needs

    needs = unlisted_needs()
    assert {"veterans", "gambling", "bereavement", "alcohol_drugs"} <= set(needs)
    for need in needs:
        assert need not in CATEGORIES
        assert need in RULES.support_kinds, need
