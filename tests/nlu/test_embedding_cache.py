"""The training embedding cache: only new texts are embedded, vectors come back in order, a broken file is
rebuilt rather than trusted, and the shipped vectors (data/embeddings/) are used and are right. A stand-in
encoder counts what it is asked to embed; the last tests check the real shipped file with the real encoder."""

import json

import numpy as np
import pytest

from bot.nlu import embedding_cache
from bot.nlu.embedding_cache import (
    EmbeddingCache,
    ShippedVectorsError,
    cache_dir,
    cache_file,
    embed_with_cache,
    shipped_file,
)
from bot.nlu.sentence_encoder import MINILM, MPNET, SentenceEncoder
from devtools.ship_embeddings import configured_encoder

DIM = 768
REAL_SHIPPED_DIR = embedding_cache.SHIPPED_DIR


@pytest.fixture(autouse=True)
def no_shipped_vectors(tmp_path, monkeypatch):
    """The stand-in encoder's tests start with no shipped file; the real one is checked at the end."""
    monkeypatch.setattr(embedding_cache, "SHIPPED_DIR", tmp_path / "no-shipped-vectors")


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


def test_a_cache_of_the_wrong_width_or_an_older_format_is_rebuilt(tmp_path):
    path = tmp_path / "cache.npz"
    np.savez(path, keys=np.zeros((1, 32), np.uint8), vectors=np.zeros((1, 384), np.float32))
    assert len(EmbeddingCache(path, DIM)) == 0


def test_a_file_whose_texts_do_not_match_its_keys_is_not_trusted(tmp_path, caplog):
    path = tmp_path / "cache.npz"
    cache = EmbeddingCache(path, DIM)
    cache.embed(["neck pain", "low mood"], CountingEncoder())
    cache.save()
    with np.load(path) as stored:
        parts = dict(stored)
    parts["texts"] = np.frombuffer(json.dumps(["low mood", "neck pain"]).encode(), np.uint8)
    np.savez(path, **parts)
    assert len(EmbeddingCache(path, DIM)) == 0 and "do not match" in caplog.text


def test_shipped_vectors_are_used_before_embedding_and_kept_in_the_local_cache(tmp_path):
    maker = EmbeddingCache(tmp_path / "maker.npz", DIM)
    made = maker.embed(["back pain", "low mood"], CountingEncoder())
    assert maker.ship(shipped_file(MPNET)) == 2
    encoder = CountingEncoder()
    vectors = embed_with_cache(MPNET, ["low mood", "a new example", "back pain"], encoder)
    # Two shipped texts are embedded once to check that this machine's encoder agrees with the shipped file.
    assert sorted(encoder.asked[:2]) == ["back pain", "low mood"] and encoder.asked[2:] == ["a new example"]
    assert np.array_equal(vectors[0], made[1]) and np.array_equal(vectors[2], made[0])
    shipped_file(MPNET).unlink()
    encoder.asked.clear()
    embed_with_cache(MPNET, ["back pain", "a new example"], encoder)
    assert encoder.asked == [], "the local cache kept what it took from the shipped file"


class OtherEncoder(CountingEncoder):
    """Another computation of the same texts, as an encoder that is wrong on this CPU would give."""

    def __call__(self, texts):
        return np.roll(super().__call__(texts), 5, axis=1)


def test_shipped_vectors_this_machine_would_not_compute_stop_the_training(tmp_path):
    maker = EmbeddingCache(tmp_path / "maker.npz", DIM)
    maker.embed(["back pain", "low mood"], CountingEncoder())
    maker.ship(shipped_file(MPNET))
    with pytest.raises(ShippedVectorsError, match="Delete that file and train again"):
        embed_with_cache(MPNET, ["low mood", "back pain"], OtherEncoder())
    assert not cache_file(MPNET, cache_dir()).exists(), "nothing was cached from the refused file"


def test_shipping_writes_only_the_last_trainings_texts(tmp_path):
    cache = EmbeddingCache(tmp_path / "cache.npz", DIM)
    cache.embed(["old example", "kept example"], CountingEncoder())
    cache.embed(["kept example", "new example", "kept example"], CountingEncoder())
    cache.save()
    reread = EmbeddingCache(tmp_path / "cache.npz", DIM)
    assert len(reread) == 3
    reread.ship(tmp_path / "shipped.npz")
    shipped = EmbeddingCache(tmp_path / "shipped.npz", DIM)
    assert len(shipped) == 2 and shipped.used == reread.used[:2]


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


# --- the shipped file in data/embeddings/, checked with the real encoder --------------------------------


def test_the_shipped_vectors_belong_to_the_configured_encoder_and_todays_code():
    """Fails after a change to sentence_encoder.py or the encoder: run `make embeddings` and commit."""
    model = configured_encoder()
    shipped = cache_file(model, REAL_SHIPPED_DIR)
    assert shipped.is_file(), f"no shipped vectors for {model} and today's encoder code: run make embeddings"
    assert len(EmbeddingCache(shipped, 768)) > 5000


def test_shipped_vectors_are_what_the_encoder_gives_today():
    model = configured_encoder()
    with np.load(cache_file(model, REAL_SHIPPED_DIR)) as stored:
        texts = json.loads(stored["texts"].tobytes().decode("utf-8"))
        vectors = stored["vectors"]
    picks = np.random.default_rng(0).choice(len(texts), size=4, replace=False)
    encoder = SentenceEncoder(model=model)
    fresh = np.vstack([encoder.encode([texts[i]]) for i in picks])
    cosines = np.sum(fresh * vectors[picks], axis=1)
    assert cosines.min() > 0.995, cosines
