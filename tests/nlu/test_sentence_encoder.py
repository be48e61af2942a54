"""The int8 ONNX MiniLM agrees with the original float32 model, and the pinned files are enforced."""

import numpy as np
import pytest
from tokenizers import Tokenizer

from bot.nlu.sentence_encoder import (
    EMBEDDING_DIM,
    ModelFileError,
    SentenceEncoder,
    default_model_path,
    default_tokenizer_path,
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
