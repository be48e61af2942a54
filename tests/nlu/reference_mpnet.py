"""A plain-numpy forward pass of all-mpnet-base-v2 from its original float32 weights.

Used only by the tests, as the reference the int8 ONNX graph must agree with. It follows the published
PyTorch MPNet model (positions from padding_idx + 1, a relative position bias shared by all layers, exact
GELU, post-layer-norm), written apart from the ONNX builder in bot.nlu.sentence_encoder.
"""

import math

import numpy as np
from scipy.special import erf

HEADS, LAYERS, EPS, PAD = 12, 12, 1e-5, 1


def _bucket(relative: np.ndarray, num_buckets: int = 32, max_distance: int = 128) -> np.ndarray:
    ret = np.zeros_like(relative)
    n = -relative
    num_buckets //= 2
    ret += (n < 0).astype(relative.dtype) * num_buckets
    n = np.abs(n)
    max_exact = num_buckets // 2
    is_small = n < max_exact
    with np.errstate(divide="ignore"):
        large = max_exact + (
            np.log(np.maximum(n, 1) / max_exact) / math.log(max_distance / max_exact) * (num_buckets - max_exact)
        ).astype(relative.dtype)
    return ret + np.where(is_small, n, np.minimum(large, num_buckets - 1))


def _layer_norm(x, w, b):
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + EPS) * w + b


def embed(weights: dict[str, np.ndarray], ids: np.ndarray) -> np.ndarray:
    """Mean-pooled, L2-normalised sentence embedding for one unpadded sequence of token ids."""
    w = weights
    n = len(ids)
    positions = np.arange(n) + PAD + 1
    x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][positions]
    x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
    steps = np.arange(n)
    bias = w["encoder.relative_attention_bias.weight"][_bucket(steps[None, :] - steps[:, None])].transpose(2, 0, 1)
    d = x.shape[-1] // HEADS
    for i in range(LAYERS):
        p = f"encoder.layer.{i}."
        lin = lambda t, name, p=p: t @ w[p + name + ".weight"].T + w[p + name + ".bias"]  # noqa: E731
        q, k, v = (lin(x, f"attention.attn.{t}").reshape(n, HEADS, d).transpose(1, 0, 2) for t in "qkv")
        scores = q @ k.transpose(0, 2, 1) / math.sqrt(d) + bias
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        attn = ((scores / scores.sum(-1, keepdims=True)) @ v).transpose(1, 0, 2).reshape(n, -1)
        x = _layer_norm(lin(attn, "attention.attn.o") + x, w[p + "attention.LayerNorm.weight"], w[p + "attention.LayerNorm.bias"])
        h = lin(x, "intermediate.dense")
        h = 0.5 * h * (1.0 + erf(h / math.sqrt(2.0)))
        x = _layer_norm(lin(h, "output.dense") + x, w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
    pooled = x.mean(0)
    return pooled / np.linalg.norm(pooled)
