"""Training embeddings kept between trainings, so a few new examples are all that get embedded again.

Rasa reuses a featurizer's output only when the whole training data is unchanged: one new example meant
embedding all 8,000 again, about two minutes of a three-minute `make train`. This cache keeps each training
text's vector, keyed by the text, in one file per encoder. The file's name carries the encoder's pinned
model and tokenizer hashes and a hash of `sentence_encoder.py`, so a different encoder, or a change to how
texts are tokenised or pooled, starts a new file rather than reusing old vectors. Vectors are the same as a
fresh encode: the encoder embeds one text at a time (`EncoderSpec.max_batch`), so a text's vector does not
depend on what it was embedded with.

The cache lives in `models/embedding-cache/` (ignored by git) unless MINDBODY_EMBEDDING_CACHE_DIR says
otherwise; an empty value turns it off (and the shipped vectors with it). A file that cannot be read is
reported and replaced, never trusted.

**Shipped vectors.** Embedding all the training texts is most of a fresh clone's first training (about two
of the four minutes `make run` took). `data/embeddings/` holds the vectors of the training texts as of the
last `make embeddings`, with the texts themselves, under the same file name as the cache, so they are used
only by the very encoder and code that made them. A text the local cache lacks is looked up there before it
is embedded. A stale shipped file costs time, never correctness: texts added since are embedded as usual,
and a changed encoder finds no file of its name. Before shipped vectors are used, three of their texts are
embedded here and compared: a machine whose encoder computes other vectors (session 19: an int8 build that
overflowed on CPUs without AVX-512 VNNI) would train on one kind of vector and answer with another, so the
training stops with `ShippedVectorsError` instead. `tests/nlu/test_embedding_cache.py` re-embeds a sample of
the shipped texts and checks their vectors.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from bot.nlu import sentence_encoder
from bot.nlu.sentence_encoder import ENCODERS

logger = logging.getLogger(__name__)

CACHE_ENV = "MINDBODY_EMBEDDING_CACHE_DIR"
ROOT = Path(__file__).resolve().parents[2]
SHIPPED_DIR = ROOT / "data" / "embeddings"
FORMAT = "v2"  # v2 keeps each vector's text and the keys the last training used
# The least cosine between a shipped vector and this machine's for the same text: the same integer
# arithmetic gives the same vector, so anything much below 1 means another computation.
SHIPPED_AGREEMENT = 0.98
SHIPPED_CHECKED = 3


class ShippedVectorsError(RuntimeError):
    """The shipped vectors are not what this machine's encoder computes for the same texts."""


def _cosine(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.dot(a, b) / max(float(np.linalg.norm(a) * np.linalg.norm(b)), 1e-12))


def cache_dir() -> Path | None:
    """Where cache files are kept, or None when the cache is turned off (the variable set but empty)."""
    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        return Path(configured) if configured.strip() else None
    return ROOT / "models" / "embedding-cache"


def cache_file(model: str, directory: Path) -> Path:
    """The file for `model`'s vectors in `directory`; its name changes with the encoder or its code."""
    spec = ENCODERS[model]
    code = hashlib.sha256(Path(sentence_encoder.__file__).read_bytes()).hexdigest()
    return directory / f"{model}-{spec.model_sha256[:12]}-{spec.tokenizer_sha256[:12]}-{code[:12]}-{FORMAT}.npz"


KEY_BYTES = 32  # a sha256 digest of the text


def _key(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8")).digest()


class EmbeddingCache:
    """Vectors keyed by their text's sha256, with the text kept beside each one."""

    def __init__(self, path: Path, dim: int, shipped: Path | None = None):
        self.path = path
        self.dim = dim
        self.shipped = shipped
        self._vectors: dict[bytes, np.ndarray] = {}
        self._texts: dict[bytes, str] = {}
        self.used: list[bytes] = []  # the keys of the last training, in order
        self._changed = False
        if path.is_file():
            self._vectors, self._texts, self.used = self._read(path)
            self._changed = not self._vectors  # an unreadable file is replaced at the next save

    def _read(self, path: Path) -> tuple[dict[bytes, np.ndarray], dict[bytes, str], list[bytes]]:
        try:
            with np.load(path) as stored:
                keys, vectors = stored["keys"], stored["vectors"]
                texts = json.loads(stored["texts"].tobytes().decode("utf-8"))
                used = stored["used"] if "used" in stored.files else np.zeros((0, KEY_BYTES), np.uint8)
            if vectors.ndim != 2 or vectors.shape[1] != self.dim or keys.shape != (len(vectors), KEY_BYTES):
                raise ValueError(f"vectors {vectors.shape} and keys {keys.shape}, expected width {self.dim}")
            if len(texts) != len(keys) or any(_key(t) != k.tobytes() for t, k in zip(texts, keys)):
                raise ValueError("its texts do not match its keys")
        except Exception as exc:  # noqa: BLE001 - any unreadable file is rebuilt, never trusted
            logger.warning("Ignoring the embedding cache %s, which cannot be read (%s); it will be rebuilt", path, exc)
            return {}, {}, []
        found = [k.tobytes() for k in keys]
        return dict(zip(found, vectors)), dict(zip(found, texts)), [k.tobytes() for k in used]

    def __len__(self) -> int:
        return len(self._vectors)

    def _take_shipped(self, wanted: set[bytes], encode: Callable[[list[str]], np.ndarray]) -> int:
        """Copy the vectors of `wanted` keys from the shipped file, if there is one and this machine's
        encoder agrees with it; how many were found."""
        if self.shipped is None or not self.shipped.is_file():
            return 0
        vectors, texts, _ = self._read(self.shipped)
        found = wanted & vectors.keys()
        if not found:
            return 0
        checked = sorted(found)[:SHIPPED_CHECKED]
        fresh = encode([texts[k] for k in checked])
        agreement = min(_cosine(vector, vectors[k]) for vector, k in zip(fresh, checked))
        if agreement < SHIPPED_AGREEMENT:
            raise ShippedVectorsError(
                f"the vectors shipped in {self.shipped} are not what this machine's encoder computes for the same "
                f"texts (cosine {agreement:.2f}, at least {SHIPPED_AGREEMENT} expected). Delete that file and train "
                "again to embed every text here (a few minutes), and please report the machine (`lscpu`)."
            )
        for key in found:
            self._vectors[key], self._texts[key] = np.asarray(vectors[key], dtype=np.float32), texts[key]
        self._changed = True
        return len(found)

    def embed(self, texts: Sequence[str], encode: Callable[[list[str]], np.ndarray]) -> np.ndarray:
        """Vectors for `texts` (shape (len(texts), dim)); only texts found neither here nor in the shipped
        file go to `encode`."""
        keys = [_key(t) for t in texts]
        if self.used != keys:
            self.used, self._changed = keys, True
        wanted = {k for k in keys if k not in self._vectors}
        shipped = self._take_shipped(wanted, encode) if wanted else 0
        missing = list(dict.fromkeys(t for t, k in zip(texts, keys) if k not in self._vectors))
        if missing:
            logger.info(
                "Embedding %d of %d training texts (%d already embedded, %d of them shipped)",
                len(missing),
                len(texts),
                len(texts) - len(missing),
                shipped,
            )
            for text, vector in zip(missing, encode(missing)):
                self._vectors[_key(text)], self._texts[_key(text)] = np.asarray(vector, dtype=np.float32), text
            self._changed = True
        else:
            logger.info("All %d training texts were already embedded (%d of them shipped)", len(texts), shipped)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.vstack([self._vectors[k] for k in keys])

    def save(self) -> None:
        """Write the cache (atomically) if anything changed; a failure to write only costs time next run."""
        if not self._changed:
            return
        try:
            write(self.path, self._vectors, self._texts, self.used, self.dim)
            self._changed = False
        except OSError as exc:
            logger.warning("Could not save the embedding cache to %s (%s)", self.path, exc)

    def ship(self, path: Path) -> int:
        """Write the vectors of the last training's texts to `path` (compressed), the shipped file's
        format; returns how many."""
        keys = list(dict.fromkeys(self.used))
        write(path, {k: self._vectors[k] for k in keys}, self._texts, keys, self.dim, compressed=True)
        return len(keys)


def write(
    path: Path,
    vectors: dict[bytes, np.ndarray],
    texts: dict[bytes, str],
    used: list[bytes],
    dim: int,
    compressed: bool = False,
) -> None:
    """Write vectors, their texts and the used keys to `path` atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp.npz")
    # raw digests as a (n, 32) byte array: numpy's "S32" strings would drop trailing zero bytes
    keys = np.frombuffer(b"".join(vectors), dtype=np.uint8).reshape(-1, KEY_BYTES)
    stacked = np.vstack(list(vectors.values())) if vectors else np.zeros((0, dim), np.float32)
    text_bytes = np.frombuffer(json.dumps([texts[k] for k in vectors], ensure_ascii=False).encode("utf-8"), np.uint8)
    used_keys = np.frombuffer(b"".join(used), dtype=np.uint8).reshape(-1, KEY_BYTES)
    (np.savez_compressed if compressed else np.savez)(temporary, keys=keys, vectors=stacked, texts=text_bytes, used=used_keys)
    os.replace(temporary, path)


def shipped_file(model: str) -> Path:
    return cache_file(model, SHIPPED_DIR)


def embed_with_cache(model: str, texts: Sequence[str], encode: Callable[[list[str]], np.ndarray]) -> np.ndarray:
    """`encode(texts)`, but texts embedded by an earlier training, or shipped, come from the cache (when
    it is on)."""
    directory = cache_dir()
    if directory is None or ENCODERS[model].max_batch != 1:  # batched encoders' vectors depend on the batch
        return encode(list(texts))
    cache = EmbeddingCache(cache_file(model, directory), ENCODERS[model].dim, shipped=shipped_file(model))
    vectors = cache.embed(list(texts), encode)
    cache.save()
    return vectors
