"""The featurizer's sentence pieces and the classifier's sentence-level scoring, wired as Rasa runs them."""

import numpy as np
import pytest
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.components import EmbeddingIntentClassifier, MiniLMFeaturizer, SentenceEmbeddingFeaturizer

STORY = (
    "I've had back pain since 2019 and it has been a long road. The physio was lovely and really tried. "
    "But there is nothing near me for people like me, no group and no service I can find."
)


class _Storage:
    """Stands in for Rasa's model storage: train() writes the pickled model here."""

    def write_to(self, resource):
        import contextlib
        import tempfile
        from pathlib import Path

        @contextlib.contextmanager
        def directory():
            with tempfile.TemporaryDirectory() as path:
                yield Path(path)

        return directory()


@pytest.fixture(scope="module")
def featurizer():
    return SentenceEmbeddingFeaturizer({**SentenceEmbeddingFeaturizer.get_default_config(), "sentences": True}, "f")


def _training_data(featurizer):
    rows = [
        ("where can I find a local pain group", "concern_local_knowledge"),
        ("nothing near me for people with pain", "concern_local_knowledge"),
        ("no local services I can find", "concern_local_knowledge"),
        ("nobody trained me to talk about mood", "concern_skills_training"),
        ("I never had any training in this", "concern_skills_training"),
        ("we were not taught how to ask about feelings", "concern_skills_training"),
    ] * 2
    data = TrainingData([Message(data={TEXT: t, INTENT: i}) for t, i in rows])
    return featurizer.process_training_data(data)


def test_featurizer_adds_sentence_pieces_only_when_asked_and_only_for_several_sentences(featurizer):
    long, short = Message(data={TEXT: STORY}), Message(data={TEXT: "no group near me"})
    featurizer.process([long, short])
    pieces = long.get(SentenceEmbeddingFeaturizer.SENTENCES)
    assert len(pieces["texts"]) == 3 and pieces["embeddings"].shape == (3, 384)
    assert short.get(SentenceEmbeddingFeaturizer.SENTENCES) is None
    assert long.get_dense_features(TEXT, None)[1].features.shape == (1, 384)
    plain = MiniLMFeaturizer(MiniLMFeaturizer.get_default_config(), "g")
    other = Message(data={TEXT: STORY})
    plain.process([other])
    assert other.get(SentenceEmbeddingFeaturizer.SENTENCES) is None


def test_training_data_gets_no_sentence_pieces(featurizer):
    data = _training_data(featurizer)
    assert all(e.get(SentenceEmbeddingFeaturizer.SENTENCES) is None for e in data.training_examples)


@pytest.mark.parametrize("combine", ["none", "max", "topk"])
def test_classifier_ranks_with_and_without_sentence_scoring(featurizer, combine):
    config = {**EmbeddingIntentClassifier.get_default_config(), "sentence_combine": combine, "class_weight": "balanced"}
    classifier = EmbeddingIntentClassifier(config, _Storage(), None)
    classifier.train(_training_data(featurizer))
    message = Message(data={TEXT: STORY})
    featurizer.process([message])
    classifier.process([message])
    ranking = message.get(INTENT_RANKING_KEY)
    assert message.get(INTENT)["name"] == ranking[0]["name"] == "concern_local_knowledge"
    assert abs(sum(r["confidence"] for r in ranking) - 1) < 1e-6


def test_unknown_sentence_combination_is_refused_when_the_pipeline_loads():
    with pytest.raises(ValueError, match="none, max or topk"):
        EmbeddingIntentClassifier({"sentence_combine": "mean"}, None, None)


def test_classifier_leaves_empty_text_to_the_fallback(featurizer):
    classifier = EmbeddingIntentClassifier(EmbeddingIntentClassifier.get_default_config(), _Storage(), None)
    classifier.train(_training_data(featurizer))
    message = Message(data={TEXT: ""})
    classifier.process([message])
    assert message.get(INTENT) == {"name": None, "confidence": 0.0}
    assert np.asarray(message.get(INTENT_RANKING_KEY)).size == 0
