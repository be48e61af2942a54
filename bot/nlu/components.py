"""Custom Rasa NLU components. Each is thin: the logic lives in `bot.safety`, `bot.nlu.entity_rules` and
`bot.nlu.sentence_encoder`, which are tested without Rasa.

Pipeline order (config.yml): InputGuard first (cleans the text everything else sees), then tokeniser and
featurisers, the classifier, and SafetyNetClassifier last so that nothing after it can undo a crisis.
"""
from __future__ import annotations

import pickle
import unicodedata
from pathlib import Path
from typing import Any, Dict, List, Optional, Text

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

from bot.nlu.entity_rules import load_entity_rules
from bot.nlu.intent_model import IntentModel, IntentModelConfig
from bot.nlu.sentence_encoder import EMBEDDING_DIM, SentenceEncoder
from bot.safety.assess import decide
from bot.safety.net import load_safety_net

MAX_CHARS = 2000


def clean_text(text: Optional[str], max_chars: int = MAX_CHARS) -> Dict[str, Any]:
    """Normalise a raw message: Unicode NFC, control characters dropped, length capped.

    Returns the cleaned text and flags the dialogue can use for a helpful reply.
    """
    raw = text if isinstance(text, str) else ""
    cleaned = "".join(
        ch if unicodedata.category(ch)[0] != "C" or ch in "\n\t" else " "
        for ch in unicodedata.normalize("NFC", raw)
    )
    cleaned = " ".join(cleaned.split())
    truncated = len(cleaned) > max_chars
    cleaned = cleaned[:max_chars]
    has_letters = any(ch.isalpha() for ch in cleaned)
    return {"text": cleaned, "truncated": truncated, "empty": not cleaned, "no_letters": bool(cleaned) and not has_letters}


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class InputGuard(GraphComponent):
    """Cleans every message before anything else reads it, and records what it changed."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"max_chars": MAX_CHARS}

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "InputGuard":
        return cls(config)

    def __init__(self, config: Dict[Text, Any]):
        self.max_chars = int(config.get("max_chars", MAX_CHARS))

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            result = clean_text(message.get(TEXT), self.max_chars)
            message.set(TEXT, result.pop("text"))
            message.set("input_flags", result, add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class RuleEntityExtractor(GraphComponent, EntityExtractorMixin):
    """Roles, conditions and places found by a spaCy EntityRuler built from `data/nlu/entity_rules.yml`."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {}

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "RuleEntityExtractor":
        return cls()

    def __init__(self) -> None:
        self.rules = load_entity_rules()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            found = [
                {**entity, "extractor": self.__class__.__name__}
                for entity in self.rules.extract(message.get(TEXT) or "")
            ]
            message.set(ENTITIES, message.get(ENTITIES, []) + found, add_to_output=True)
        return messages


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class MiniLMFeaturizer(DenseFeaturizer, GraphComponent):
    """Adds an all-MiniLM-L6-v2 sentence embedding (384 floats) as a dense sentence feature."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {**DenseFeaturizer.get_default_config(), "batch_size": 64, "threads": 1}

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "MiniLMFeaturizer":
        return cls(config, execution_context.node_name)

    def __init__(self, config: Dict[Text, Any], name: Text):
        super().__init__(name, config)
        self.encoder = SentenceEncoder(threads=int(config.get("threads", 1)))
        self.batch_size = int(config.get("batch_size", 64))

    @classmethod
    def validate_config(cls, config: Dict[Text, Any]) -> None:
        pass

    def _featurize(self, messages: List[Message]) -> None:
        todo = [m for m in messages if m.get(TEXT) is not None]
        if not todo:
            return
        vectors = self.encoder.encode([m.get(TEXT) for m in todo], batch_size=self.batch_size)
        for message, vector in zip(todo, vectors):
            self.add_features_to_message(
                sequence=None, sentence=vector.reshape(1, EMBEDDING_DIM).astype(np.float32),
                attribute=TEXT, message=message,
            )

    def process(self, messages: List[Message]) -> List[Message]:
        self._featurize(messages)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self._featurize(training_data.training_examples)
        return training_data


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class EmbeddingIntentClassifier(GraphComponent, IntentClassifier):
    """Intent classification with `bot.nlu.intent_model` over the MiniLM sentence feature and the text."""

    MODEL_FILE = "intent_model.pkl"

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        defaults = IntentModelConfig()
        return {"c": defaults.c, "ngram_weight": defaults.ngram_weight, "use_embedding": True, "class_weight": None,
                "ranking_length": 10}

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "EmbeddingIntentClassifier":
        return cls(config, model_storage, resource)

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
                 model: Optional[IntentModel] = None):
        self.config = config
        self._storage = model_storage
        self._resource = resource
        self.model = model

    @staticmethod
    def _embedding(message: Message) -> np.ndarray:
        _, sentence = message.get_dense_features(TEXT, None)
        if sentence is None:
            raise ValueError("EmbeddingIntentClassifier needs MiniLMFeaturizer earlier in the pipeline")
        return sentence.features.reshape(-1)[:EMBEDDING_DIM]

    def train(self, training_data: TrainingData) -> Resource:
        examples = [e for e in training_data.intent_examples if e.get(TEXT)]
        model = IntentModel(IntentModelConfig(
            c=float(self.config["c"]),
            ngram_weight=float(self.config["ngram_weight"]),
            use_embedding=bool(self.config["use_embedding"]),
            class_weight=self.config.get("class_weight"),
        ))
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
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "EmbeddingIntentClassifier":
        # The file was written by our own training step into Rasa's model archive.
        with model_storage.read_from(resource) as directory:
            model = pickle.loads((Path(directory) / cls.MODEL_FILE).read_bytes())
        return cls(config, model_storage, resource, model)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            if not message.get(TEXT) or self.model is None:
                # Nothing to classify: no intent, so the fallback classifier asks for words.
                message.set(INTENT, {"name": None, "confidence": 0.0}, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [], add_to_output=True)
        todo = [m for m in messages if m.get(TEXT)] if self.model is not None else []
        if not todo:
            return messages
        rankings = self.model.rank([m.get(TEXT) for m in todo], np.vstack([self._embedding(m) for m in todo]))
        length = int(self.config.get("ranking_length", 10))
        for message, ranking in zip(todo, rankings):
            message.set(INTENT, {"name": ranking[0][0], "confidence": ranking[0][1]}, add_to_output=True)
            message.set(
                INTENT_RANKING_KEY,
                [{"name": name, "confidence": p} for name, p in ranking[:length]],
                add_to_output=True,
            )
        return messages


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class EmptyInputClassifier(GraphComponent):
    """A message with no words (empty, spaces, emoji only) gets `nlu_fallback`, so the assistant asks
    for words instead of guessing an intent from nothing."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {}

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "EmptyInputClassifier":
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            flags = message.get("input_flags") or {}
            if flags.get("empty") or flags.get("no_letters"):
                message.set(INTENT, {"name": "nlu_fallback", "confidence": 1.0}, add_to_output=True)
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
    def get_default_config() -> Dict[Text, Any]:
        return {}

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "SafetyNetClassifier":
        return cls()

    def __init__(self) -> None:
        self.net = load_safety_net()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            decision = decide(self.net.check(message.get(TEXT) or ""), message.get(INTENT),
                              message.get(INTENT_RANKING_KEY))
            message.set("safety", decision.parse_data(), add_to_output=True)
            message.set(INTENT, decision.intent, add_to_output=True)
            message.set(INTENT_RANKING_KEY, decision.ranking, add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data
