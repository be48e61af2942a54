"""How much risk the intent model's `crisis` probability could catch beyond "crisis is the top intent".

Leave one safety round out: train the intent model (same features and settings as config.yml) on every
training example except that round's messages, then score the round as if it were fresh. For each
threshold on P(crisis), print the share of at-risk messages the model would flag and the share of
not-at-risk messages it would flag, beside the net's own result. Nothing here changes the assistant; it
is evidence for the next design of the risk model (issue 12). Never run it on the current hold-out set.

Usage: .venv/bin/python -m experiments.risk_threshold [--round round6] [--patterns FILE]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import yaml

from bot.nlu.components import clean_text
from bot.nlu.intent_model import IntentModel, IntentModelConfig
from bot.safety.net import SafetyNet, load_safety_net
from experiments.explore_nlu import Cached, training_examples

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = ROOT / "tests" / "data" / "safety"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--round", default="round6", help="a development round under tests/data/safety/")
    parser.add_argument(
        "--patterns",
        type=Path,
        help="a patterns file from before the round was tuned on (git show REV:data/safety/patterns.yml > FILE), "
        "so the net is out of sample too",
    )
    args = parser.parse_args()
    if "holdout" in args.round:
        raise SystemExit("never on a hold-out set: it would stop being one")
    crisis = yaml.safe_load((ROUNDS / args.round / "crisis.yml").read_text())["messages"]
    calm = yaml.safe_load((ROUNDS / args.round / "non_crisis.yml").read_text())["messages"]
    held = {clean_text(m["text"])["text"].lower() for m in crisis + calm}
    texts, labels = training_examples()
    keep = [i for i, t in enumerate(texts) if t.lower() not in held]
    texts, labels = [texts[i] for i in keep], [labels[i] for i in keep]
    embed = Cached("all-mpnet-base-v2")
    model = IntentModel(IntentModelConfig(c=10, ngram_weight=0.6, class_weight="balanced"))
    model.fit(texts, embed(texts), labels)
    column = model.labels.index("crisis")
    net = SafetyNet(yaml.safe_load(args.patterns.read_text())) if args.patterns else load_safety_net()

    def scored(messages):
        items = [clean_text(m["text"])["text"] for m in messages]
        probabilities = model.probabilities(items, embed(items))
        return [(float(p[column]), int(p.argmax()) == column, net.check(text)) for text, p in zip(items, probabilities)]

    at_risk, not_at_risk = scored(crisis), scored(calm)
    print(f"{args.round}: {len(at_risk)} at risk, {len(not_at_risk)} not; model trained without them")
    for name, rows in (("at risk", at_risk), ("not at risk", not_at_risk)):
        net_fired = sum(r[2].fired for r in rows)
        top = sum(r[1] for r in rows)
        either = sum(r[2].fired or (r[1] and not r[2].explained) for r in rows)
        print(f"  {name}: net {net_fired}, model top intent {top}, either {either} of {len(rows)}")
    print("threshold | at risk flagged: net, or P(crisis) >= t not explained away | not at risk flagged the same way")
    for t in (0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5):
        # as the pipeline decides: the net's finding, or the model's guess unless the net explains it away
        hit = sum(r[2].fired or (r[0] >= t and not r[2].explained) for r in at_risk) / len(at_risk)
        false = sum(r[2].fired or (r[0] >= t and not r[2].explained) for r in not_at_risk) / len(not_at_risk)
        print(f"{t:9} | {hit:.3f} | {false:.3f}")


if __name__ == "__main__":
    main()
