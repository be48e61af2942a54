"""`rasa data validate`, made strict where it should be: the domain, training data, rules and stories
must be valid and conflict-free, and every response must be used by a rule, a story or an action."""

import re
from pathlib import Path

import pytest
from rasa.shared.importers.importer import TrainingDataImporter
from rasa.validator import Validator

ROOT = Path(__file__).resolve().parent.parent
DATA = [str(ROOT / d) for d in ("data/nlu", "data/rules", "data/stories")]


@pytest.fixture(scope="module")
def validator() -> Validator:
    importer = TrainingDataImporter.load_from_config(
        config_path=str(ROOT / "config.yml"), domain_path=str(ROOT / "domain.yml"), training_data_paths=DATA
    )
    return Validator.from_importer(importer)


def test_domain_is_valid(validator):
    assert validator.verify_domain_validity()


def test_training_data_and_stories_are_valid(validator):
    assert validator.verify_intents_in_stories(ignore_warnings=True)
    assert validator.verify_example_repetition_in_intents(ignore_warnings=False)
    assert validator.verify_actions_in_stories_rules()
    assert validator.verify_forms_in_stories_rules()
    assert validator.verify_slot_mappings()


def test_story_structure_has_no_conflicts(validator):
    assert validator.verify_story_structure(ignore_warnings=False, max_history=5)


def test_every_response_is_used_by_a_rule_a_story_or_an_action(validator):
    sources = [*(ROOT / "actions").glob("*.py"), *(ROOT / "bot").rglob("*.py")]  # fixed replies: bot/dialogue/offers.py
    code = "\n".join(p.read_text() for p in sources)
    in_code = set(re.findall(r'"(utter_[a-z_]+)"', code))
    in_stories = {
        e.action_name for step in validator.story_graph.story_steps for e in step.events if getattr(e, "action_name", None)
    }
    form_questions = {f"utter_ask_{slot}" for form in validator.domain.forms.values() for slot in form["required_slots"]}
    unused = set(validator.domain.responses) - in_code - in_stories - form_questions
    assert not unused, f"responses nobody sends: {sorted(unused)}"


def test_every_action_in_code_is_in_the_domain(validator):
    code = "\n".join(p.read_text() for p in (ROOT / "actions").glob("*.py"))
    named = set(re.findall(r'return "(action_[a-z_]+)"', code))
    assert named == {a for a in validator.domain.user_actions if a.startswith("action_")}


def test_button_payloads_come_out_of_rasas_templating_intact(validator):
    """Rasa fills `{...}` in a response as a slot template; a payload's JSON must survive that, with no
    error logged (the braces are doubled in domain.yml)."""
    import json

    from rasa.core.nlg import interpolator

    slots = {slot.name: None for slot in validator.domain.slots}
    for name, variants in validator.domain.responses.items():
        for variant in variants:
            raw = [b["payload"] for b in variant.get("buttons") or []]
            assert all("{{" in p for p in raw if "{" in p), (name, raw)  # single braces log an error
            for button in interpolator.interpolate(variant.get("buttons") or [], slots):
                payload = button["payload"]
                assert "{{" not in payload and "0[" not in payload, (name, payload)
                if "{" in payload:
                    json.loads(payload[payload.index("{") :])


def test_every_reply_to_a_reply_that_is_not_a_place_offers_a_way_out_that_the_form_understands():
    """ "Anywhere in the UK" must be read as anywhere and "Stop looking" as stop, or the buttons loop."""
    import json

    import yaml

    from actions.support import NOT_A_PLACE_REPLIES
    from bot.dialogue.place_answers import read_place_answer

    responses = yaml.safe_load((ROOT / "domain.yml").read_text())["responses"]
    for name in {*NOT_A_PLACE_REPLIES.values(), "utter_place_not_found"}:
        buttons = responses[name][0]["buttons"]
        assert [b["title"] for b in buttons] == ["Anywhere in the UK", "Stop looking"], name
        anywhere = json.loads(buttons[0]["payload"].replace("{{", "{").replace("}}", "}").split("find_support", 1)[1])
        assert read_place_answer(anywhere["place"]) == "anywhere"
        assert buttons[1]["payload"] == "/stop_search"  # an intent: the words "stop looking" can read as despair
