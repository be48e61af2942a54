"""Operator commands in one place: `python -m bot <command>`. Run `python -m bot --help` for the list."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import List, Optional


def _spacy_model(args: argparse.Namespace) -> int:
    """Save a blank English spaCy pipeline for Rasa's SpacyNLP (no model download needed)."""
    import spacy

    target = Path(args.path)
    target.parent.mkdir(parents=True, exist_ok=True)
    spacy.blank("en").to_disk(target)
    print(f"saved a blank English spaCy pipeline to {target}")
    return 0


def _kb_report(args: argparse.Namespace) -> int:
    from bot.knowledge import KnowledgeBaseError, load_knowledge_base
    from bot.knowledge.report import coverage_table

    try:
        kb = load_knowledge_base()
    except KnowledgeBaseError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(coverage_table(kb))
    return 0


def _kb_check(args: argparse.Namespace) -> int:
    from bot.knowledge import KnowledgeBaseError, load_knowledge_base

    try:
        kb = load_knowledge_base()
    except KnowledgeBaseError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"knowledge base OK: {len(kb.areas)} areas, {len(kb.all_examples())} examples, "
          f"{len(kb.principles.principles)} principles")
    return 0


def _kb_build_index(args: argparse.Namespace) -> int:
    from bot.knowledge import load_knowledge_base

    path = load_knowledge_base().build_index_file(Path(args.path))
    print(f"wrote the search index to {path}")
    return 0


def _kb_search(args: argparse.Namespace) -> int:
    from bot.knowledge import load_knowledge_base

    for p in load_knowledge_base().search(" ".join(args.query), limit=args.limit):
        print(f"{p.score:6.2f}  {p.area_id or '-':22} {p.part:20} {p.title}")
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from bot.evaluation import evaluate

    as_acts, before, _ = evaluate(Path(args.model), Path(args.data), Path(args.out))
    print(f"macro-F1 as the assistant acts: {as_acts.macro_f1:.3f} (before fallback {before.macro_f1:.3f})")
    for label in as_acts.labels:
        p, r, f, n = as_acts.per_intent[label]
        print(f"  {label:32} P {p:.2f}  R {r:.2f}  F1 {f:.2f}  n={n}")
    print(f"report: {Path(args.out) / 'nlu-evaluation.md'}, matrix: {Path(args.out) / 'confusion_matrix.png'}")
    if as_acts.macro_f1 < args.min_f1:
        print(f"FAIL: macro-F1 {as_acts.macro_f1:.3f} is below {args.min_f1}", file=sys.stderr)
        return 1
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("spacy-model", help="save the blank spaCy pipeline the NLU config uses")
    p.add_argument("path", nargs="?", default="models/spacy-en-blank")
    p.set_defaults(func=_spacy_model)

    kb = sub.add_parser("kb", help="knowledge base commands").add_subparsers(dest="kb_command", required=True)
    p = kb.add_parser("check", help="validate data/knowledge/ and say what it holds")
    p.set_defaults(func=_kb_check)
    p = kb.add_parser("report", help="print the coverage table: every area and part, with counts")
    p.set_defaults(func=_kb_report)
    p = kb.add_parser("build-index", help="write the full-text search index to a SQLite file")
    p.add_argument("path", nargs="?", default="models/knowledge.db")
    p.set_defaults(func=_kb_build_index)
    p = kb.add_parser("search", help="search the knowledge base")
    p.add_argument("query", nargs="+")
    p.add_argument("--limit", type=int, default=5)
    p.set_defaults(func=_kb_search)

    p = sub.add_parser("evaluate", help="score the trained model on the held-out NLU set")
    p.add_argument("--model", default="models/current.tar.gz")
    p.add_argument("--data", default="tests/data/nlu_eval.yml")
    p.add_argument("--out", default="reports")
    p.add_argument("--min-f1", type=float, default=0.85, help="exit 1 below this macro-F1")
    p.set_defaults(func=_evaluate)
    return parser


def main(argv: Optional[List[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)
