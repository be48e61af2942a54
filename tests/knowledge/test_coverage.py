"""Everything the guide offers is in the knowledge base: the list in coverage.yml, found item by item."""

from pathlib import Path

import pytest
import yaml

from bot.knowledge import PARTS, load_knowledge_base

COVERAGE = yaml.safe_load((Path(__file__).parent / "coverage.yml").read_text())
KB = load_knowledge_base()


@pytest.mark.parametrize("area_id", sorted(COVERAGE["areas"]))
@pytest.mark.parametrize("part", COVERAGE["parts"])
def test_every_area_has_every_part(area_id, part):
    value = KB.part(area_id, part)
    assert value, f"{area_id}.{part} is empty"


@pytest.mark.parametrize("area_id,expected", sorted(COVERAGE["areas"].items()))
def test_every_item_to_try_and_challenge_is_there(area_id, expected):
    area = KB.area(area_id)
    assert area.section == expected["section"]
    assert len(area.what_to_try) == expected["what_to_try"]
    assert len(area.challenges) == expected["challenges"]
    assert all(ch.ideas for ch in area.challenges)


def test_there_are_nineteen_examples():
    assert len(COVERAGE["examples"]) == 19
    assert len(KB.all_examples()) == 19


@pytest.mark.parametrize("entry", COVERAGE["examples"], ids=lambda e: e["id"])
def test_each_example_names_its_organisation_and_place(entry):
    _, example = KB.example(entry["id"])
    assert any(entry["organisation"].lower() in org.lower() for org in example.organisations), example.organisations
    if "place" in entry:
        assert entry["place"].lower() in (example.place or "").lower()
    assert example.what_they_did and example.what_happened


@pytest.mark.parametrize("title", COVERAGE["principles"])
def test_each_principle_is_there_with_its_exact_title(title):
    assert title in [p.title for p in KB.principles.principles]


def test_principles_say_the_explanation_is_ours_and_point_to_the_essay():
    source = KB.principles.source
    assert "qlabessays.health.org.uk" in source.link.url
    assert "What matters to me" in source.title
    assert "own" in source.note.lower() and "official" in source.note.lower()


def test_about_the_guide_has_its_makers_and_key_facts():
    about = KB.about
    assert {"Q Improvement Lab", "Mind"} <= set(about.publishers)
    assert "2019" in about.published
    assert "150" in about.how_it_was_made and "five" in about.how_it_was_made.lower()
    assert any("50%" in f.text or "half" in f.text.lower() for f in about.key_facts)


def test_parts_listed_in_coverage_are_the_parts_the_code_knows():
    assert set(COVERAGE["parts"]) == set(PARTS)
