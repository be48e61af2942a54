"""Intent evaluation on the held-out set: per-intent precision, recall and F1, and a confusion matrix.

The set in tests/data/nlu_eval.yml was written apart from the training data, in other voices, and is
never trained on. Messages are parsed by the full trained NLU pipeline, so the safety net and the
fallback classifier take part: a message the assistant would answer with a clarifying question counts as
`nlu_fallback`, which is never the expected intent ("as the assistant acts"). The figure before fallback
(the model's top intent) is reported beside it. The real-text and long-message sets, labelled with up to
two intents, are scored by `score_passages`.

The scoring and the report text; `devtools.evaluate` is the command (`make evaluate`).
"""

from __future__ import annotations

import asyncio
import datetime
import os
import platform
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

FALLBACK = "nlu_fallback"
DOMAIN = Path(__file__).resolve().parents[1] / "domain.yml"


@dataclass
class Scores:
    labels: list[str]
    per_intent: dict[str, tuple[float, float, float, int]]  # precision, recall, f1, support
    macro_f1: float
    accuracy: float


def load_examples(path: Path) -> list[tuple[str, str]]:
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


async def _parse_all(model_path: Path, texts: Sequence[str]) -> list[dict]:
    import logging

    from rasa.core.agent import Agent
    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.log_utils import configure_structlog

    configure_logging_and_warnings(logging.WARNING)
    configure_structlog(logging.WARNING)

    agent = Agent.load(str(model_path))
    return [await agent.parse_message(t) for t in texts]


def parse_all(model_path: Path, texts: Sequence[str]) -> list[dict]:
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
                ax.text(
                    j,
                    i,
                    str(matrix[i, j]),
                    ha="center",
                    va="center",
                    fontsize=6,
                    color="white" if matrix[i, j] > matrix.max() / 2 else "black",
                )
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


def evaluate(model_path: Path, data_path: Path, out_dir: Path) -> tuple[Scores, Scores, str]:
    """Returns the scores as the assistant acts, before fallback, and the markdown report text."""
    pairs = load_examples(data_path)
    texts = [t for t, _ in pairs]
    expected = [i for _, i in pairs]
    started = time.perf_counter()
    parsed = parse_all(model_path, texts)
    seconds = time.perf_counter() - started
    from bot.dialogue.offers import acted_on

    acted = [acted_on(p["intent"]["name"], p.get("intent_ranking") or []) for p in parsed]
    before = [
        next((r["name"] for r in p.get("intent_ranking", []) if r["name"] != FALLBACK), p["intent"]["name"]) for p in parsed
    ]
    as_acts, pre_fallback = score(expected, acted), score(expected, before)
    concern = [l for l in as_acts.labels if l.startswith("concern_")]
    concern_f1 = sum(as_acts.per_intent[l][2] for l in concern) / max(len(concern), 1)
    confusion_png(expected, acted, out_dir / "confusion_matrix.png")
    errors = [(t, e, a) for t, e, a in zip(texts, expected, acted) if e != a]
    report = "\n".join(
        [
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
        ]
    )
    (out_dir / "nlu-evaluation.md").write_text(report, encoding="utf-8")
    return as_acts, pre_fallback, report


@dataclass
class PassageScores:
    """Figures for a set of passages labelled with up to two intents, most important first."""

    name: str
    n: int
    first_time: float  # the intent acted on is one of the passage's labels
    first_time_strict: float  # ... and it is the most important one
    offered: float  # one of the labels is answered or offered in the first reply
    per_label: dict[str, tuple[int, int, int]]  # first label -> (n, right first time, offered)
    errors: list[tuple[str, list[str], list[str]]]  # text, labels, offered
    check_lines: int = 0  # answered with the quiet check line under the answer
    safety_replies: int = 0  # given a safety reply (the direct question or the full script)


def load_passages(path: Path) -> list[tuple[str, list[str]]]:
    """(text, labels) from a real-text or long-message file (`passages:` or `messages:` with `intents`)."""
    pairs: list[tuple[str, list[str]]] = []
    paths = sorted(Path(path).glob("*.yml")) if Path(path).is_dir() else [Path(path)]
    for file in paths:
        data = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
        for item in data.get("passages") or data.get("messages") or []:
            pairs.append((str(item["text"]), [str(i) for i in item["intents"]]))
    return pairs


@dataclass
class Agreement:
    n: int
    theirs_in_ours: float  # the second reader's first label is one of ours: "right first time" for a person
    first_same: float  # both readers chose the same most important label


def label_agreement(pairs: Sequence[tuple[str, list[str]]], second: Path) -> Agreement:
    """How often a second, blind reader (`second`, a `labels:` list of text and intents) agrees with the
    labels in `pairs`: the ceiling a model can be judged against."""
    theirs = {
        str(i["text"]): [str(x) for x in i["intents"]] for i in yaml.safe_load(second.read_text(encoding="utf-8"))["labels"]
    }
    both = [(ours, theirs[text]) for text, ours in pairs if text in theirs]
    n = max(len(both), 1)
    return Agreement(len(both), sum(t[0] in o for o, t in both) / n, sum(t[0] == o[0] for o, t in both) / n)


def score_passages(name: str, pairs: Sequence[tuple[str, list[str]]], parsed: Sequence[dict]) -> PassageScores:
    from bot.dialogue.offers import acted_on, fixed_reply, offered, response_buttons
    from bot.dialogue.roles import role_from_words

    buttons = response_buttons(yaml.safe_load(DOMAIN.read_text(encoding="utf-8"))["responses"])
    right = strict = hit = 0
    per_label: dict[str, list[int]] = {}
    errors = []
    check_lines = safety_replies = 0
    for (text, labels), parse in zip(pairs, parsed):
        safety = parse.get("safety") or {}
        check_lines += bool(safety.get("check_line"))
        safety_replies += safety.get("level") in ("immediate", "possible")
        acted = acted_on(parse["intent"]["name"], parse.get("intent_ranking") or [])
        reply = fixed_reply(acted, role_from_words(text))
        shown = offered(acted, parse.get("intent_ranking") or [], buttons.get(reply or "", []))
        ok_first, ok_offered = acted in labels, any(label in shown for label in labels)
        right += ok_first
        strict += acted == labels[0]
        hit += ok_offered
        row = per_label.setdefault(labels[0], [0, 0, 0])
        row[0] += 1
        row[1] += ok_first
        row[2] += ok_offered
        if not ok_first:
            errors.append((text, labels, shown))
    n = max(len(pairs), 1)
    return PassageScores(
        name,
        len(pairs),
        right / n,
        strict / n,
        hit / n,
        {k: (v[0], v[1], v[2]) for k, v in sorted(per_label.items())},
        errors,
        check_lines,
        safety_replies,
    )


def passages_report(scores: PassageScores, source: str) -> str:
    rows = [
        f"## {scores.name}",
        "",
        f"{scores.n} passages from `{source}`, never trained on.",
        "",
        f"- right area first time (the intent acted on is one of the passage's labels): **{scores.first_time:.3f}** "
        f"(the most important label: {scores.first_time_strict:.3f})",
        f"- right area answered or offered in the first reply (answer, second-concern button or "
        f"clarifying buttons): **{scores.offered:.3f}**",
        f"- a safety reply (the direct question or the full script): {scores.safety_replies} of {scores.n}; the "
        f"quiet check line under the answer (Samaritans, Shout, 999): {scores.check_lines} of {scores.n}",
        "",
        "| first label | n | right first time | offered |",
        "| --- | ---: | ---: | ---: |",
    ]
    for label, (n, ok, shown) in scores.per_label.items():
        rows.append(f"| {label} | {n} | {ok / n:.2f} | {shown / n:.2f} |")
    rows += ["", "<details><summary>Messages not right first time</summary>", ""]
    rows += [
        f"- labels {', '.join(labels)}; offered {', '.join(shown) or '(nothing)'}: {text[:160]}"
        for text, labels, shown in scores.errors
    ]
    rows += ["", "</details>", ""]
    return "\n".join(rows)
