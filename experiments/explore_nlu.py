"""Quick grid search without Rasa: the intent model, fallback and safety net replayed in-process.

Used to explore many settings (C, n-gram weight, sentence combinations, fallback thresholds) in seconds
once the embeddings are cached; the figures agree with a full `rasa train nlu` + parse to within a passage
or two (the table in docs/nlu-pipeline-comparison.md comes from devtools/compare_nlu.py, not from this).
Embeddings are cached in models/experiments/embeddings-<encoder>.pkl.

Settings are chosen on the real-text development set (tests/data/real_text_dev/) and the long messages,
never on the real-text test set (tests/data/real_text/), which only `make evaluate` reads.

Usage: .venv/bin/python -m experiments.explore_nlu [--encoder all-mpnet-base-v2] [--grid knobs|sentences|fallback]
"""

import argparse
import pickle
from pathlib import Path

import numpy as np

from bot.nlu.components import clean_text
from bot.nlu.intent_model import (
    IntentModel,
    IntentModelConfig,
    SentenceConfig,
    combine_scores,
    ranking,
    split_sentences,
)
from bot.nlu.sentence_encoder import SentenceEncoder
from devtools.evaluation import load_examples, load_passages, score, score_passages

ROOT = Path(__file__).resolve().parent.parent
# The intent model as config.yml sets it (EmbeddingIntentClassifier), for experiments that replay it.
PRODUCTION = IntentModelConfig(c=10, ngram_weight=0.6, class_weight="balanced", knn_weight=0.2, knn_keeps=("crisis",))


def training_examples():
    import rasa.shared.data as data
    from rasa.shared.nlu.training_data.loading import load_data
    from rasa.shared.nlu.training_data.training_data import TrainingData

    files = data.get_data_files([str(ROOT / "data" / "nlu")], data.is_nlu_file)
    merged = TrainingData().merge(*[load_data(f) for f in files])
    examples = [e for e in merged.intent_examples if e.get("text")]
    return [e.get("text") for e in examples], [e.get("intent") for e in examples]


class Cached:
    def __init__(self, model: str):
        self.model, self.encoder = model, None
        self.path = ROOT / "models" / "experiments" / f"embeddings-{model}.pkl"
        self.cache = pickle.loads(self.path.read_bytes()) if self.path.exists() else {}

    def __call__(self, texts):
        todo = sorted({t for t in texts if t not in self.cache})
        if todo:
            self.encoder = self.encoder or SentenceEncoder(model=self.model, threads=2)
            self.cache.update(zip(todo, self.encoder.encode(todo)))
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_bytes(pickle.dumps(self.cache))
        return np.vstack([self.cache[t] for t in texts])


def parse(text, ranked, threshold, ambiguity, net):
    """FallbackClassifier's rule, then the safety decision, as the pipeline applies them."""
    from bot.safety.assess import decide

    intent = {"name": ranked[0][0], "confidence": ranked[0][1]}
    ranking_ = [{"name": n, "confidence": p} for n, p in ranked[:10]]
    if intent["confidence"] < threshold or ranking_[0]["confidence"] - ranking_[1]["confidence"] < ambiguity:
        intent = {"name": "nlu_fallback", "confidence": threshold}
        ranking_ = [dict(intent)] + ranking_
    decision = decide(net.check(text), intent, ranking_)
    return {"intent": decision.intent, "intent_ranking": decision.ranking}


def evaluation_sets():
    """Our own set as (text, intent) pairs, and the development passages and long messages as (text,
    labels) pairs; every text cleaned as InputGuard cleans it. Never the real-text test set."""
    own = [(clean_text(t)["text"], i) for t, i in load_examples(ROOT / "tests/data/nlu_eval.yml")]
    sets = {
        k: [(clean_text(t)["text"], l) for t, l in load_passages(p)]
        for k, p in (("real-dev", ROOT / "tests/data/real_text_dev"), ("long", ROOT / "tests/data/long_messages.yml"))
    }
    return own, sets


def report(probabilities_of, labels, own, sets, net, threshold=0.3, ambiguity=0.03) -> str:
    """One line of figures: our own set's macro-F1 and crisis recall, then "right first time / offered" on
    each set of passages. `probabilities_of(text)` gives the intent probabilities in the order of `labels`."""

    def parsed(items):
        return [parse(t, ranking(labels, probabilities_of(t)), threshold, ambiguity, net) for t in items]

    acted = [p["intent"]["name"] for p in parsed([t for t, _ in own])]
    s = score([i for _, i in own], acted)
    line = f"own {s.macro_f1:.3f} crisis recall {s.per_intent['crisis'][1]:.2f}"
    for key, pairs in sets.items():
        ps = score_passages(key, pairs, parsed([t for t, _ in pairs]))
        line += f" | {key} {ps.first_time:.3f}/{ps.offered:.3f}"
    return line


def main() -> None:
    from bot.safety.net import load_safety_net

    parser = argparse.ArgumentParser()
    parser.add_argument("--encoder", default="all-MiniLM-L6-v2")
    parser.add_argument("--grid", choices=["knobs", "sentences", "fallback"], default="knobs")
    args = parser.parse_args()
    net, embed = load_safety_net(), Cached(args.encoder)
    texts, labels = training_examples()
    own, passages = evaluation_sets()
    pieces = {t: split_sentences(t) for t, _ in own + passages["real-dev"] + passages["long"]}
    embed(texts + sorted({p for ps in pieces.values() for p in ps} | set(pieces)))

    def figures(model, sentences=None, threshold=0.3, ambiguity=0.03):
        sentences = sentences or SentenceConfig()

        def probabilities(text):
            whole = model.probabilities([text], embed([text]))[0]
            parts = pieces[text]
            sent = model.probabilities(parts, embed(parts)) if sentences.enabled and len(parts) > 1 else None
            return combine_scores(whole, sent, sentences)

        return report(probabilities, model.labels, own, passages, net, threshold, ambiguity)

    def fit(c=10, ngram_weight=0.6, class_weight="balanced"):
        config = IntentModelConfig(c=c, ngram_weight=ngram_weight, class_weight=class_weight)
        return IntentModel(config).fit(texts, embed(texts), labels)

    if args.grid == "knobs":
        for c in (3, 10, 30):
            for ngram_weight in (0.3, 0.6, 1.0):
                print(f"{args.encoder} C {c} ngram {ngram_weight}: {figures(fit(c, ngram_weight))}", flush=True)
        print(f"{args.encoder} unweighted: {figures(fit(class_weight=None))}", flush=True)
    elif args.grid == "sentences":
        model = fit()
        print(f"{args.encoder} whole message only: {figures(model)}", flush=True)
        for combine, k in (("max", 1), ("topk", 2), ("topk", 3)):
            for whole_weight in (0.2, 0.35, 0.5, 0.65):
                config = SentenceConfig(combine=combine, top_k=k, whole_weight=whole_weight)
                print(f"{args.encoder} {combine} k {k} whole {whole_weight}: {figures(model, config)}", flush=True)
    else:
        model = fit()
        for threshold, ambiguity in ((0.3, 0.03), (0.25, 0.03), (0.2, 0.02), (0.15, 0.0)):
            print(
                f"{args.encoder} fallback {threshold}/{ambiguity}: {figures(model, threshold=threshold, ambiguity=ambiguity)}",
                flush=True,
            )


if __name__ == "__main__":
    main()
