"""Generated training data is up to date with the sets it is generated from."""

import devtools.safety_training_data as generator


def test_safety_training_data_is_current(tmp_path, monkeypatch):
    committed = generator.OUT.read_text(encoding="utf-8")
    monkeypatch.setattr(generator, "OUT", tmp_path / generator.OUT.name)
    generator.main()
    assert generator.OUT.read_text(encoding="utf-8") == committed, (
        "run .venv/bin/python -m devtools.safety_training_data and commit data/nlu/generated/safety_development.yml"
    )
