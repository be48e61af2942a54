"""Does a blind second reading of the real training passages' labels help the intent model?

A helper session relabelled every passage in data/training_text/ blind (one or two areas, from a one-line
description of each, without our labels). This replays the production intent model in-process with the
passages' labels changed in several ways and prints the development-set figures (never the test set):

- `as gathered`: today's labels;
- `drop disagreements`: passages whose gathered label is not among the reviewer's are left out;
- `reviewer first on disagreement`: those passages take the reviewer's first label;
- `reviewer first everywhere`: every passage takes the reviewer's first label;
- `both readings`: a passage the reviewer read differently is kept under both labels.

Usage: .venv/bin/python -m experiments.label_review data/training_text/second_reading.yml
where each REVIEW file holds `labels: [{id, intents}]`, ids as `<set letter><index in file, 3 digits>`.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import yaml

from bot.nlu.intent_model import IntentModel
from devtools.real_text_training import PASSAGES, clean
from experiments.explore_nlu import PRODUCTION, Cached, evaluation_sets, report, training_examples


def passages() -> dict[str, tuple[str, str]]:
    """id -> (cleaned text, gathered intent), ids as the review files name them."""
    found = {}
    for path in PASSAGES:
        letter = path.stem.split("_")[-1]
        for n, p in enumerate(yaml.safe_load(path.read_text(encoding="utf-8"))["passages"]):
            found[f"{letter}{n:03d}"] = (clean(str(p["text"])), p["intent"])
    return found


def main() -> None:
    from bot.safety.net import load_safety_net

    parser = argparse.ArgumentParser()
    parser.add_argument("reviews", nargs="+", type=Path)
    args = parser.parse_args()
    review = {r["id"]: r["intents"] for f in args.reviews for r in yaml.safe_load(f.read_text())["labels"]}
    gathered = passages()
    texts, labels = training_examples()
    real = {text: pid for pid, (text, _) in gathered.items()}
    base = [(t, i) for t, i in zip(texts, labels) if t not in real]
    print(f"{len(base)} other examples, {len(gathered)} passages, {len(review)} reviewed", flush=True)

    def variant(name: str) -> list[tuple[str, str]]:
        out = list(base)
        for pid, (text, intent) in gathered.items():
            read = review.get(pid) or [intent]
            agree = intent in read
            if name == "as gathered":
                out.append((text, intent))
            elif name == "drop disagreements":
                out += [(text, intent)] if agree else []
            elif name == "reviewer first on disagreement":
                out.append((text, intent if agree else read[0]))
            elif name == "reviewer first everywhere":
                out.append((text, read[0]))
            elif name == "both readings":
                out += [(text, intent)] + ([] if agree else [(text, read[0])])
        return out

    net, embed = load_safety_net(), Cached("all-mpnet-base-v2")
    own, sets = evaluation_sets()
    embed(texts + [t for t, _ in own] + [t for pairs in sets.values() for t, _ in pairs])
    for name in (
        "as gathered",
        "drop disagreements",
        "reviewer first on disagreement",
        "reviewer first everywhere",
        "both readings",
    ):
        pairs = variant(name)
        xs, ys = [t for t, _ in pairs], [i for _, i in pairs]
        model = IntentModel(PRODUCTION).fit(xs, embed(xs), ys)
        line = report(lambda t, m=model: m.probabilities([t], embed([t]))[0], model.labels, own, sets, net)
        print(f"{name} ({len(pairs)} examples): {line}", flush=True)


if __name__ == "__main__":
    main()
