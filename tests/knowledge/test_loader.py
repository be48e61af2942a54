"""The loader refuses a broken knowledge base, and says where the problem is."""

import shutil
from pathlib import Path

import pytest
import yaml

from bot.knowledge import KNOWLEDGE_DIR, KnowledgeBaseError, load_knowledge_base
from bot.knowledge.loader import load_files


@pytest.fixture
def kb_copy(tmp_path) -> Path:
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, target)
    return target


def edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False))


def test_the_real_knowledge_base_loads():
    kb = load_knowledge_base()
    assert len(kb.areas) == 6


def test_a_missing_field_names_file_entry_and_field(kb_copy):
    edit(kb_copy / "areas" / "local_knowledge.yml", lambda d: d["examples"][2].pop("what_they_did"))
    with pytest.raises(KnowledgeBaseError) as err:
        load_files(kb_copy)
    message = str(err.value)
    assert "areas/local_knowledge.yml" in message
    assert "examples[2] (lk_local_networks)" in message
    assert "'what_they_did' is missing" in message


def test_an_unknown_field_is_reported(kb_copy):
    edit(kb_copy / "areas" / "business_case.yml", lambda d: d["what_to_try"][0].update({"txet": "typo"}))
    with pytest.raises(KnowledgeBaseError, match=r"what_to_try\[0\].*'txet' is not a known field"):
        load_files(kb_copy)


def test_a_wrong_principle_title_is_refused(kb_copy):
    edit(kb_copy / "principles.yml", lambda d: d["principles"][0].update({"title": "Be nice"}))
    with pytest.raises(KnowledgeBaseError, match="title must be exactly 'Cultivate enabling relationships'"):
        load_files(kb_copy)


def test_a_missing_area_file_is_reported(kb_copy):
    (kb_copy / "areas" / "skills_training.yml").unlink()
    with pytest.raises(KnowledgeBaseError, match="skills_training.yml: file is missing"):
        load_files(kb_copy)


def test_broken_yaml_is_reported(kb_copy):
    (kb_copy / "about.yml").write_text("title: [unclosed\n")
    with pytest.raises(KnowledgeBaseError, match="about.yml: not valid YAML"):
        load_files(kb_copy)


def test_all_problems_are_listed_at_once(kb_copy):
    edit(kb_copy / "areas" / "local_knowledge.yml", lambda d: d.pop("problem"))
    edit(kb_copy / "areas" / "skills_training.yml", lambda d: d.pop("solution"))
    with pytest.raises(KnowledgeBaseError) as err:
        load_files(kb_copy)
    assert len(err.value.errors) == 2


def test_a_missing_example_is_refused(kb_copy):
    edit(kb_copy / "areas" / "coordination_access.yml", lambda d: d["examples"].pop())
    with pytest.raises(KnowledgeBaseError, match="differ from the expected"):
        load_files(kb_copy)


def test_a_duplicate_id_is_refused(kb_copy):
    def dup(d):
        d["what_to_try"][1]["id"] = d["what_to_try"][0]["id"]

    edit(kb_copy / "areas" / "local_knowledge.yml", dup)
    with pytest.raises(KnowledgeBaseError, match="id is used twice"):
        load_files(kb_copy)


def test_a_carer_list_of_asks_must_match_the_patient_list(kb_copy):
    edit(kb_copy / "areas" / "skills_training.yml", lambda d: d["patient_view"]["what_they_can_ask_for"].pop())
    with pytest.raises(KnowledgeBaseError, match=r"what_they_can_ask_for.*one for each of the 5"):
        load_files(kb_copy)


def test_a_carers_asks_speak_of_the_person_they_care_for():
    patient_things = ("your pain", "your mood", "your first", "your gp", "your care", "your story", "your health")
    for area in load_knowledge_base().areas.values():
        for ask in area.patient_view.what_they_can_ask_for:
            assert not any(thing in ask.lower() for thing in patient_things), (area.id, ask)
