"""Real passages used for training never overlap the real-text evaluation sets."""

from pathlib import Path

import pytest
import yaml

from devtools import real_text_training as rtt

ROOT = Path(__file__).resolve().parents[2]


def _write(tmp_path: Path, passages: list[dict]) -> Path:
    path = tmp_path / "real_passages_test.yml"
    path.write_text(yaml.safe_dump({"passages": passages}), encoding="utf-8")
    return path


def test_a_passage_from_the_test_set_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(rtt, "ROOT", tmp_path.parent)
    test_passage = yaml.safe_load((ROOT / "tests/data/real_text/professionals.yml").read_text())["passages"][0]
    path = _write(tmp_path, [{"text": test_passage["text"], "intent": "find_support", "source": "https://example.org/x"}])
    with pytest.raises(rtt.PassageError, match="shares its text or page"):
        rtt.load_training([path])


def test_a_page_from_the_development_set_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(rtt, "ROOT", tmp_path.parent)
    dev = yaml.safe_load((ROOT / "tests/data/real_text_dev/passages.yml").read_text())["passages"][0]
    path = _write(tmp_path, [{"text": "Something new entirely.", "intent": "find_support", "source": dev["source"]}])
    with pytest.raises(rtt.PassageError, match="shares its text or page"):
        rtt.load_training([path])


def test_an_unknown_intent_is_refused_with_its_entry(tmp_path, monkeypatch):
    monkeypatch.setattr(rtt, "ROOT", tmp_path.parent)
    path = _write(tmp_path, [{"text": "Where can I find a pain group?", "intent": "crisis", "source": "https://example.org/y"}])
    with pytest.raises(rtt.PassageError, match="entry 1: intent 'crisis'"):
        rtt.load_training([path])


def test_no_evaluation_passage_is_in_the_training_data():
    texts, _ = rtt.evaluation_passages()
    training = set()
    for path in (ROOT / "data" / "nlu").rglob("*.yml"):
        for block in (yaml.safe_load(path.read_text()) or {}).get("nlu", []):
            training |= {line.strip()[2:].strip().lower() for line in block.get("examples", "").splitlines()}
    assert not (texts & training)


def test_the_generated_file_matches_the_passages():
    generated = rtt.OUT
    if not rtt.PASSAGES:
        assert not generated.exists()
        return
    expected = {text for _, text in rtt.load_training(rtt.PASSAGES)}
    examples = set()
    for block in yaml.safe_load(generated.read_text())["nlu"]:
        examples |= {line.strip()[2:] for line in block["examples"].splitlines() if line.strip()}
    assert examples == expected, "run: .venv/bin/python -m devtools.real_text_training"
