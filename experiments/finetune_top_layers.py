"""Experiment (issue 11, design 4): fine-tune the top layers of all-mpnet-base-v2 for the intents, on CPU,
with the TensorFlow that Rasa already installs, and compare with the frozen encoder.

SetFit-style contrastive training of the whole encoder was judged too slow for 2 cores (NOTES.md). This is
the cheap form: the lower layers stay frozen, so each training text's hidden states after them are computed
once (by today's int8 ONNX file, one text at a time, as in production), and only the top `--layers`
transformer layers, the mean pooling and a softmax head are trained on them. The top layers start from the
published weights; the head starts from a logistic regression on the frozen embeddings.

Figures come from the in-process replica of `experiments.explore_nlu` (fallback rule and safety decision as
the pipeline applies them), on the real-text development set, the long messages and our own set; never on
the real-text test set. Rows:
- frozen: today's intent model (embedding + n-grams + nearest neighbours) on the frozen embeddings;
- fine-tuned head: the fine-tuned network's own softmax;
- fine-tuned + today's model: today's intent model refitted on the fine-tuned embeddings.

Usage: .venv/bin/python -m experiments.finetune_top_layers [--layers 2] [--epochs 1] [--lr 3e-5] [--head-lr 3e-4] [--limit N]
"""

from __future__ import annotations

import argparse
import math
import time

import numpy as np

from bot.nlu.components import clean_text
from bot.nlu.intent_model import IntentModel
from bot.nlu.sentence_encoder import ENCODERS, MPNET, _read_mpnet_zip, _relative_buckets
from bot.nlu.softmax_regression import SoftmaxRegression
from experiments.explore_nlu import PRODUCTION, evaluation_sets, report, training_examples

HIDDEN, HEADS = 768, 12


class LowerLayers:
    """Today's int8 ONNX encoder, with the hidden states after layer `cut` as an extra output."""

    def __init__(self, cut: int):
        import onnx
        import onnxruntime as ort
        from tokenizers import Tokenizer

        spec = ENCODERS[MPNET]
        model_path, tokenizer_path = spec.files()
        model = onnx.load(str(model_path))
        self.name = f"l{cut - 1}_x2"
        model.graph.output.append(onnx.helper.make_tensor_value_info(self.name, onnx.TensorProto.FLOAT, None))
        options = ort.SessionOptions()
        options.intra_op_num_threads, options.inter_op_num_threads = 2, 1
        self.session = ort.InferenceSession(model.SerializeToString(), options, providers=["CPUExecutionProvider"])
        self.tokenizer = Tokenizer.from_file(str(tokenizer_path))
        self.tokenizer.enable_truncation(max_length=spec.max_tokens)

    def states(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(hidden states after the cut, shape (tokens, 768); today's pooled, normalised embedding)."""
        encoding = self.tokenizer.encode(text)
        ids = np.array([encoding.ids], dtype=np.int64)
        last, cut = self.session.run(["last_hidden_state", self.name], {"input_ids": ids, "attention_mask": np.ones_like(ids)})
        pooled = last[0].mean(axis=0)
        return cut[0], pooled / max(np.linalg.norm(pooled), 1e-12)


def top_layers_model(weights: dict, first: int, n_labels: int, head_w: np.ndarray, head_b: np.ndarray):
    """Layers first..11 of MPNet in TensorFlow (post-layer-norm, exact GELU, shared relative position
    bias), mean pooling, L2 normalisation and a dense softmax head."""
    import tensorflow as tf

    buckets = tf.constant(_relative_buckets(512))
    rel_bias = tf.constant(weights["encoder.relative_attention_bias.weight"])  # (32, heads), kept frozen
    variables, layers = [], []
    for i in range(first, 12):
        p = f"encoder.layer.{i}."
        layer = {}
        for key, name in [
            ("q", "attention.attn.q"),
            ("k", "attention.attn.k"),
            ("v", "attention.attn.v"),
            ("o", "attention.attn.o"),
            ("ff1", "intermediate.dense"),
            ("ff2", "output.dense"),
        ]:
            layer[key] = (
                tf.Variable(np.ascontiguousarray(weights[p + name + ".weight"].T)),
                tf.Variable(weights[p + name + ".bias"]),
            )
        for key, name in [("ln1", "attention.LayerNorm"), ("ln2", "output.LayerNorm")]:
            layer[key] = (tf.Variable(weights[p + name + ".weight"]), tf.Variable(weights[p + name + ".bias"]))
        layers.append(layer)
        variables += [v for pair in layer.values() for v in pair]
    head = (tf.Variable(head_w.astype(np.float32)), tf.Variable(head_b.astype(np.float32)))

    def norm(x, pair):
        mean, var = tf.nn.moments(x, axes=[-1], keepdims=True)
        return (x - mean) * tf.math.rsqrt(var + 1e-5) * pair[0] + pair[1]

    def forward(states, mask):
        length = tf.shape(states)[1]
        bias = tf.gather(rel_bias, buckets[:length, :length])  # (L, L, heads)
        bias = tf.transpose(bias, [2, 0, 1])[None]  # (1, heads, L, L)
        bias = bias + (1.0 - mask[:, None, None, :]) * -1e4
        x = states
        for layer in layers:

            def split(t):
                t = tf.reshape(t, [tf.shape(t)[0], length, HEADS, HIDDEN // HEADS])
                return tf.transpose(t, [0, 2, 1, 3])

            q, k, v = (split(x @ layer[n][0] + layer[n][1]) for n in "qkv")
            scores = tf.matmul(q, k, transpose_b=True) / math.sqrt(HIDDEN // HEADS) + bias
            context = tf.matmul(tf.nn.softmax(scores, axis=-1), v)
            context = tf.reshape(tf.transpose(context, [0, 2, 1, 3]), [tf.shape(x)[0], length, HIDDEN])
            x = norm(context @ layer["o"][0] + layer["o"][1] + x, layer["ln1"])
            hidden = x @ layer["ff1"][0] + layer["ff1"][1]
            hidden = 0.5 * hidden * (1.0 + tf.math.erf(hidden / math.sqrt(2.0)))
            x = norm(hidden @ layer["ff2"][0] + layer["ff2"][1] + x, layer["ln2"])
        pooled = tf.reduce_sum(x * mask[..., None], axis=1) / tf.reduce_sum(mask, axis=1, keepdims=True)
        embedding = tf.math.l2_normalize(pooled, axis=-1)
        return embedding, embedding @ head[0] + head[1]

    return forward, variables, list(head)


def batches(lengths: list[int], size: int, rng: np.random.Generator | None) -> list[list[int]]:
    """Indices grouped by similar length (little padding); the batches' order shuffled when rng is given."""
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    groups = [order[i : i + size] for i in range(0, len(order), size)]
    if rng is not None:
        rng.shuffle(groups)
    return groups


def padded(states: list[np.ndarray], indices: list[int]) -> tuple[np.ndarray, np.ndarray]:
    longest = max(len(states[i]) for i in indices)
    x = np.zeros((len(indices), longest, HIDDEN), np.float32)
    mask = np.zeros((len(indices), longest), np.float32)
    for row, i in enumerate(indices):
        x[row, : len(states[i])] = states[i]
        mask[row, : len(states[i])] = 1.0
    return x, mask


def main() -> None:
    import tensorflow as tf
    from safetensors.numpy import load as load_safetensors

    from bot.safety.net import load_safety_net

    parser = argparse.ArgumentParser()
    parser.add_argument("--layers", type=int, default=2, help="how many top layers to fine-tune")
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--lr", type=float, default=3e-5)
    parser.add_argument("--head-lr", type=float, default=3e-4, help="the softmax head's learning rate")
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--limit", type=int, default=0, help="use only this many training texts (a quick check)")
    args = parser.parse_args()
    tf.config.threading.set_intra_op_parallelism_threads(2)
    tf.config.threading.set_inter_op_parallelism_threads(1)
    tf.random.set_seed(0)
    net = load_safety_net()

    raw, labels = training_examples()
    texts = [clean_text(t)["text"] for t in raw]
    if args.limit:
        keep = np.random.default_rng(0).choice(len(texts), size=args.limit, replace=False)
        texts, labels = [texts[i] for i in keep], [labels[i] for i in keep]
    own, sets = evaluation_sets()
    evaluation = sorted({t for t, _ in own} | {t for pairs in sets.values() for t, _ in pairs})

    cut = 12 - args.layers
    lower = LowerLayers(cut)
    started = time.perf_counter()
    states, frozen = {}, {}
    for n, text in enumerate(dict.fromkeys(texts + evaluation)):
        states[text], frozen[text] = lower.states(text)
        if n % 1000 == 0:
            print(f"states {n} ({time.perf_counter() - started:.0f} s)", flush=True)
    tokens = sum(len(s) for s in states.values())
    print(f"hidden states after layer {cut} of {len(states)} texts, {tokens} tokens, in {time.perf_counter() - started:.0f} s")

    names = sorted(set(labels))
    y = np.array([names.index(label) for label in labels])
    counts = np.bincount(y, minlength=len(names))
    class_weight = (len(y) / (len(names) * counts)).astype(np.float32)
    head = SoftmaxRegression(c=10, class_weight="balanced").fit(np.vstack([frozen[t] for t in texts]), None, labels)
    assert list(head.classes_) == names
    weights = load_safetensors(_read_mpnet_zip()[0])
    forward, variables, head_vars = top_layers_model(weights, cut, len(names), head.dense_coef_, head.intercept_)
    del weights
    optimiser = tf.keras.optimizers.Adam(learning_rate=args.lr)
    head_optimiser = tf.keras.optimizers.Adam(learning_rate=args.head_lr)

    @tf.function(reduce_retracing=True)
    def step(x, mask, target):
        with tf.GradientTape() as tape:
            _, logits = forward(x, mask)
            losses = tf.nn.sparse_softmax_cross_entropy_with_logits(target, logits)
            loss = tf.reduce_sum(losses * tf.gather(class_weight, target)) / tf.reduce_sum(tf.gather(class_weight, target))
        grads = tape.gradient(loss, variables + head_vars)
        optimiser.apply_gradients(zip(grads[: len(variables)], variables))
        head_optimiser.apply_gradients(zip(grads[len(variables) :], head_vars))
        return loss

    train_states = [states[t] for t in texts]
    lengths = [len(s) for s in train_states]
    rng = np.random.default_rng(0)
    for epoch in range(args.epochs):
        started, total, seen = time.perf_counter(), 0.0, 0
        groups = batches(lengths, args.batch, rng)
        for n, group in enumerate(groups):
            x, mask = padded(train_states, group)
            total += float(step(tf.constant(x), tf.constant(mask), tf.constant(y[group]))) * len(group)
            seen += len(group)
            if n % 100 == 0:
                print(
                    f"epoch {epoch + 1} batch {n}/{len(groups)} loss {total / seen:.3f} ({time.perf_counter() - started:.0f} s)",
                    flush=True,
                )
        print(f"epoch {epoch + 1}: loss {total / seen:.3f}, {time.perf_counter() - started:.0f} s", flush=True)

    def tuned(texts_: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Fine-tuned embeddings and head probabilities, in the order given."""
        pool = [states[t] for t in texts_]
        embeddings = np.zeros((len(texts_), HIDDEN), np.float32)
        probabilities = np.zeros((len(texts_), len(names)), np.float32)
        for group in batches([len(s) for s in pool], 32, None):
            x, mask = padded(pool, group)
            e, logits = forward(tf.constant(x), tf.constant(mask))
            embeddings[group], probabilities[group] = e.numpy(), tf.nn.softmax(logits).numpy()
        return embeddings, probabilities

    train_tuned, _ = tuned(texts)
    eval_tuned, eval_head = tuned(evaluation)
    where = {t: i for i, t in enumerate(evaluation)}

    frozen_model = IntentModel(PRODUCTION).fit(texts, np.vstack([frozen[t] for t in texts]), labels)
    names_of = frozen_model.labels

    def figures(probabilities_of) -> str:
        return report(probabilities_of, names_of, own, sets, net)

    print("frozen + today's model:", figures(lambda t: frozen_model.probabilities([t], frozen[t][None])[0]), flush=True)
    tuned_model = IntentModel(PRODUCTION).fit(texts, train_tuned, labels)
    assert list(tuned_model.labels) == list(names_of)
    print(
        "fine-tuned + today's model:",
        figures(lambda t: tuned_model.probabilities([t], eval_tuned[where[t]][None])[0]),
        flush=True,
    )
    assert list(names) == list(names_of)
    print("fine-tuned head:", figures(lambda t: eval_head[where[t]]), flush=True)


if __name__ == "__main__":
    main()
