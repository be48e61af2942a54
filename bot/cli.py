"""Operator commands in one place: `python -m bot <command>`. Run `python -m bot --help` for the list."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _spacy_model(args: argparse.Namespace) -> int:
    """Save a blank English spaCy pipeline for Rasa's SpacyNLP (no model download needed)."""
    import spacy

    target = Path(args.path)
    target.parent.mkdir(parents=True, exist_ok=True)
    spacy.blank("en").to_disk(target)
    print(f"saved a blank English spaCy pipeline to {target}")
    return 0


def _load_kb():
    """The knowledge base, or None after printing every problem found in it."""
    from bot.knowledge import KnowledgeBaseError, load_knowledge_base

    try:
        return load_knowledge_base()
    except KnowledgeBaseError as exc:
        print(exc, file=sys.stderr)
        return None


def _kb_report(args: argparse.Namespace) -> int:
    from bot.knowledge.report import coverage_table

    kb = _load_kb()
    if kb is None:
        return 1
    print(coverage_table(kb))
    return 0


def _kb_check(args: argparse.Namespace) -> int:
    kb = _load_kb()
    if kb is None:
        return 1
    print(
        f"knowledge base OK: {len(kb.areas)} areas, {len(kb.all_examples())} examples, {len(kb.principles.principles)} principles"
    )
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


def _progress(done: int, total: int) -> None:
    end = "\n" if total and done >= total else "\r"
    of = f" of {total:,}" if total else ""
    print(f"  {done:,}{of} rows read", end=end, file=sys.stderr, flush=True)


def _read_directory_file(path: str):
    """The file's rows, or None after saying why it cannot be read."""
    from bot.directory.importer import DirectoryFileError, read_rows

    try:
        return read_rows(Path(path))
    except DirectoryFileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None


def _directory_import(args: argparse.Namespace) -> int:
    from bot.directory import open_directory

    rows = _read_directory_file(args.file)
    if rows is None:
        return 2
    directory = open_directory(args.db)
    report = directory.import_rows(rows, total=len(rows), progress=_progress if len(rows) >= 1000 else None)
    for error in report.errors[: args.show_errors]:
        print(f"  {args.file}: {error}", file=sys.stderr)
    if len(report.errors) > args.show_errors:
        print(f"  ... and {len(report.errors) - args.show_errors} more problems", file=sys.stderr)
    print(f"imported {report.loaded} of {report.read} entries into {args.db}; {report.rejected_lines} row(s) rejected")
    if report.unplaced:
        print(
            f"note: {len(report.unplaced)} local entries have no town or postcode we can place, so they "
            f"will not show in nearby searches: {', '.join(report.unplaced)}"
        )
    return 1 if report.errors else 0


def _directory_validate(args: argparse.Namespace) -> int:
    from bot.directory.records import parse_row

    rows = _read_directory_file(args.file)
    if rows is None:
        return 2
    problems = [e for line, row in rows for e in parse_row(row, line)[1]]
    for error in problems:
        print(f"{args.file}: {error}")
    print(f"{len(rows)} rows checked, {len({e.line for e in problems})} with problems")
    return 1 if problems else 0


def _directory_export(args: argparse.Namespace) -> int:
    from bot.directory import open_directory

    text = open_directory(args.db).export_csv()
    if args.file == "-":
        sys.stdout.write(text)
    else:
        Path(args.file).write_text(text, encoding="utf-8")
        print(f"wrote {args.file}")
    return 0


def _directory_stale(args: argparse.Namespace) -> int:
    from bot.directory import open_directory

    rows = open_directory(args.db).stale(args.months)
    for row in rows:
        print(f"{row['last_checked']}  {row['id']:45} {row['name']}")
    print(f"{len(rows)} entries not checked in the last {args.months} months")
    return 0


def _purge(args: argparse.Namespace) -> int:
    from bot.ops.retention import RetentionError, purge

    try:
        result = purge(args.endpoints, args.older_than, dry_run=args.dry_run)
    except RetentionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    verb = "would delete" if result.dry_run else "deleted"
    print(f"{verb} {result.conversations} conversation(s) ({result.events} events) last active more than {args.older_than} ago")
    return 0


def _conversation_store(args: argparse.Namespace):
    """(tracker store, insights store or None) for forget and export, or None after saying why not."""
    from bot.ops.conversations import ConversationStoreError, existing_insights, tracker_store

    try:
        return tracker_store(args.endpoints), existing_insights(args.insights_db)
    except ConversationStoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None


def _forget(args: argparse.Namespace) -> int:
    import asyncio

    from bot.ops.conversations import ConversationStoreError, forget_conversation

    stores = _conversation_store(args)
    if stores is None:
        return 2
    try:
        forgotten = asyncio.run(forget_conversation(stores[0], args.sender, stores[1]))
    except ConversationStoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if not forgotten.events and not forgotten.facts:
        print(f"no conversation {args.sender!r} in this store; nothing deleted", file=sys.stderr)
        return 1
    print(f"deleted {forgotten.events} event(s) and {forgotten.facts} insights fact(s) of {args.sender}")
    return 0


def _export(args: argparse.Namespace) -> int:
    import asyncio
    import json

    from bot.ops.conversations import export_conversation

    stores = _conversation_store(args)
    if stores is None:
        return 2
    document = asyncio.run(export_conversation(stores[0], args.sender, stores[1]))
    if not document["events"]:
        print(f"no conversation {args.sender!r} in this store", file=sys.stderr)
        return 1
    text = json.dumps(document, indent=2, ensure_ascii=False)
    if args.out == "-":
        print(text)
    else:
        Path(args.out).write_text(text + "\n", encoding="utf-8")
        print(
            f"wrote {len(document['events'])} event(s) and {len(document['insights'])} insights fact(s) of "
            f"{args.sender} to {args.out}"
        )
    return 0


def _insights_purge(args: argparse.Namespace) -> int:
    from bot.insights import open_insights
    from bot.insights.retention import purge_facts
    from bot.ops.retention import RetentionError

    try:
        count = purge_facts(open_insights(args.db), args.older_than, dry_run=args.dry_run)
    except RetentionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"{'would delete' if args.dry_run else 'deleted'} {count} insights fact(s) older than {args.older_than}")
    return 0


def _insights_report(args: argparse.Namespace) -> int:
    import datetime

    from bot.insights import open_insights
    from bot.insights.report import summarise, write_report

    try:
        start, end = datetime.date.fromisoformat(args.start), datetime.date.fromisoformat(args.end)
    except ValueError as exc:
        print(f"error: dates look like 2026-11-01 ({exc})", file=sys.stderr)
        return 2
    if end < start:
        print("error: --to is before --from", file=sys.stderr)
        return 2
    summary = summarise(open_insights(args.db), start, end)
    path = write_report(summary, Path(args.out))
    print(f"{summary.conversations} conversations; report: {path}; CSV files beside it")
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

    from bot.directory import DEFAULT_DB

    directory = sub.add_parser("directory", help="the directory of services").add_subparsers(
        dest="directory_command", required=True
    )
    p = directory.add_parser("import", help="load a CSV or Open Referral UK JSON file (one transaction)")
    p.add_argument("file")
    p.add_argument("--db", default=str(DEFAULT_DB))
    p.add_argument("--show-errors", type=int, default=50, help="how many row problems to print")
    p.set_defaults(func=_directory_import)
    p = directory.add_parser("validate", help="check a file without loading it; lists problems by line and field")
    p.add_argument("file")
    p.set_defaults(func=_directory_validate)
    p = directory.add_parser("export", help="write the directory as CSV (the spreadsheet format)")
    p.add_argument("file", nargs="?", default="-")
    p.add_argument("--db", default=str(DEFAULT_DB))
    p.set_defaults(func=_directory_export)
    p = directory.add_parser("stale", help="list entries not checked for a while")
    p.add_argument("--months", type=int, default=12)
    p.add_argument("--db", default=str(DEFAULT_DB))
    p.set_defaults(func=_directory_stale)

    from bot.ops.retention import DEFAULT_RETENTION

    p = sub.add_parser("purge", help="delete conversations older than the retention period")
    p.add_argument("--older-than", default=DEFAULT_RETENTION, help="e.g. 30d (default), 12h, 2w")
    p.add_argument("--endpoints", default="endpoints.yml", help="the endpoints file Rasa uses")
    p.add_argument("--dry-run", action="store_true", help="only count what would be deleted")
    p.set_defaults(func=_purge)

    for name, func, help_text in (
        ("forget", _forget, "delete one conversation: every event of it, and its insights facts"),
        ("export", _export, "write one conversation, and its insights facts, as JSON"),
    ):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("sender", help="the conversation's id as Rasa keeps it, e.g. widget:Xy3... or rest:me")
        p.add_argument("--endpoints", default="endpoints.yml", help="the endpoints file Rasa uses")
        p.add_argument(
            "--insights-db", default=None, help="the insights database (default: INSIGHTS_DB or models/insights.db, if it exists)"
        )
        if name == "export":
            p.add_argument("--out", default="-", help="file to write (default: standard output)")
        p.set_defaults(func=func)

    insights = sub.add_parser("insights", help="anonymous insights for the service").add_subparsers(
        dest="insights_command", required=True
    )
    p = insights.add_parser("report", help="write an HTML report with charts and CSV exports")
    p.add_argument("--from", dest="start", required=True, help="first day, e.g. 2026-11-01")
    p.add_argument("--to", dest="end", required=True, help="last day, e.g. 2026-11-30")
    p.add_argument("--out", default="reports/insights")
    p.add_argument("--db", default=None, help="the insights database (default: INSIGHTS_DB or models/insights.db)")
    p.set_defaults(func=_insights_report)

    from bot.insights.retention import DEFAULT_INSIGHTS_RETENTION

    p = insights.add_parser("purge", help="delete insights facts older than their retention period")
    p.add_argument("--older-than", default=DEFAULT_INSIGHTS_RETENTION, help="e.g. 56w (default), 365d")
    p.add_argument("--db", default=None, help="the insights database (default: INSIGHTS_DB or models/insights.db)")
    p.add_argument("--dry-run", action="store_true", help="only count what would be deleted")
    p.set_defaults(func=_insights_purge)

    from bot.ops import teams_package

    teams = sub.add_parser("teams", help="Microsoft Teams").add_subparsers(dest="teams_command", required=True)
    p = teams.add_parser("package", help="build the Teams app zip, checked against Microsoft's schema")
    teams_package.add_arguments(p)
    p.set_defaults(func=teams_package.package_command)

    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)
