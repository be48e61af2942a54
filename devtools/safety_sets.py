"""Where the safety message sets live, named once: the development rounds and the hold-outs.

Retiring a hold-out (it becomes round N once its misses are used for tuning) means moving its folder to
roundN/ (the rounds are the folders, so the training data, the safety report and the e2e test pick it up),
taking it out of `HOLDOUTS`, and adding a paragraph to tests/data/safety/history.md, which the safety report
copies. `HOLDOUTS` is named by hand so that a hold-out still being written is never measured by accident.
"""

from __future__ import annotations

from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "safety"
# roundN/: hold-out sets until their misses were used for tuning (each README says how)
ROUNDS = tuple(sorted(int(p.name.removeprefix("round")) for p in DATA.glob("round[0-9]*") if p.is_dir()))
# holdoutN/: written apart and never tuned on
HOLDOUTS = (15, 16)


def development_pairs() -> list[tuple[Path, Path]]:
    """(crisis file, not-crisis file) for the first curated set and every development round."""
    return [(DATA / "crisis_messages.yml", DATA / "non_crisis_messages.yml")] + [
        (DATA / f"round{n}" / "crisis.yml", DATA / f"round{n}" / "non_crisis.yml") for n in ROUNDS
    ]


def holdout_pair(n: int) -> tuple[Path, Path]:
    return DATA / f"holdout{n}" / "crisis.yml", DATA / f"holdout{n}" / "non_crisis.yml"


def messages(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["messages"]
