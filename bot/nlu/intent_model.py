"""The intent model: logistic regression over a sentence embedding and character n-grams.

Chosen over DIET after measuring both on the held-out set (docs/nlu-pipeline-comparison.md): people
rarely use the guide's words, and a pretrained sentence embedding carries meaning across wordings, while
character n-grams catch typos and domain terms. It trains in seconds and is deterministic. No Rasa here.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression


@dataclass
class IntentModelConfig:
    c: float = 10.0
    ngram_weight: float = 0.6  # 0 turns the character n-grams off
    use_embedding: bool = True
    class_weight: Optional[str] = None  # "balanced" evens out intents with many more examples
    min_ngram: int = 2
    max_ngram: int = 4
    max_iter: int = 3000


class IntentModel:
    def __init__(self, config: IntentModelConfig = IntentModelConfig()):
        self.config = config
        self.vectorizer = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(config.min_ngram, config.max_ngram), sublinear_tf=True, min_df=2
        )
        self.classifier = LogisticRegression(C=config.c, max_iter=config.max_iter, class_weight=config.class_weight)

    def _features(self, texts: Sequence[str], embeddings: np.ndarray):
        parts = [csr_matrix(embeddings)] if self.config.use_embedding else []
        if self.config.ngram_weight > 0:
            parts.append(self.vectorizer.transform([t.lower() for t in texts]) * self.config.ngram_weight)
        return hstack(parts).tocsr()

    def fit(self, texts: Sequence[str], embeddings: np.ndarray, labels: Sequence[str]) -> "IntentModel":
        self.vectorizer.fit([t.lower() for t in texts])
        self.classifier.fit(self._features(texts, embeddings), list(labels))
        return self

    def rank(self, texts: Sequence[str], embeddings: np.ndarray) -> List[List[Tuple[str, float]]]:
        """For each text, (intent, probability) pairs, most likely first."""
        probabilities = self.classifier.predict_proba(self._features(texts, embeddings))
        labels = self.classifier.classes_
        return [
            [(str(labels[i]), float(row[i])) for i in np.argsort(-row)] for row in probabilities
        ]
