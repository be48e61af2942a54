"""Training embeddings kept between trainings, so a few new examples are all that get embedded again.

Rasa reuses a featurizer's output only when the whole training data is unchanged: one new example meant
embedding all 8,000 again, about two minutes of a three-minute `make train`. This cache keeps each training
text's vector, keyed by the text, in one file per encoder. The file's name carries the encoder's pinned
model and tokenizer hashes and a hash of `sentence_encoder.py`, so a different encoder, or a change to how
texts are tokenised or pooled, starts a new file rather than reusing old vectors. Vectors are the same as a
fresh encode: the encoder embeds one text at a time (`EncoderSpec.max_batch`), so a text's vector does not
depend on what it was embedded with.

The cache lives in `models/embedding-cache/` (ignored by git) unless MINDBODY_EMBEDDING_CACHE_DIR says
otherwise; an empty value turns it off. A fresh clone has no cache, so its first training is unchanged. A
file that cannot be read is reported and replaced, never trusted.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from bot.nlu import sentence_encoder
from bot.nlu.sentence_encoder import ENCODERS

logger = logging.getLogger(__name__)

CACHE_ENV = "MINDBODY_EMBEDDING_CACHE_DIR"


def cache_dir() -> Path | None:
    """Where cache files are kept, or None when the cache is turned off (the variable set but empty)."""
    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        return Path(configured) if configured.strip() else None
    return Path(__file__).resolve().parents[2] / "models" / "embedding-cache"


def cache_file(model: str, directory: Path) -> Path:
    spec = ENCODERS[model]
    code = hashlib.sha256(Path(sentence_encoder.__file__).read_bytes()).hexdigest()
    return directory / f"{model}-{spec.model_sha256[:12]}-{spec.tokenizer_sha256[:12]}-{code[:12]}.npz"


KEY_BYTES = 32  # a sha256 digest of the text


def _key(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8")).digest()


class EmbeddingCache:
    def __init__(self, path: Path, dim: int):
        self.path = path
        self.dim = dim
        self._vectors: dict[bytes, np.ndarray] = {}
        self._changed = False
        if path.is_file():
            self._read()

    def _read(self) -> None:
        try:
            with np.load(self.path) as stored:
                keys, vectors = stored["keys"], stored["vectors"]
            if vectors.ndim != 2 or vectors.shape[1] != self.dim or keys.shape != (len(vectors), KEY_BYTES):
                raise ValueError(f"vectors {vectors.shape} and keys {keys.shape}, expected width {self.dim}")
        except Exception as exc:  # noqa: BLE001 - any unreadable file is rebuilt, never trusted
            logger.warning("Ignoring the embedding cache %s, which cannot be read (%s); it will be rebuilt", self.path, exc)
            self._changed = True
            return
        self._vectors = {k.tobytes(): v for k, v in zip(keys, vectors)}

    def __len__(self) -> int:
        return len(self._vectors)

    def embed(self, texts: Sequence[str], encode: Callable[[list[str]], np.ndarray]) -> np.ndarray:
        """Vectors for `texts` (shape (len(texts), dim)); only texts not yet cached go to `encode`."""
        keys = [_key(t) for t in texts]
        missing = list(dict.fromkeys(t for t, k in zip(texts, keys) if k not in self._vectors))
        if missing:
            logger.info(
                "Embedding %d of %d training texts (%d already embedded)", len(missing), len(texts), len(texts) - len(missing)
            )
            for text, vector in zip(missing, encode(missing)):
                self._vectors[_key(text)] = np.asarray(vector, dtype=np.float32)
            self._changed = True
        else:
            logger.info("All %d training texts were already embedded", len(texts))
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.vstack([self._vectors[k] for k in keys])

    def save(self) -> None:
        """Write the cache (atomically) if anything changed; a failure to write only costs time next run."""
        if not self._changed:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_suffix(".tmp.npz")
            # raw digests as a (n, 32) byte array: numpy's "S32" strings would drop trailing zero bytes
            keys = np.frombuffer(b"".join(self._vectors), dtype=np.uint8).reshape(-1, KEY_BYTES)
            vectors = np.vstack(list(self._vectors.values())) if self._vectors else np.zeros((0, self.dim), np.float32)
            np.savez(temporary, keys=keys, vectors=vectors)
            os.replace(temporary, self.path)
            self._changed = False
        except OSError as exc:
            logger.warning("Could not save the embedding cache to %s (%s)", self.path, exc)


def embed_with_cache(model: str, texts: Sequence[str], encode: Callable[[list[str]], np.ndarray]) -> np.ndarray:
    """`encode(texts)`, but texts embedded by an earlier training come from the cache (when it is on)."""
    directory = cache_dir()
    if directory is None or ENCODERS[model].max_batch != 1:  # batched encoders' vectors depend on the batch
        return encode(list(texts))
    cache = EmbeddingCache(cache_file(model, directory), ENCODERS[model].dim)
    vectors = cache.embed(list(texts), encode)
    cache.save()
    return vectors
