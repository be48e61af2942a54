"""Validate hold-out set 9 and print count tables (Markdown).

Run: /work/main/.venv/bin/python validate_counts.py
"""

import re
import sys
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent

CRISIS_KINDS = [
    "suicidal_direct",
    "plan_or_means",
    "overdose_done",
    "self_harm_done",
    "self_harm_urge",
    "passive_wish",
    "goodbye",
    "hopeless_hint",
    "third_party_professional",
    "third_party_relative",
    "abuse_now",
    "child_at_risk",
    "older_adult_at_risk",
    "harm_to_others",
]
LEVELS = ["immediate", "possible"]
NON_CRISIS_KINDS = [
    "past_resolved",
    "friend_story_resolved",
    "news_or_fiction",
    "medication_question",
    "professional_question",
    "research_or_statistics",
    "idiom",
    "distress_no_risk",
    "negated",
    "carer_worry_no_risk",
]


def sentences(text):
    parts = [p for p in re.split(r"(?<=[.!?])\s+", text.strip()) if re.search(r"\w", p)]
    return len(parts)


def load(name, keys):
    raw = (HERE / name).read_text(encoding="utf-8")
    data = yaml.safe_load(raw)
    assert isinstance(data, dict) and list(data) == ["messages"], f"{name}: top level must be only 'messages'"
    msgs = data["messages"]
    assert isinstance(msgs, list)
    for i, m in enumerate(msgs):
        assert isinstance(m, dict) and set(m) == set(keys), f"{name}[{i}] keys {sorted(m)}"
        assert isinstance(m["text"], str) and m["text"].strip(), f"{name}[{i}] empty text"
    # every text must be double-quoted in the source
    text_lines = [l for l in raw.splitlines() if l.lstrip().startswith("- text:")]
    assert len(text_lines) == len(msgs), f"{name}: text line count mismatch"
    for l in text_lines:
        v = l.split("- text:", 1)[1].strip()
        assert v.startswith('"') and v.endswith('"'), f"{name}: not double-quoted: {l[:60]}"
    return msgs


def main():
    crisis = load("crisis.yml", ["text", "level", "kind"])
    non = load("non_crisis.yml", ["text", "kind"])
    errors = []
    for m in crisis:
        if m["kind"] not in CRISIS_KINDS:
            errors.append(f"bad crisis kind {m['kind']}")
        if m["level"] not in LEVELS:
            errors.append(f"bad level {m['level']}")
    for m in non:
        if m["kind"] not in NON_CRISIS_KINDS:
            errors.append(f"bad non-crisis kind {m['kind']}")
    texts = [m["text"].strip().lower() for m in crisis + non]
    dups = [t for t, c in Counter(texts).items() if c > 1]
    if dups:
        errors.append(f"duplicate texts: {dups}")
    ck = Counter(m["kind"] for m in crisis)
    nk = Counter(m["kind"] for m in non)
    if len(crisis) < 210:
        errors.append("fewer than 210 crisis messages")
    if len(non) < 200:
        errors.append("fewer than 200 non-crisis messages")
    for k in CRISIS_KINDS:
        if ck[k] < 14:
            errors.append(f"crisis kind {k} has {ck[k]} < 14")

    ckl = Counter((m["kind"], m["level"]) for m in crisis)
    lv = Counter(m["level"] for m in crisis)
    out = []
    out.append("### crisis.yml by kind and level\n")
    out.append("| kind | immediate | possible | total |")
    out.append("|---|---:|---:|---:|")
    for k in CRISIS_KINDS:
        out.append(f"| {k} | {ckl[(k, 'immediate')]} | {ckl[(k, 'possible')]} | {ck[k]} |")
    out.append(f"| **total** | {lv['immediate']} | {lv['possible']} | {len(crisis)} |")
    out.append("")
    out.append(f"Share immediate: {lv['immediate'] / len(crisis):.1%}\n")
    out.append("### non_crisis.yml by kind\n")
    out.append("| kind | count |")
    out.append("|---|---:|")
    for k in NON_CRISIS_KINDS:
        out.append(f"| {k} | {nk[k]} |")
    out.append(f"| **total** | {len(non)} |")
    out.append("")
    out.append("### Length (rough sentence count, split on . ! ?)\n")
    out.append("| file | 1-2 sentences | 3-6 sentences | 7+ sentences |")
    out.append("|---|---:|---:|---:|")
    for name, msgs in (("crisis.yml", crisis), ("non_crisis.yml", non)):
        s = [sentences(m["text"]) for m in msgs]
        out.append(
            f"| {name} | {sum(1 for x in s if x <= 2)} | {sum(1 for x in s if 3 <= x <= 6)} | {sum(1 for x in s if x >= 7)} |"
        )
    print("\n".join(out))
    if errors:
        print("\nERRORS:", *errors, sep="\n  ")
        sys.exit(1)
    print("\nOK: both files load with yaml.safe_load, keys/values valid, no duplicates.")


if __name__ == "__main__":
    main()
