"""Custom Rasa NLU components. Each is thin: the logic lives in `bot.safety`, `bot.nlu.entity_rules` and
`bot.nlu.sentence_encoder`, which are tested without Rasa.

Pipeline order (config.yml): InputGuard first (cleans the text everything else sees), then tokeniser and
featurisers, the classifier, and SafetyNetClassifier last so that nothing after it can undo a crisis.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu import intent_model, softmax_regression
from bot.nlu.embedding_cache import embed_with_cache
from bot.nlu.entity_rules import load_entity_rules
from bot.nlu.intent_model import IntentModel, IntentModelConfig, SentenceConfig, combine_scores, ranking, split_sentences
from bot.nlu.sentence_encoder import MINILM, SentenceEncoder, encode_in_processes
from bot.safety.assess import ASK_WHEN_MODEL_BELOW, CHECK_LINE_CONFIDENCE, decide
from bot.safety.net import load_safety_net

MAX_CHARS = 2000
# An HTML tag ("<b>", "</script>", '<a href="...">'): pasted or typed markup is dropped so the words inside are
# read ("<b>hello</b>" is a greeting, typed in session 19 it was "outside what I can help with"). A "<" before
# a digit or a space ("I <3 my dog", "pain < 5") is no tag.
_TAG = re.compile(r"</?[A-Za-z][^<>]{0,300}>")


def clean_text(text: str | None, max_chars: int = MAX_CHARS) -> dict[str, Any]:
    """Normalise a raw message: Unicode NFC, control characters dropped, length capped.

    Returns the cleaned text and flags the dialogue can use for a helpful reply.
    """
    raw = text if isinstance(text, str) else ""
    cleaned = "".join(
        ch if unicodedata.category(ch)[0] != "C" or ch in "\n\t" else " " for ch in unicodedata.normalize("NFC", raw)
    )
    markup = bool(_TAG.search(cleaned))
    cleaned = " ".join(_TAG.sub(" ", cleaned).split())
    truncated = len(cleaned) > max_chars
    cleaned = cleaned[:max_chars]
    has_letters = any(ch.isalpha() for ch in cleaned)
    return {
        "text": cleaned,
        "truncated": truncated,
        "empty": not cleaned,
        "no_letters": bool(cleaned) and not has_letters,
        "markup": markup,
    }


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class InputGuard(GraphComponent):
    """Cleans every message before anything else reads it, and records what it changed."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"max_chars": MAX_CHARS}

    @classmethod
    def create(
        cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource, execution_context: ExecutionContext
    ) -> InputGuard:
        return cls(config)

    def __init__(self, config: dict[str, Any]):
        self.max_chars = int(config.get("max_chars", MAX_CHARS))

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            result = clean_text(message.get(TEXT), self.max_chars)
            message.set(TEXT, result.pop("text"))
            message.set("input_flags", result, add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class RuleEntityExtractor(GraphComponent, EntityExtractorMixin):
    """Roles, conditions and places found by a spaCy EntityRuler built from `data/entities/entity_rules.yml`."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {}

    @classmethod
    def create(
        cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource, execution_context: ExecutionContext
    ) -> RuleEntityExtractor:
        return cls()

    def __init__(self) -> None:
        self.rules = load_entity_rules()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            found = [{**entity, "extractor": self.__class__.__name__} for entity in self.rules.extract(message.get(TEXT) or "")]
            message.set(ENTITIES, message.get(ENTITIES, []) + found, add_to_output=True)
        return messages


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class SentenceEmbeddingFeaturizer(DenseFeaturizer, GraphComponent):
    """Adds a sentence embedding (`bot.nlu.sentence_encoder`, a pinned offline model) as a dense sentence
    feature. `model`: all-MiniLM-L6-v2 (384 floats) or all-mpnet-base-v2 (768 floats). With
    `sentences: true` it also embeds each sentence of a message (`bot.nlu.intent_model.split_sentences`)
    for sentence-level scoring in EmbeddingIntentClassifier; only at prediction time, training is unchanged.
    `threads` is for one message at a time; `train_processes` embed the training data, one thread each
    (`bot.nlu.sentence_encoder.encode_in_processes`; the vectors are the same as in one process)."""

    SENTENCES = "sentence_pieces"  # message attribute: {"texts": [...], "embeddings": array}

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            **DenseFeaturizer.get_default_config(),
            "model": MINILM,
            "batch_size": 64,
            "threads": 1,
            "train_processes": min(2, os.cpu_count() or 1),
            "sentences": False,
            "min_words": 4,
            "max_sentences": 8,
        }

    @classmethod
    def create(
        cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource, execution_context: ExecutionContext
    ) -> SentenceEmbeddingFeaturizer:
        return cls({**cls.get_default_config(), **config}, execution_context.node_name)

    def __init__(self, config: dict[str, Any], name: str):
        super().__init__(name, config)
        self.model = str(config.get("model", MINILM))
        self.threads = int(config.get("threads", 1))
        self.train_processes = int(config.get("train_processes", 1))
        self.encoder = SentenceEncoder(model=self.model, threads=self.threads)
        self.encoder.self_check()  # fail at start, never by answering every message with a wrong guess
        self.batch_size = int(config.get("batch_size", 64))
        self.sentences = bool(config.get("sentences", False))
        self.min_words = int(config.get("min_words", 4))
        self.max_sentences = int(config.get("max_sentences", 8))

    @classmethod
    def validate_config(cls, config: dict[str, Any]) -> None:
        pass

    def _featurize(self, messages: list[Message], encode: Callable[[list[str]], np.ndarray], sentences: bool) -> None:
        todo = [m for m in messages if m.get(TEXT) is not None]
        if not todo:
            return
        texts = [m.get(TEXT) for m in todo]
        pieces = [split_sentences(t, self.min_words, self.max_sentences) if sentences else [] for t in texts]
        # One call for whole messages and their sentences: each message's pieces follow the whole messages.
        extra = [p for ps in pieces if len(ps) > 1 for p in ps]
        vectors = encode(texts + extra)
        offset = len(texts)
        for message, vector, parts in zip(todo, vectors[: len(texts)], pieces):
            self.add_features_to_message(
                sequence=None,
                sentence=vector.reshape(1, -1).astype(np.float32),
                attribute=TEXT,
                message=message,
            )
            if len(parts) > 1:
                message.set(self.SENTENCES, {"texts": parts, "embeddings": vectors[offset : offset + len(parts)]})
                offset += len(parts)

    def _encode(self, texts: list[str]) -> np.ndarray:
        return self.encoder.encode(texts, batch_size=self.batch_size)

    def _encode_training(self, texts: list[str]) -> np.ndarray:
        if self.train_processes <= 1:
            return embed_with_cache(self.model, texts, self._encode)
        return embed_with_cache(self.model, texts, lambda todo: encode_in_processes(self.model, todo, self.train_processes))

    def process(self, messages: list[Message]) -> list[Message]:
        self._featurize(messages, self._encode, self.sentences)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self._featurize(training_data.training_examples, self._encode_training, sentences=False)
        return training_data


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class MiniLMFeaturizer(SentenceEmbeddingFeaturizer):
    """The same featurizer under its earlier name (all-MiniLM-L6-v2 unless `model` says otherwise)."""


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class EmbeddingIntentClassifier(GraphComponent, IntentClassifier):
    """Intent classification with `bot.nlu.intent_model` over the sentence embedding and the text.

    `sentence_combine` (none, max or topk) turns on sentence-level scoring for messages of two or more
    sentences (SentenceEmbeddingFeaturizer with `sentences: true`): each sentence is scored with the same
    model and the sentences' probabilities (max per intent, or the mean of each intent's `top_k` best) are
    mixed with the whole message's, `whole_weight` of it from the whole message.

    `knn_weight` mixes in a vote of the `knn_k` nearest training examples; `knn_keeps` names the intents
    (`crisis`) whose probability the vote never moves (`bot.nlu.intent_model.IntentModelConfig`)."""

    MODEL_FILE = "intent_model.pkl"

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str | None:
        """Rasa reuses a trained component while its config and data are unchanged; the pickled model also
        depends on our code, so a change to it must train the model again rather than load an old pickle."""
        code = b"".join(Path(m.__file__).read_bytes() for m in (intent_model, softmax_regression) if m.__file__)
        return hashlib.sha256(code).hexdigest()

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        defaults, sentences = IntentModelConfig(), SentenceConfig()
        return {
            "c": defaults.c,
            "ngram_weight": defaults.ngram_weight,
            "use_embedding": True,
            "class_weight": None,
            "ranking_length": 10,
            "sentence_combine": sentences.combine,
            "whole_weight": sentences.whole_weight,
            "top_k": sentences.top_k,
            "knn_weight": defaults.knn_weight,
            "knn_k": defaults.knn_k,
            "knn_temperature": defaults.knn_temperature,
            "knn_keeps": list(defaults.knn_keeps),
        }

    @classmethod
    def create(
        cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource, execution_context: ExecutionContext
    ) -> EmbeddingIntentClassifier:
        return cls(config, model_storage, resource)

    def __init__(self, config: dict[str, Any], model_storage: ModelStorage, resource: Resource, model: IntentModel | None = None):
        self.config = {**self.get_default_config(), **config}
        self._storage = model_storage
        self._resource = resource
        self.model = model
        self.sentence_config = SentenceConfig(
            combine=str(self.config["sentence_combine"]),
            whole_weight=float(self.config["whole_weight"]),
            top_k=int(self.config["top_k"]),
        )
        if self.sentence_config.combine not in ("none", "max", "topk"):  # fail at load, not on a message
            raise ValueError(f"sentence_combine must be none, max or topk, not {self.sentence_config.combine!r}")

    @staticmethod
    def _embedding(message: Message) -> np.ndarray:
        _, sentence = message.get_dense_features(TEXT, None)
        if sentence is None:
            raise ValueError("EmbeddingIntentClassifier needs SentenceEmbeddingFeaturizer earlier in the pipeline")
        return sentence.features.reshape(-1)

    def train(self, training_data: TrainingData) -> Resource:
        examples = [e for e in training_data.intent_examples if e.get(TEXT)]
        model = IntentModel(
            IntentModelConfig(
                c=float(self.config["c"]),
                ngram_weight=float(self.config["ngram_weight"]),
                use_embedding=bool(self.config["use_embedding"]),
                class_weight=self.config.get("class_weight"),
                knn_weight=float(self.config["knn_weight"]),
                knn_k=int(self.config["knn_k"]),
                knn_temperature=float(self.config["knn_temperature"]),
                knn_keeps=tuple(str(i) for i in self.config["knn_keeps"]),
            )
        )
        model.fit(
            [e.get(TEXT) for e in examples],
            np.vstack([self._embedding(e) for e in examples]),
            [e.get(INTENT) for e in examples],
        )
        self.model = model
        with self._storage.write_to(self._resource) as directory:
            (Path(directory) / self.MODEL_FILE).write_bytes(pickle.dumps(model))
        return self._resource

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> EmbeddingIntentClassifier:
        # The file was written by our own training step into Rasa's model archive.
        with model_storage.read_from(resource) as directory:
            model = pickle.loads((Path(directory) / cls.MODEL_FILE).read_bytes())
        return cls(config, model_storage, resource, model)

    def _probabilities(self, model: IntentModel, todo: list[Message]) -> np.ndarray:
        whole = model.probabilities([m.get(TEXT) for m in todo], np.vstack([self._embedding(m) for m in todo]))
        if not self.sentence_config.enabled:
            return whole
        rows = []
        for message, row in zip(todo, whole):
            pieces = message.get(SentenceEmbeddingFeaturizer.SENTENCES) or {}
            texts = pieces.get("texts") or []
            sentences = model.probabilities(texts, pieces["embeddings"]) if len(texts) > 1 else None
            rows.append(combine_scores(row, sentences, self.sentence_config))
        return np.vstack(rows)

    def process(self, messages: list[Message]) -> list[Message]:
        model = self.model
        for message in messages:
            if not message.get(TEXT) or model is None:
                # Nothing to classify: no intent, so the fallback classifier asks for words.
                message.set(INTENT, {"name": None, "confidence": 0.0}, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [], add_to_output=True)
        todo = [m for m in messages if m.get(TEXT)]
        if model is None or not todo:
            return messages
        labels = model.labels
        length = int(self.config.get("ranking_length", 10))
        for message, row in zip(todo, self._probabilities(model, todo)):
            ranked = ranking(labels, row)
            message.set(INTENT, {"name": ranked[0][0], "confidence": ranked[0][1]}, add_to_output=True)
            message.set(
                INTENT_RANKING_KEY,
                [{"name": name, "confidence": p} for name, p in ranked[:length]],
                add_to_output=True,
            )
        return messages


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class EmptyInputClassifier(GraphComponent):
    """A message with no words (empty, spaces, emoji only) gets `nlu_fallback`, so the assistant asks
    for words instead of guessing an intent from nothing."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {}

    @classmethod
    def create(
        cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource, execution_context: ExecutionContext
    ) -> EmptyInputClassifier:
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            flags = message.get("input_flags") or {}
            if flags.get("empty") or flags.get("no_letters"):
                # The model's ranking of no words is noise too ("🙂🙂" put crisis at 0.19, and with it the check
                # line): nothing is left for the safety decision to read but the net's reading of the emoji.
                fallback = {"name": "nlu_fallback", "confidence": 1.0}
                message.set(INTENT, fallback, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [fallback], add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class SafetyNetClassifier(GraphComponent):
    """The deterministic crisis net and the safety decision. Listed last so that nothing can undo it.

    The decision itself (`bot.safety.assess.decide`) is a pure function: this component runs the net,
    calls it, and writes the final intent, ranking and `safety` (level, rule, context) into the parse data.
    """

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"check_line_confidence": CHECK_LINE_CONFIDENCE, "ask_when_model_below": ASK_WHEN_MODEL_BELOW}

    @classmethod
    def create(
        cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource, execution_context: ExecutionContext
    ) -> SafetyNetClassifier:
        return cls(float(config["check_line_confidence"]), float(config["ask_when_model_below"]))

    def __init__(
        self, check_line_confidence: float = CHECK_LINE_CONFIDENCE, ask_when_model_below: float = ASK_WHEN_MODEL_BELOW
    ) -> None:
        self.net = load_safety_net()
        self.check_line_confidence = check_line_confidence
        self.ask_when_model_below = ask_when_model_below

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            decision = decide(
                self.net.check(message.get(TEXT) or ""),
                message.get(INTENT),
                message.get(INTENT_RANKING_KEY),
                self.check_line_confidence,
                self.ask_when_model_below,
            )
            message.set("safety", decision.parse_data(), add_to_output=True)
            message.set(INTENT, decision.intent, add_to_output=True)
            message.set(INTENT_RANKING_KEY, decision.ranking, add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data
