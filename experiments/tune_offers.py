"""Choose when the first reply offers a second concern or asks which area was meant, on the real-text
development set only (tests/data/real_text_dev/), never on the real-text test set.

Parses every development passage once with the trained model (cached in models/experiments/), then
replays the decision for each setting: the fallback threshold (below it, a clarifying question), how many
areas a clarifying question offers, and when a second concern gets a button. Prints, for each setting,
"right first time", "offered" (the right area answered or offered), and the mean number of areas put in
front of the person, so the cost of offering more is in view.

Usage: .venv/bin/python -m experiments.tune_offers [--model models/current.tar.gz]
"""

from __future__ import annotations

import argparse
import itertools
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from bot.dialogue.offers import CLARIFY_CHOICES, SECOND_CONCERN_FLOOR, SECOND_CONCERN_RATIO, clarify_choices, second_concern

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "tests" / "data" / "real_text_dev" / "passages.yml"
CACHE = ROOT / "models" / "experiments" / "real_text_dev_parses.json"


def fallback_threshold() -> float:
    """The FallbackClassifier's threshold in config.yml, so the current setting is read, not restated."""
    pipeline = yaml.safe_load((ROOT / "config.yml").read_text())["pipeline"]
    return float(next(c for c in pipeline if c["name"] == "FallbackClassifier")["threshold"])


def load_dev() -> list[tuple[str, list[str]]]:
    passages = yaml.safe_load(DEV.read_text())["passages"]
    return [(p["text"], list(p["intents"])) for p in passages]


def parses(model: Path, texts: Sequence[str]) -> list[dict[str, Any]]:
    key = {"model": str(model), "mtime": model.stat().st_mtime, "texts": list(texts)}
    if CACHE.exists():
        cached = json.loads(CACHE.read_text())
        if cached.get("key") == key:
            return cached["parses"]
    from devtools.evaluation import parse_all

    found = parse_all(model, texts)
    kept = [{"intent": p.get("intent"), "intent_ranking": p.get("intent_ranking")} for p in found]
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    CACHE.write_text(json.dumps({"key": key, "parses": kept}))
    return kept


def replay(parse: dict[str, Any], threshold: float, choices: int, ratio: float, floor: float) -> tuple[str, list[str]]:
    """What the first reply answers and offers under one setting: (acted intent, offered intents). The
    fallback threshold is applied here; the offers are bot.dialogue.offers' own rules with these settings."""
    ranking = [r for r in parse.get("intent_ranking") or [] if r.get("name") != "nlu_fallback"]
    if not ranking:
        return "nlu_fallback", []
    if float(ranking[0]["confidence"]) < threshold:
        return "nlu_fallback", clarify_choices(ranking, choices)
    name = str(ranking[0]["name"])
    second = second_concern(name, ranking, ratio, floor)
    return name, [name, second] if second else [name]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "current.tar.gz")
    args = parser.parse_args()
    dev = load_dev()
    found = parses(args.model, [t for t, _ in dev])
    rows = []
    grid = itertools.product((0.2, 0.25, 0.3, 0.35, 0.4), (2, 3), (0.05, 0.1, 0.2, 0.35), (0.02, 0.05, 0.08, 0.12))
    for threshold, choices, ratio, floor in grid:
        first = offered = shown = 0
        for (_, labels), parse in zip(dev, found):
            acted, offer = replay(parse, threshold, choices, ratio, floor)
            first += acted in labels
            offered += any(label in offer for label in labels)
            shown += len(offer)
        n = len(dev)
        rows.append((threshold, choices, ratio, floor, first / n, offered / n, shown / n))
    print(f"{len(dev)} development passages; model {args.model}")
    print("threshold choices ratio floor | right-first offered areas-shown")
    for row in sorted(rows, key=lambda r: (-r[5], r[6]))[:25]:
        print("{:9} {:7} {:5} {:5} | {:11.3f} {:7.3f} {:11.2f}".format(*row))
    threshold = fallback_threshold()
    current = [r for r in rows if r[:4] == (threshold, CLARIFY_CHOICES, SECOND_CONCERN_RATIO, SECOND_CONCERN_FLOOR)]
    print(
        "current setting (config.yml, bot/dialogue/offers.py): {:9} {:7} {:5} {:5} | {:11.3f} {:7.3f} {:11.2f}".format(
            *current[0]
        )
    )


if __name__ == "__main__":
    main()
