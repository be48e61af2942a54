"""Score the trained model on the held-out NLU set, the real-text passages and the long messages.

Usage: .venv/bin/python -m devtools.evaluate --min-f1 0.85 --min-real 0.65 --doc docs/nlu-evaluation.md
(what `make evaluate` runs). Writes reports/nlu-evaluation.md, reports/confusion_matrix.png and
reports/nlu-evaluation-real-text.md; with --doc, the report and its image there too. Exits 1 when the
own set's macro-F1 or the real text's "right first time" is below its floor.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from devtools.evaluation import evaluate, label_agreement, load_passages, parse_all, passages_report, score_passages


def _evaluate(args: argparse.Namespace) -> int:
    as_acts, before, _ = evaluate(Path(args.model), Path(args.data), Path(args.out))
    print(f"macro-F1 as the assistant acts: {as_acts.macro_f1:.3f} (before fallback {before.macro_f1:.3f})")
    for label in as_acts.labels:
        p, r, f, n = as_acts.per_intent[label]
        print(f"  {label:32} P {p:.2f}  R {r:.2f}  F1 {f:.2f}  n={n}")
    print(f"report: {Path(args.out) / 'nlu-evaluation.md'}, matrix: {Path(args.out) / 'confusion_matrix.png'}")
    if args.doc:
        _copy_to_doc(Path(args.out), Path(args.doc))
    failed = as_acts.macro_f1 < args.min_f1
    if failed:
        print(f"FAIL: macro-F1 {as_acts.macro_f1:.3f} is below {args.min_f1}", file=sys.stderr)
    failed |= not _evaluate_passages(args)
    return 1 if failed else 0


def _copy_to_doc(out: Path, doc: Path) -> None:
    """The own set's report and its confusion matrix, beside each other in docs/ (the image linked in)."""
    image = doc.with_name(doc.stem + "-confusion-matrix.png")
    shutil.copyfile(out / "confusion_matrix.png", image)
    text = (out / "nlu-evaluation.md").read_text(encoding="utf-8")
    doc.write_text(text.replace("## Per intent", f"![confusion matrix]({image.name})\n\n## Per intent", 1), encoding="utf-8")
    print(f"also written to {doc} and {image}")


def _evaluate_passages(args: argparse.Namespace) -> bool:
    """The real-text and long-message sets, each reported on its own. False if real text is below the floor."""
    sets = [
        ("Real text: patients, carers and professionals in their own words", args.real),
        ("Long messages in varied voices", args.long),
    ]
    sections, ok = [], True
    for name, source in sets:
        if not source or not Path(source).exists():
            continue
        pairs = load_passages(Path(source))
        scores = score_passages(name, pairs, parse_all(Path(args.model), [t for t, _ in pairs]))
        print(f"{name}: right first time {scores.first_time:.3f}, offered {scores.offered:.3f} (n={scores.n})")
        sections.append(passages_report(scores, source))
        second = Path(args.second_labels) if args.second_labels else None
        if source == args.real and second and second.exists():
            agree = label_agreement(pairs, second)
            line = (
                f"A second, blind reader (`{second}`) agrees on {agree.n} passages: their first label is one of"
                f' ours on **{agree.theirs_in_ours:.3f}** (the same measure as "right first time"), and the'
                f" same most important label on {agree.first_same:.3f}. That is the ceiling to judge the model by."
            )
            print(line)
            sections[-1] = sections[-1].replace("\n\n| first label", f"\n\n{line}\n\n| first label", 1)
        if source == args.real and scores.first_time < args.min_real:
            print(f"FAIL: real-text right first time {scores.first_time:.3f} is below {args.min_real}", file=sys.stderr)
            ok = False
    if sections:
        report = "\n".join(sections)
        (Path(args.out) / "nlu-evaluation-real-text.md").write_text(report, encoding="utf-8")
        if args.doc:
            doc = Path(args.doc)
            doc.write_text(doc.read_text(encoding="utf-8") + "\n" + report, encoding="utf-8")
    return ok


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m devtools.evaluate", description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="models/current.tar.gz")
    parser.add_argument("--data", default="tests/data/nlu_eval.yml")
    parser.add_argument("--out", default="reports")
    parser.add_argument("--min-f1", type=float, default=0.85, help="exit 1 below this macro-F1")
    parser.add_argument("--doc", help="also write the report (and its image) here, e.g. docs/nlu-evaluation.md")
    parser.add_argument("--real", default="tests/data/real_text", help="real-text passages (folder or file)")
    parser.add_argument("--long", default="tests/data/long_messages.yml", help="long messages in varied voices")
    parser.add_argument(
        "--second-labels", default="tests/data/real_text_second_labels.yml", help="a second reader's labels of the real text"
    )
    parser.add_argument("--min-real", type=float, default=0.0, help="exit 1 when real text right first time is below this")
    return parser


def main(argv: list[str] | None = None) -> int:
    return _evaluate(build_parser().parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
