"""The intent model's nearest-neighbour vote: it helps where neighbours agree, and never moves what the safety
decision reads."""

import numpy as np

from bot.nlu.intent_model import IntentModel, IntentModelConfig


def clusters(seed: int = 0):
    """Three intents as three clusters of unit vectors, with made-up texts."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(3, 16))
    labels = ["crisis", "find_support", "concern_business_case"]
    texts, vectors, names = [], [], []
    for c, label in enumerate(labels):
        for n in range(20):
            v = centres[c] + 0.6 * rng.normal(size=16)
            texts.append(f"{label} example {n}")
            vectors.append(v / np.linalg.norm(v))
            names.append(label)
    return texts, np.array(vectors), names


def fitted(**knn):
    texts, vectors, names = clusters()
    return IntentModel(IntentModelConfig(ngram_weight=0, **knn)).fit(texts, vectors, names), texts, vectors, names


def test_the_vote_of_a_training_example_favours_its_own_intent():
    model, texts, vectors, names = fitted(knn_weight=0.2)
    votes = model.neighbour_votes(vectors)
    assert np.allclose(votes.sum(axis=1), 1.0)
    assert [model.labels[i] for i in votes.argmax(axis=1)] == names


def test_kept_intents_keep_the_regressions_probability():
    plain, texts, vectors, _ = fitted()
    mixed, *_ = fitted(knn_weight=0.5, knn_keeps=("crisis",))
    rng = np.random.default_rng(1)
    queries = vectors + 0.8 * rng.normal(size=vectors.shape)
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    before, after = plain.probabilities(texts, queries), mixed.probabilities(texts, queries)
    crisis = plain.labels.index("crisis")
    assert np.allclose(after.sum(axis=1), 1.0)
    assert np.allclose(after[:, crisis], before[:, crisis])  # P(crisis) never moves
    top_crisis = before.argmax(axis=1) == crisis
    assert top_crisis.any() and np.allclose(after[top_crisis], before[top_crisis])  # those rows are left alone
    assert not np.allclose(after[~top_crisis], before[~top_crisis])  # the others do take the vote


def test_no_vote_without_a_weight():
    plain, texts, vectors, _ = fitted()
    assert not hasattr(plain, "_neighbours")
    assert np.allclose(plain.probabilities(texts, vectors).sum(axis=1), 1.0)
