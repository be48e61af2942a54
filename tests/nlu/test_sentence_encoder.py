"""The int8 ONNX encoders (MiniLM, MPNet) agree with their original float32 models, and the pinned files
are enforced."""

import numpy as np
import pytest
from tokenizers import Tokenizer

from bot.nlu.sentence_encoder import (
    EMBEDDING_DIM,
    MPNET,
    EncoderCheckError,
    ModelFileError,
    SentenceEncoder,
    _JoinedFile,
    _read_mpnet_zip,
    default_model_path,
    default_tokenizer_path,
    encode_in_processes,
    mpnet_files,
    mpnet_part_paths,
)
from tests.nlu.reference_minilm import embed, load_safetensors

SENTENCES = [
    "We have nowhere to send patients who are struggling with their mood.",
    "My physio never asks how I'm coping.",
    "The commissioners want evidence before they fund anything.",
    "What's the weather like in Leeds?",
]


@pytest.fixture(scope="module")
def encoder():
    return SentenceEncoder()


def test_shape_and_norm(encoder):
    vectors = encoder.encode(SENTENCES + ["", "😀"])
    assert vectors.shape == (6, EMBEDDING_DIM)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert encoder.encode([]).shape == (0, EMBEDDING_DIM)


def test_matches_the_float32_reference_model(encoder):
    weights = load_safetensors(default_tokenizer_path().parent / "model.safetensors")
    tokenizer = Tokenizer.from_file(str(default_tokenizer_path()))
    ours = encoder.encode(SENTENCES)
    for sentence, vector in zip(SENTENCES, ours):
        encoding = tokenizer.encode(sentence)
        ids = [i for i, m in zip(encoding.ids, encoding.attention_mask) if m]
        reference = embed(weights, np.array(ids))
        assert float(vector @ reference) > 0.97, sentence


def test_known_similarities_of_the_published_model(encoder):
    # The model card's classic pair is about 0.75 similar; unrelated sentences are near 0.
    eat, bread, baby = encoder.encode(
        ["A man is eating food.", "A man is eating a piece of bread.", "The girl is carrying a baby."]
    )
    assert 0.70 < eat @ bread < 0.80
    assert abs(eat @ baby) < 0.2


def test_batches_give_the_same_vectors(encoder):
    together = encoder.encode(SENTENCES, batch_size=4)
    apart = np.vstack([encoder.encode([s]) for s in SENTENCES])
    assert np.allclose(together, apart, atol=1e-3)


def test_long_text_is_truncated_not_refused(encoder):
    assert encoder.encode(["back pain " * 2000]).shape == (1, EMBEDDING_DIM)


def test_a_changed_model_file_is_refused(tmp_path):
    fake = tmp_path / "model.onnx"
    fake.write_bytes(default_model_path().read_bytes()[:-10] + b"0123456789")
    with pytest.raises(ModelFileError, match="refusing to use it"):
        SentenceEncoder(model_path=fake)


def test_a_missing_tokenizer_says_how_to_fix_it(tmp_path):
    with pytest.raises(ModelFileError, match="make install"):
        SentenceEncoder(tokenizer_path=tmp_path / "nope.json")


# --- all-mpnet-base-v2: built from the registry's split zip into an int8 ONNX file ------------------------


@pytest.fixture(scope="module")
def mpnet():
    return SentenceEncoder(model=MPNET)  # builds models/encoders/ on first use (about 15 s)


def test_mpnet_shape_norm_and_batches(mpnet):
    vectors = mpnet.encode(SENTENCES + ["", "😀"])
    assert vectors.shape == (6, 768) and mpnet.dim == 768
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    apart = np.vstack([mpnet.encode([s]) for s in SENTENCES])
    assert np.allclose(vectors[:4], apart, atol=1e-3)
    assert mpnet.encode(["back pain " * 2000]).shape == (1, 768)


def test_training_texts_embedded_in_two_processes_get_the_same_vectors(mpnet):
    texts = [f"{s} ({n})" for n in range(3) for s in SENTENCES] + ["", "ok"]
    apart = mpnet.encode(texts)
    together = encode_in_processes(MPNET, texts, processes=2, min_texts=0, chunk=4)
    assert together.shape == apart.shape
    assert np.array_equal(together, apart)  # same order, same numbers: one text at a time in both


def test_mpnet_int8_agrees_with_the_float32_reference_model(mpnet):
    from safetensors.numpy import load

    from tests.nlu.reference_mpnet import embed as mpnet_embed

    weights_bytes, _ = _read_mpnet_zip()
    weights = load(weights_bytes)
    tokenizer = Tokenizer.from_file(str(mpnet_files()[1]))
    for sentence, vector in zip(SENTENCES, mpnet.encode(SENTENCES)):
        encoding = tokenizer.encode(sentence)
        ids = [i for i, m in zip(encoding.ids, encoding.attention_mask) if m]
        reference = mpnet_embed(weights, np.array(ids))
        assert float(vector @ reference) > 0.95, sentence


def test_mpnet_knows_a_paraphrase_from_an_unrelated_sentence(mpnet):
    station, train, back = mpnet.encode(
        ["How do I get to the station?", "Where is the train station?", "My back hurts and I feel low"]
    )
    assert station @ train > 0.6 and abs(station @ back) < 0.25


def test_both_encoders_pass_their_self_check(encoder, mpnet):
    encoder.self_check()
    mpnet.self_check()


def test_an_encoder_that_computes_wrong_vectors_is_refused(mpnet, monkeypatch):
    """Session 19: the full-range int8 build gave vectors unrelated to the model's on an AVX2-only CPU, so every
    sentence looked alike. The same failure, made here by mixing every vector with one shared direction."""
    right = mpnet.encode
    shared = right(["The train to Leeds leaves at six"])[0]

    def alike(texts, batch_size=32):
        mixed = right(texts, batch_size) * 0.3 + shared * 0.95
        return mixed / np.linalg.norm(mixed, axis=1, keepdims=True)

    monkeypatch.setattr(mpnet, "encode", alike)
    with pytest.raises(EncoderCheckError, match="lscpu"):
        mpnet.self_check()


def test_an_older_mpnet_build_is_replaced_by_the_pinned_one(tmp_path, monkeypatch, mpnet):
    onnx_path, tokenizer_path = mpnet_files()
    monkeypatch.setenv("MINDBODY_ENCODER_DIR", str(tmp_path))
    (tmp_path / onnx_path.name).write_bytes(b"an older build")
    (tmp_path / tokenizer_path.name).write_bytes(tokenizer_path.read_bytes())
    rebuilt, _ = mpnet_files()
    assert rebuilt.read_bytes()[:1000] == onnx_path.read_bytes()[:1000] and rebuilt.stat().st_size == onnx_path.stat().st_size


def test_a_changed_mpnet_file_is_refused(tmp_path, mpnet):
    onnx_path, tokenizer_path = mpnet_files()
    fake = tmp_path / "model.onnx"
    fake.write_bytes(onnx_path.read_bytes()[:-10] + b"0123456789")
    with pytest.raises(ModelFileError, match="refusing to use it"):
        SentenceEncoder(model=MPNET, model_path=fake, tokenizer_path=tokenizer_path)


def test_a_missing_mpnet_part_says_how_to_fix_it(monkeypatch):
    from importlib import metadata

    def missing(name):
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "distribution", missing)
    with pytest.raises(ModelFileError, match="make install"):
        mpnet_part_paths()


def test_unknown_encoder_is_refused():
    with pytest.raises(ValueError, match="unknown sentence encoder"):
        SentenceEncoder(model="bert-base-uncased")


def test_split_zip_parts_read_as_one_file(tmp_path):
    import io

    data = bytes(range(256)) * 40
    paths = []
    for i, (start, end) in enumerate([(0, 1000), (1000, 1001), (1001, 10240)]):
        paths.append(tmp_path / f"part{i}")
        paths[-1].write_bytes(data[start:end])
    joined = io.BufferedReader(_JoinedFile(paths), buffer_size=64)
    assert joined.read() == data
    joined.seek(995)
    assert joined.read(10) == data[995:1005]
    joined.seek(-5, io.SEEK_END)
    assert joined.read() == data[-5:]
