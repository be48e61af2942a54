"""Does a correction for real text, learned without any evaluation passage, help the intent model?

On the development set the model puts many real passages under `find_support` (17 of its 67 misses came
from local knowledge, coordination or skills). The model learns mostly from short written examples, so its
preferences between the areas may be off for long real messages. This learns one offset per area from the
real *training* passages only: five-fold, each fold's passages are scored by a model fitted without them,
and the offsets (added to the log-probabilities of the six areas and `find_support`, P(crisis) untouched)
are fitted to those out-of-fold scores by maximum likelihood. Then today's model, with the offsets applied
to messages of at least `--min-words` words, is scored on the development set (never the test set).

Usage: .venv/bin/python -m experiments.real_text_prior [--min-words 20]
"""

from __future__ import annotations

import argparse

import numpy as np
from scipy.optimize import minimize

from bot.nlu.intent_model import IntentModel
from devtools.real_text_training import INTENTS
from experiments.explore_nlu import PRODUCTION, Cached, evaluation_sets, report, training_examples
from experiments.label_review import passages

AREAS = tuple(sorted(INTENTS))  # the six areas and find_support, the labels of the real passages


def out_of_fold(texts, labels, real_ids, embed, folds=5, seed=10):
    """Probabilities of each real passage from a model fitted without its fold."""
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(real_ids))
    scored: dict[int, np.ndarray] = {}
    model = None
    for f in range(folds):
        held = {real_ids[i] for i in order[f::folds]}
        keep = [i for i in range(len(texts)) if i not in held]
        xs, ys = [texts[i] for i in keep], [labels[i] for i in keep]
        model = IntentModel(PRODUCTION).fit(xs, embed(xs), ys)
        held_texts = [texts[i] for i in sorted(held)]
        for i, p in zip(sorted(held), model.probabilities(held_texts, embed(held_texts))):
            scored[i] = p
        print(f"fold {f + 1}/{folds}", flush=True)
    return model.labels, scored


def fit_offsets(labels, scored, truth) -> np.ndarray:
    columns = [labels.index(a) for a in AREAS]
    logp = np.log(np.vstack([scored[i][columns] for i in truth]) + 1e-9)
    y = np.array([AREAS.index(truth[i]) for i in truth])

    def loss(b):
        z = logp + b
        z = z - z.max(axis=1, keepdims=True)
        return -(z[np.arange(len(y)), y] - np.log(np.exp(z).sum(axis=1))).mean() + 0.01 * (b**2).sum()

    b = minimize(loss, np.zeros(len(AREAS)), method="L-BFGS-B").x
    before = (logp.argmax(axis=1) == y).mean()
    after = ((logp + b).argmax(axis=1) == y).mean()
    print(f"out-of-fold accuracy among the seven on the real training passages: {before:.3f} -> {after:.3f}")
    return b - b.mean()


def corrected(probabilities: np.ndarray, labels: list[str], offsets: np.ndarray) -> np.ndarray:
    """The seven columns moved by `offsets` within their own share of the probability; the rest untouched."""
    p = probabilities.copy()
    columns = [labels.index(a) for a in AREAS]
    share = p[columns].sum()
    moved = p[columns] * np.exp(offsets)
    p[columns] = moved / moved.sum() * share
    return p


def main() -> None:
    from bot.safety.net import load_safety_net

    parser = argparse.ArgumentParser()
    parser.add_argument("--min-words", type=int, nargs="+", default=[0, 20, 30])
    args = parser.parse_args()
    texts, labels = training_examples()
    real = {text: intent for text, intent in passages().values()}
    real_ids = [i for i, t in enumerate(texts) if t in real]
    embed = Cached("all-mpnet-base-v2")
    own, sets = evaluation_sets()
    embed(texts + [t for t, _ in own] + [t for pairs in sets.values() for t, _ in pairs])
    model_labels, scored = out_of_fold(texts, labels, real_ids, embed)
    truth = {i: labels[i] for i in real_ids if labels[i] in AREAS}
    offsets = fit_offsets(model_labels, scored, truth)
    print("offsets:", {a: round(float(o), 2) for a, o in zip(AREAS, offsets)})
    model = IntentModel(PRODUCTION).fit(texts, embed(texts), labels)
    net = load_safety_net()

    def probabilities(min_words):
        def of(text):
            p = model.probabilities([text], embed([text]))[0]
            return corrected(p, model.labels, offsets) if len(text.split()) >= min_words else p

        return of

    print("today:", report(lambda t: model.probabilities([t], embed([t]))[0], model.labels, own, sets, net), flush=True)
    for n in args.min_words:
        print(f"offsets from {n} words:", report(probabilities(n), model.labels, own, sets, net), flush=True)


if __name__ == "__main__":
    main()
