"""The training embedding cache: only new texts are embedded, vectors come back in order, and a broken
file is rebuilt rather than trusted. A stand-in encoder counts what it is asked to embed."""

import numpy as np
import pytest

from bot.nlu import embedding_cache
from bot.nlu.embedding_cache import EmbeddingCache, cache_dir, cache_file, embed_with_cache
from bot.nlu.sentence_encoder import MINILM, MPNET

DIM = 768


class CountingEncoder:
    def __init__(self):
        self.asked: list[str] = []

    def __call__(self, texts):
        self.asked += texts
        return np.array([[float(len(t)), float(sum(map(ord, t)))] + [0.0] * (DIM - 2) for t in texts], dtype=np.float32)


def test_only_new_texts_are_embedded_and_vectors_keep_the_callers_order(tmp_path):
    encoder = CountingEncoder()
    first = embed_with_cache(MPNET, ["back pain", "low mood", "back pain"], encoder)
    assert encoder.asked == ["back pain", "low mood"]
    assert np.array_equal(first[0], first[2]) and first[1][0] == len("low mood")
    encoder.asked.clear()
    second = embed_with_cache(MPNET, ["low mood", "where can I get help", "back pain"], encoder)
    assert encoder.asked == ["where can I get help"]
    assert np.array_equal(second[0], first[1]) and np.array_equal(second[2], first[0])


def test_every_text_is_found_again_after_saving_even_when_its_key_ends_in_zero_bytes(tmp_path):
    """Keys stored as numpy "S32" strings lost trailing zero bytes: about one text in 256 was never found."""
    import hashlib

    texts = [f"text {i}" for i in range(3000)]
    assert any(hashlib.sha256(t.encode()).digest().endswith(b"\0") for t in texts)
    encoder = CountingEncoder()
    embed_with_cache(MPNET, texts, encoder)
    encoder.asked.clear()
    embed_with_cache(MPNET, texts, encoder)
    assert encoder.asked == []


def test_a_different_encoder_or_changed_encoder_code_uses_another_file(tmp_path, monkeypatch):
    directory = tmp_path / "cache"
    assert cache_file(MPNET, directory) != cache_file(MINILM, directory)
    before = cache_file(MPNET, directory)
    changed = tmp_path / "sentence_encoder.py"
    changed.write_text("# a change to tokenising or pooling\n")
    monkeypatch.setattr(embedding_cache.sentence_encoder, "__file__", str(changed))
    assert cache_file(MPNET, directory) != before


def test_a_broken_cache_file_is_rebuilt_not_trusted(tmp_path, caplog):
    path = tmp_path / "cache.npz"
    path.write_bytes(b"not a numpy file")
    cache = EmbeddingCache(path, DIM)
    assert len(cache) == 0 and "cannot be read" in caplog.text
    encoder = CountingEncoder()
    cache.embed(["neck pain"], encoder)
    cache.save()
    assert len(EmbeddingCache(path, DIM)) == 1


def test_a_cache_of_the_wrong_width_is_rebuilt(tmp_path):
    path = tmp_path / "cache.npz"
    np.savez(path, keys=np.zeros((1, 32), np.uint8), vectors=np.zeros((1, 384), np.float32))
    assert len(EmbeddingCache(path, DIM)) == 0


def test_the_cache_can_be_turned_off_and_batched_encoders_never_use_it(monkeypatch, tmp_path):
    monkeypatch.setenv("MINDBODY_EMBEDDING_CACHE_DIR", "")
    assert cache_dir() is None
    encoder = CountingEncoder()
    embed_with_cache(MPNET, ["a"], encoder)
    embed_with_cache(MPNET, ["a"], encoder)
    assert encoder.asked == ["a", "a"]
    monkeypatch.setenv("MINDBODY_EMBEDDING_CACHE_DIR", str(tmp_path))
    embed_with_cache(MINILM, ["b"], lambda texts: np.zeros((len(texts), 384), np.float32))
    assert not list(tmp_path.iterdir()), "MiniLM embeds in batches, so its vectors are not cached"


@pytest.mark.parametrize("texts", [[], ["only one"]])
def test_empty_and_single_inputs(texts):
    assert embed_with_cache(MPNET, texts, CountingEncoder()).shape == (len(texts), DIM)
