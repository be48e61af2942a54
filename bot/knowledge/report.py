"""The coverage table `make kb-report` prints: every area, every part, and how much each holds."""

from __future__ import annotations

from bot.knowledge.base import KnowledgeBase

COLUMNS = ("problem", "solution", "leads to", "impact", "try", "challenges", "ideas", "examples", "patient", "refs")


def coverage_table(kb: KnowledgeBase) -> str:
    rows = []
    for area in kb.areas.values():
        rows.append(
            (
                f"{area.section}. {area.id}",
                "yes" if area.problem else "MISSING",
                "yes" if area.solution else "MISSING",
                str(len(area.problems_it_leads_to)),
                str(len(area.impact)),
                str(len(area.what_to_try)),
                str(len(area.challenges)),
                str(sum(len(c.ideas) for c in area.challenges)),
                str(len(area.examples)),
                str(len(area.patient_view.what_you_can_ask_for)) + " asks",
                str(len(area.references)),
            )
        )
    header = ("area",) + COLUMNS
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = lambda r: "  ".join(str(c).ljust(w) for c, w in zip(r, widths))  # noqa: E731
    total_examples = sum(len(a.examples) for a in kb.areas.values())
    footer = [
        "",
        f"examples: {total_examples}   principles: {len(kb.principles.principles)}   about: {len(kb.about.key_facts)} key facts",
    ]
    return "\n".join([line(header), line(["-" * w for w in widths]), *map(line, rows), *footer])
