"""Intent evaluation on the held-out set: per-intent precision, recall and F1, and a confusion matrix.

The set in tests/data/nlu_eval.yml was written apart from the training data, in other voices, and is
never trained on. Messages are parsed by the full trained NLU pipeline, so the safety net and the
fallback classifier take part: a message the assistant would answer with a clarifying question counts as
`nlu_fallback`, which is never the expected intent ("as the assistant acts"). The figure before fallback
(the model's top intent) is reported beside it.
"""
from __future__ import annotations

import asyncio
import datetime
import os
import platform
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Sequence, Tuple

import yaml

FALLBACK = "nlu_fallback"


@dataclass
class Scores:
    labels: List[str]
    per_intent: Dict[str, Tuple[float, float, float, int]]  # precision, recall, f1, support
    macro_f1: float
    accuracy: float


def load_examples(path: Path) -> List[Tuple[str, str]]:
    """(text, intent) pairs from a Rasa NLU YAML file."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    pairs = []
    for block in data.get("nlu", []):
        if "intent" not in block:
            continue
        for line in block["examples"].splitlines():
            line = line.strip()
            if line.startswith("- "):
                pairs.append((line[2:].strip(), block["intent"]))
    return pairs


def score(expected: Sequence[str], predicted: Sequence[str]) -> Scores:
    from sklearn.metrics import accuracy_score, precision_recall_fscore_support

    labels = sorted(set(expected))
    p, r, f, s = precision_recall_fscore_support(expected, predicted, labels=labels, zero_division=0)
    per = {label: (float(p[i]), float(r[i]), float(f[i]), int(s[i])) for i, label in enumerate(labels)}
    return Scores(labels, per, float(sum(f) / len(f)), float(accuracy_score(expected, predicted)))


async def _parse_all(model_path: Path, texts: Sequence[str]) -> List[dict]:
    import logging

    from rasa.core.agent import Agent
    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.log_utils import configure_structlog

    configure_logging_and_warnings(logging.WARNING)
    configure_structlog(logging.WARNING)

    agent = Agent.load(str(model_path))
    return [await agent.parse_message(t) for t in texts]


def parse_all(model_path: Path, texts: Sequence[str]) -> List[dict]:
    return asyncio.run(_parse_all(model_path, texts))


def confusion_png(expected: Sequence[str], predicted: Sequence[str], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from sklearn.metrics import confusion_matrix

    labels = sorted(set(expected) | set(predicted))
    matrix = confusion_matrix(expected, predicted, labels=labels)
    fig, ax = plt.subplots(figsize=(12, 10))
    ax.imshow(matrix, cmap="Blues")
    ax.set_xticks(range(len(labels)), labels, rotation=90, fontsize=7)
    ax.set_yticks(range(len(labels)), labels, fontsize=7)
    for i in range(len(labels)):
        for j in range(len(labels)):
            if matrix[i, j]:
                ax.text(j, i, str(matrix[i, j]), ha="center", va="center", fontsize=6,
                        color="white" if matrix[i, j] > matrix.max() / 2 else "black")
    ax.set_xlabel("predicted")
    ax.set_ylabel("expected")
    ax.set_title("Intent confusion matrix (held-out evaluation set)")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _table(scores: Scores) -> str:
    rows = ["| intent | precision | recall | F1 | n |", "| --- | ---: | ---: | ---: | ---: |"]
    for label in scores.labels:
        p, r, f, n = scores.per_intent[label]
        rows.append(f"| {label} | {p:.2f} | {r:.2f} | {f:.2f} | {n} |")
    return "\n".join(rows)


def evaluate(model_path: Path, data_path: Path, out_dir: Path) -> Tuple[Scores, Scores, str]:
    """Returns the scores as the assistant acts, before fallback, and the markdown report text."""
    pairs = load_examples(data_path)
    texts = [t for t, _ in pairs]
    expected = [i for _, i in pairs]
    started = time.perf_counter()
    parsed = parse_all(model_path, texts)
    seconds = time.perf_counter() - started
    acted = [p["intent"]["name"] for p in parsed]
    before = [
        next((r["name"] for r in p.get("intent_ranking", []) if r["name"] != FALLBACK), p["intent"]["name"])
        for p in parsed
    ]
    as_acts, pre_fallback = score(expected, acted), score(expected, before)
    concern = [l for l in as_acts.labels if l.startswith("concern_")]
    concern_f1 = sum(as_acts.per_intent[l][2] for l in concern) / max(len(concern), 1)
    confusion_png(expected, acted, out_dir / "confusion_matrix.png")
    errors = [(t, e, a) for t, e, a in zip(texts, expected, acted) if e != a]
    report = "\n".join([
        "# NLU evaluation",
        "",
        f"Made by `make evaluate` on {datetime.date.today().isoformat()}, {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}; one run over "
        f"{len(texts)} held-out messages ({seconds:.1f} s to parse them all).",
        "",
        f"- macro-F1 as the assistant acts (fallback counts as a miss): **{as_acts.macro_f1:.3f}**; "
        f"accuracy {as_acts.accuracy:.3f}",
        f"- macro-F1 before fallback (the model's top intent): {pre_fallback.macro_f1:.3f}; "
        f"accuracy {pre_fallback.accuracy:.3f}",
        f"- macro-F1 over the six concern intents, as the assistant acts: {concern_f1:.3f}",
        f"- messages sent to a clarifying question: {acted.count(FALLBACK)}",
        "",
        "## Per intent, as the assistant acts",
        "",
        _table(as_acts),
        "",
        "## Misclassified messages",
        "",
        *[f"- expected `{e}`, got `{a}`: {t}" for t, e, a in errors],
        "",
    ])
    (out_dir / "nlu-evaluation.md").write_text(report, encoding="utf-8")
    return as_acts, pre_fallback, report
