"""The intent model: logistic regression over a sentence embedding and character n-grams.

Chosen over DIET after measuring both on the held-out set (docs/nlu-pipeline-comparison.md): people
rarely use the guide's words, and a pretrained sentence embedding carries meaning across wordings, while
character n-grams catch typos and domain terms. It trains in seconds and is deterministic. No Rasa here.

Long messages: real people often tell a story first and name the concern in one sentence of five. Scored
as a whole, such a message is diluted by the story. `split_sentences` cuts a message into sentences and
`combine_scores` mixes the whole-message probabilities with the sentences' (max-pooled per intent, or the
mean of each intent's top-k sentence probabilities), so one clear sentence can carry the message.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.feature_extraction.text import TfidfVectorizer

from bot.nlu.softmax_regression import SoftmaxRegression


@dataclass
class IntentModelConfig:
    c: float = 10.0
    ngram_weight: float = 0.6  # 0 turns the character n-grams off
    use_embedding: bool = True
    class_weight: str | None = None  # "balanced" evens out intents with many more examples
    min_ngram: int = 2
    max_ngram: int = 4
    max_iter: int = 3000
    # Nearest neighbours: a share `knn_weight` of each probability comes from a vote of the `knn_k` most
    # similar training examples (cosine of the embeddings, weighted by exp(similarity / knn_temperature)).
    # Intents in `knn_keeps` keep the regression's probability, and a message whose likeliest intent is one
    # of them is left as it is, so what the safety decision reads of `crisis` never moves.
    knn_weight: float = 0.0
    knn_k: int = 10
    knn_temperature: float = 0.05
    knn_keeps: tuple[str, ...] = ()


class IntentModel:
    def __init__(self, config: IntentModelConfig | None = None):
        self.config = config = config or IntentModelConfig()
        self.vectorizer = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(config.min_ngram, config.max_ngram), sublinear_tf=True, min_df=2
        )
        self.classifier = SoftmaxRegression(c=config.c, max_iter=config.max_iter, class_weight=config.class_weight)

    def _features(self, texts: Sequence[str], embeddings: np.ndarray, fit: bool = False) -> tuple[np.ndarray, csr_matrix | None]:
        """The dense block (the embedding, or no columns) and the sparse block (weighted n-grams, or None);
        with `fit`, the n-gram vocabulary is learnt from these texts in the same pass."""
        embeddings = np.asarray(embeddings, dtype=np.float64)
        dense = embeddings if self.config.use_embedding else np.zeros((len(texts), 0))
        if self.config.ngram_weight <= 0:
            return dense, None
        lowered = [t.lower() for t in texts]
        counts = self.vectorizer.fit_transform(lowered) if fit else self.vectorizer.transform(lowered)
        return dense, counts * self.config.ngram_weight

    def fit(self, texts: Sequence[str], embeddings: np.ndarray, labels: Sequence[str]) -> IntentModel:
        self.classifier.fit(*self._features(texts, embeddings, fit=True), list(labels))
        if self.config.knn_weight > 0:
            index = {label: i for i, label in enumerate(self.labels)}
            self._neighbours = np.asarray(embeddings, dtype=np.float32)
            self._neighbour_labels = np.array([index[str(label)] for label in labels])
        return self

    @property
    def labels(self) -> list[str]:
        return [str(label) for label in self.classifier.classes_]

    def probabilities(self, texts: Sequence[str], embeddings: np.ndarray) -> np.ndarray:
        """Shape (len(texts), len(self.labels)); each row sums to 1."""
        if not len(texts):
            return np.zeros((0, len(self.labels)))
        probabilities = self.classifier.predict_proba(*self._features(texts, embeddings))
        if self.config.knn_weight > 0:
            probabilities = self._with_neighbours(probabilities, np.asarray(embeddings, dtype=np.float32))
        return probabilities

    def neighbour_votes(self, embeddings: np.ndarray) -> np.ndarray:
        """Shape (len(embeddings), len(self.labels)): the nearest training examples' vote, rows sum to 1."""
        # einsum, not `@`: a BLAS product wakes OpenBLAS's threads while onnxruntime's are still spinning from
        # the sentence encoder, and on two cores that raised the parse p95 from 65 to 91-109 ms (real text,
        # 120 passages); einsum's own loop takes about 1 ms a message and waits for no one.
        similarity = np.einsum("kd,nd->kn", embeddings, self._neighbours)
        k = min(self.config.knn_k, similarity.shape[1])
        nearest = np.argpartition(-similarity, k - 1, axis=1)[:, :k]
        votes = np.zeros((len(embeddings), len(self.labels)))
        for row, columns in enumerate(nearest):
            near = similarity[row, columns]
            weights = np.exp((near - near.max()) / self.config.knn_temperature)
            np.add.at(votes[row], self._neighbour_labels[columns], weights)
        return votes / votes.sum(axis=1, keepdims=True)

    def _with_neighbours(self, probabilities: np.ndarray, embeddings: np.ndarray) -> np.ndarray:
        w = self.config.knn_weight
        mixed = (1 - w) * probabilities + w * self.neighbour_votes(embeddings)
        kept = [i for i, label in enumerate(self.labels) if label in self.config.knn_keeps]
        if kept:
            others = np.ones(len(self.labels), dtype=bool)
            others[kept] = False
            for row in range(len(mixed)):
                if int(np.argmax(probabilities[row])) in kept:
                    mixed[row] = probabilities[row]
                    continue
                mass = 1.0 - probabilities[row, kept].sum()
                mixed[row, others] *= mass / max(float(mixed[row, others].sum()), 1e-12)
                mixed[row, kept] = probabilities[row, kept]
        return mixed

    def rank(self, texts: Sequence[str], embeddings: np.ndarray) -> list[list[tuple[str, float]]]:
        """For each text, (intent, probability) pairs, most likely first."""
        return [ranking(self.labels, row) for row in self.probabilities(texts, embeddings)]


def ranking(labels: Sequence[str], probabilities: np.ndarray) -> list[tuple[str, float]]:
    """(intent, probability) pairs, most likely first (ties keep the labels' order)."""
    return [(str(labels[i]), float(probabilities[i])) for i in np.argsort(-probabilities, kind="stable")]


# --- Sentences --------------------------------------------------------------------------------------------

# Words whose full stop does not end a sentence ("Dr. Patel", "e.g. a physio").
_ABBREVIATIONS = {
    "dr",
    "mr",
    "mrs",
    "ms",
    "prof",
    "st",
    "e.g",
    "i.e",
    "etc",
    "vs",
    "approx",
    "tel",
    "dept",
    "cf",
}
_BREAK = re.compile(r"([.!?…]+[\"'”’)\]]*)\s+|\s*\n+\s*|\s+(?:-{1,2}|–|—)\s+(?=[A-Z])")


@dataclass
class SentenceConfig:
    combine: str = "none"  # "none" (whole message only), "max" or "topk"
    whole_weight: float = 0.5  # share of the whole-message probabilities in the mix
    top_k: int = 2  # for "topk": each intent's score is the mean of its k best sentences
    min_words: int = 4  # shorter pieces are joined to their neighbour
    max_sentences: int = 8  # more are merged into this many chunks (bounds the latency)

    @property
    def enabled(self) -> bool:
        return self.combine != "none"


def _ends_with_abbreviation(piece: str) -> bool:
    last = piece.rstrip().split()[-1] if piece.strip() else ""
    return last.rstrip(".").lower() in _ABBREVIATIONS and last.endswith(".")


def split_sentences(text: str, min_words: int = 4, max_sentences: int = 8) -> list[str]:
    """The message cut into sentences: at . ! ? … followed by a space, at line breaks, and at a spaced
    dash before a capital. Pieces under `min_words` words are joined to their neighbour; more than
    `max_sentences` pieces are merged into that many chunks of neighbouring sentences. Always at least one
    piece for non-empty text; the pieces, joined with spaces, give back the words of the text."""
    text = (text or "").strip()
    if not text:
        return []
    raw: list[str] = []
    start = 0
    for match in _BREAK.finditer(text):
        end = match.start() + len(match.group(1) or "")
        piece = text[start:end].strip()
        start = match.end()
        if not piece:
            continue
        if raw and _ends_with_abbreviation(raw[-1]):
            raw[-1] = f"{raw[-1]} {piece}"
        else:
            raw.append(piece)
    tail = text[start:].strip()
    if tail:
        if raw and _ends_with_abbreviation(raw[-1]):
            raw[-1] = f"{raw[-1]} {tail}"
        else:
            raw.append(tail)
    raw = [" ".join(p.split()) for p in raw if p.strip()]
    pieces: list[str] = []
    for piece in raw:
        if pieces and (len(pieces[-1].split()) < min_words or len(piece.split()) < min_words):
            pieces[-1] = f"{pieces[-1]} {piece}"
        else:
            pieces.append(piece)
    if len(pieces) > 1 and len(pieces[-1].split()) < min_words:
        last = pieces.pop()
        pieces[-1] = f"{pieces[-1]} {last}"
    if len(pieces) > max_sentences:
        size = int(np.ceil(len(pieces) / max_sentences))
        pieces = [" ".join(pieces[i : i + size]) for i in range(0, len(pieces), size)]
    return pieces


def combine_scores(whole: np.ndarray, sentences: np.ndarray | None, config: SentenceConfig) -> np.ndarray:
    """Mix one message's whole-message probabilities (n_intents,) with its sentences' (n_sentences,
    n_intents). With fewer than two sentences, or `combine: none`, the whole-message row is returned."""
    whole = np.asarray(whole, dtype=float)
    if not config.enabled or sentences is None or len(sentences) < 2:
        return whole
    sentences = np.asarray(sentences, dtype=float)
    if config.combine == "max":
        pooled = sentences.max(axis=0)
    elif config.combine == "topk":
        k = max(1, min(config.top_k, len(sentences)))
        pooled = np.sort(sentences, axis=0)[-k:].mean(axis=0)
    else:
        raise ValueError(f"unknown sentence combination {config.combine!r}: use none, max or topk")
    pooled = pooled / max(float(pooled.sum()), 1e-12)
    mixed = config.whole_weight * whole + (1.0 - config.whole_weight) * pooled
    return mixed / max(float(mixed.sum()), 1e-12)
