"""The NLU evaluation's scoring and report text (devtools/evaluation.py), on small made-up sets: no model.

The report's lines are what docs/nlu-evaluation.md is made of, so their format is pinned here."""

import pytest

from bot.cli import build_parser as operator_parser
from devtools.evaluate import build_parser
from devtools.evaluation import load_examples, load_passages, passages_report, score, score_passages


def parse(intent, ranking=()):
    return {"intent": {"name": intent}, "intent_ranking": [{"name": n, "confidence": c} for n, c in ranking]}


def test_load_examples_reads_every_intent_block(tmp_path):
    path = tmp_path / "eval.yml"
    path.write_text(
        'version: "3.1"\nnlu:\n- intent: greet\n  examples: |\n    - hello\n    - hi there\n'
        "- synonym: x\n  examples: |\n    - y\n- intent: crisis\n  examples: |\n    - help me\n"
    )
    assert load_examples(path) == [("hello", "greet"), ("hi there", "greet"), ("help me", "crisis")]


def test_score_per_intent_and_macro_f1():
    scores = score(["a", "a", "b", "b"], ["a", "b", "b", "b"])
    assert scores.labels == ["a", "b"]
    assert scores.per_intent["a"] == (1.0, 0.5, pytest.approx(2 / 3), 2)
    assert scores.accuracy == 0.75
    assert scores.macro_f1 == pytest.approx((2 / 3 + 0.8) / 2)


def test_load_passages_from_a_folder_and_a_file(tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.yml").write_text("passages:\n  - text: one\n    intents: [concern_a]\n")
    (tmp_path / "long.yml").write_text("messages:\n  - text: two\n    intents: [concern_b, concern_a]\n")
    assert load_passages(tmp_path / "real") == [("one", ["concern_a"])]
    assert load_passages(tmp_path / "long.yml") == [("two", ["concern_b", "concern_a"])]


def test_passages_scored_right_first_time_and_offered():
    pairs = [("first", ["concern_a"]), ("second", ["concern_b", "concern_a"]), ("third", ["concern_b"])]
    parsed = [
        parse("concern_a"),
        parse("concern_a", [("concern_a", 0.5), ("concern_b", 0.4)]),  # right, not the first label
        parse("nlu_fallback", [("concern_a", 0.4), ("concern_b", 0.3)]),  # offered by the clarifying buttons
    ]
    scores = score_passages("Set", pairs, parsed)
    assert (scores.n, scores.first_time, scores.first_time_strict, scores.offered) == (3, 2 / 3, 1 / 3, 1.0)
    assert scores.per_label == {"concern_a": (1, 1, 1), "concern_b": (2, 1, 2)}
    assert scores.errors == [("third", ["concern_b"], ["concern_a", "concern_b"])]


def test_passages_count_the_check_lines_and_safety_replies():
    parsed = [parse("concern_a"), parse("concern_a"), parse("crisis")]
    parsed[0]["safety"] = {"level": "none", "check_line": True}
    parsed[2]["safety"] = {"level": "possible", "check_line": False}
    scores = score_passages("Set", [("a", ["concern_a"]), ("b", ["concern_a"]), ("c", ["concern_a"])], parsed)
    assert (scores.check_lines, scores.safety_replies) == (1, 1)


def test_passages_report_format():
    scores = score_passages("Set", [("a message", ["concern_b"])], [parse("thank")])
    assert passages_report(scores, "tests/data/x.yml") == "\n".join(
        [
            "## Set",
            "",
            "1 passages from `tests/data/x.yml`, never trained on.",
            "",
            "- right area first time (the intent acted on is one of the passage's labels): **0.000** "
            "(the most important label: 0.000)",
            "- right area answered or offered in the first reply (answer, second-concern button or "
            "clarifying buttons): **0.000**",
            "- a safety reply (the direct question or the full script): 0 of 1; the quiet check line under the "
            "answer (Samaritans, Shout, 999): 0 of 1",
            "",
            "| first label | n | right first time | offered |",
            "| --- | ---: | ---: | ---: |",
            "| concern_b | 1 | 0.00 | 0.00 |",
            "",
            "<details><summary>Messages not right first time</summary>",
            "",
            "- labels concern_b; offered thank: a message",
            "",
            "</details>",
            "",
        ]
    )


def test_the_command_takes_make_evaluates_options():
    args = build_parser().parse_args(["--min-f1", "0.85", "--min-real", "0.55", "--doc", "docs/nlu-evaluation.md"])
    assert (args.min_f1, args.min_real, args.doc) == (0.85, 0.55, "docs/nlu-evaluation.md")
    assert (args.model, args.data, args.out) == ("models/current.tar.gz", "tests/data/nlu_eval.yml", "reports")
    assert (args.real, args.long) == ("tests/data/real_text", "tests/data/long_messages.yml")


def test_evaluation_is_not_an_operator_command():
    with pytest.raises(SystemExit):
        operator_parser().parse_args(["evaluate"])
